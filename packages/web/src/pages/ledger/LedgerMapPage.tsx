import { useEffect, useRef, useState } from 'react';
import { Alert, Card, Descriptions, Select, Space, Spin, Typography } from 'antd';
import type { ExpressionSpecification, LngLatBoundsLike, VectorTileSource } from 'maplibre-gl';
import { formatArea } from '@linzhang/domain';
import { api } from '../../api/client.ts';
import type { UnitDetail } from '../../api/types.ts';
import { useUser } from '../../auth.tsx';
import { maplibregl, ownLayersStyle, unitBounds } from '../../components/map-style.ts';
import { UnitName } from '../../components/UnitName.tsx';
import { forestCategoryName, landClassGroups, landClassName, originName, OTHER_LAND_CLASS_COLOR, yearOptions } from './ledger-labels.ts';

const CHONGQING: LngLatBoundsLike = [105.2, 28.1, 110.2, 32.2];
/** The server serves parcels from this zoom on (a county's parcels are a few pixels each below it). */
const PARCEL_MIN_ZOOM = 8;

const fillColor: ExpressionSpecification = [
  'match', ['get', 'landClass'],
  ...landClassGroups.flatMap((g) => [g.codes, g.color] as [string[], string]),
  OTHER_LAND_CLASS_COLOR,
] as unknown as ExpressionSpecification;

const parcelTiles = (year: number) => [`${window.location.origin}/api/tiles/parcels/{z}/{x}/{y}.pbf?year=${year}`];
const text = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

/** 林草湿一本账 › 小班地图: the parcels of a ledger year coloured by 地类, click one for its attributes. */
export function LedgerMapPage() {
  const user = useUser();
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<maplibregl.Map | null>(null);
  const [years, setYears] = useState<number[] | null>(null);
  const [year, setYear] = useState<number | null>(null);
  const [picked, setPicked] = useState<Record<string, unknown> | null>(null);
  const [loading, setLoading] = useState(true);
  const [zoom, setZoom] = useState(0);

  useEffect(() => {
    void api<{ years: number[] }>('GET', '/api/ledger/years').then(
      (r) => { setYears(r.years); setYear(r.years[0] ?? yearOptions()[0]!.value); },
      () => { setYears([]); setYear(yearOptions()[0]!.value); },
    );
  }, [user.scopeUnit.code]);

  // The map is made once the year is known, and keeps its view when the year changes (only the tiles do).
  useEffect(() => {
    if (!container.current || year === null || map.current) return;
    window.__linzhangMapReady = false;
    const tiles = (layer: string) => [`${window.location.origin}/api/tiles/${layer}/{z}/{x}/{y}.pbf`];
    // Over the parcels: land approved or applied for (使用林地) and the ancient and famous trees.
    const style = ownLayersStyle(
      {
        parcels: { type: 'vector', tiles: parcelTiles(year), minzoom: PARCEL_MIN_ZOOM, maxzoom: 16 },
        land_use: { type: 'vector', tiles: tiles('land_use'), maxzoom: 16 },
        trees: { type: 'vector', tiles: tiles('trees'), maxzoom: 16 },
      },
      [
        { id: 'land-use-line', type: 'line', source: 'land_use', 'source-layer': 'land_use', paint: { 'line-color': '#a8071a', 'line-width': 2, 'line-dasharray': [3, 2] } },
        { id: 'trees', type: 'circle', source: 'trees', 'source-layer': 'trees', minzoom: 9, paint: { 'circle-radius': 5, 'circle-color': '#722ed1', 'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5 } },
      ],
    );
    // Parcels above the village tint and below the boundaries, so town and county lines stay readable.
    const at = style.layers.findIndex((l) => l.id === 'grids-line');
    style.layers.splice(at, 0,
      { id: 'parcels-fill', type: 'fill', source: 'parcels', 'source-layer': 'parcels', paint: { 'fill-color': fillColor, 'fill-opacity': 0.85 } },
      { id: 'parcels-line', type: 'line', source: 'parcels', 'source-layer': 'parcels', minzoom: 12, paint: { 'line-color': '#ffffff', 'line-width': 0.6, 'line-opacity': 0.8 } },
      { id: 'parcels-selected', type: 'line', source: 'parcels', 'source-layer': 'parcels', filter: ['==', ['get', 'id'], ''], paint: { 'line-color': '#d4380d', 'line-width': 3 } },
    );
    const m = new maplibregl.Map({ container: container.current, style, bounds: CHONGQING, attributionControl: false });
    map.current = m;
    window.__linzhangMap = m;
    m.addControl(new maplibregl.NavigationControl({ showCompass: false }));
    m.addControl(new maplibregl.ScaleControl({ unit: 'metric' }));
    let cancelled = false;
    const markReadyWhenLoaded = () => {
      if (cancelled) return;
      if (m.isSourceLoaded('units') && m.isSourceLoaded('parcels')) {
        setLoading(false);
        window.__linzhangMapReady = true;
      } else {
        m.once('idle', markReadyWhenLoaded);
      }
    };
    m.on('zoomend', () => setZoom(m.getZoom()));
    void api<UnitDetail>('GET', `/api/units/${user.scopeUnit.code}`)
      .then((unit) => unitBounds(unit) ?? CHONGQING, () => CHONGQING)
      .then((bounds) => {
        if (cancelled) return;
        m.fitBounds(bounds, { padding: 24, animate: false });
        setZoom(m.getZoom());
        m.once('idle', markReadyWhenLoaded);
      });
    m.on('click', (e) => {
      const hit = m.queryRenderedFeatures(e.point, { layers: ['parcels-fill'] })[0];
      setPicked(hit ? hit.properties : null);
      m.setFilter('parcels-selected', ['==', ['get', 'id'], text(hit?.properties.id)]);
    });
    m.on('mousemove', (e) => {
      m.getCanvas().style.cursor = m.queryRenderedFeatures(e.point, { layers: ['parcels-fill'] }).length ? 'pointer' : '';
    });
    return () => {
      cancelled = true;
      window.__linzhangMapReady = false;
      delete window.__linzhangMap;
      map.current = null;
      m.remove();
    };
    // Made once the year is first known; a later year only swaps the tiles (the effect below).
  }, [user.scopeUnit.code, year === null]);

  useEffect(() => {
    const m = map.current;
    if (!m || year === null) return;
    const source = m.getSource('parcels') as VectorTileSource | undefined;
    if (!source) return;
    setPicked(null);
    window.__linzhangMapReady = false;
    source.setTiles(parcelTiles(year));
    m.once('idle', () => { window.__linzhangMapReady = true; });
  }, [year]);

  const options = years && years.length ? years.map((y) => ({ value: y, label: `${y} 年度` })) : yearOptions();
  return (
    <div style={{ position: 'relative', height: 'calc(100vh - 112px)', minHeight: 480 }}>
      <div ref={container} data-testid="map" style={{ position: 'absolute', inset: 0, borderRadius: 8, overflow: 'hidden' }} />
      {loading && <Spin style={{ position: 'absolute', top: 60, left: 16 }} />}
      <Card size="small" style={{ position: 'absolute', top: 12, left: 12, width: 300 }}>
        <Space direction="vertical" style={{ width: '100%' }} size={4}>
          <Space style={{ justifyContent: 'space-between', width: '100%' }}>
            <Typography.Text strong>小班地图</Typography.Text>
            <Select size="small" value={year ?? undefined} onChange={setYear} options={options} style={{ width: 120 }} data-testid="year" />
          </Space>
          {years && years.length === 0 && <Alert type="info" showIcon message="您的管辖范围内还没有小班，请先在“导入小班”中导入。" />}
          {zoom > 0 && zoom < PARCEL_MIN_ZOOM && <Typography.Text type="secondary">放大到更小范围后显示小班</Typography.Text>}
        </Space>
        {picked && (
          <div data-testid="parcel-detail" style={{ marginTop: 8 }}>
            <Descriptions size="small" column={1} bordered
              title={<Space style={{ justifyContent: 'space-between', width: '100%' }}><span>小班 {text(picked.parcelNo)}</span><a onClick={() => { setPicked(null); map.current?.setFilter('parcels-selected', ['==', ['get', 'id'], '']); }}>关闭</a></Space>}>
              <Descriptions.Item label="区划"><UnitName code={text(picked.unitCode)} /></Descriptions.Item>
              <Descriptions.Item label="地类">{text(picked.landClass)} {landClassName(text(picked.landClass))}</Descriptions.Item>
              <Descriptions.Item label="森林类别">{forestCategoryName(picked.forestCategory ? text(picked.forestCategory) : null)}</Descriptions.Item>
              <Descriptions.Item label="起源">{originName(picked.origin ? text(picked.origin) : null)}</Descriptions.Item>
              <Descriptions.Item label="面积">{typeof picked.areaM2 === 'number' ? formatArea(picked.areaM2) : '—'}</Descriptions.Item>
            </Descriptions>
          </div>
        )}
      </Card>
      <Card size="small" title="地类" style={{ position: 'absolute', bottom: 28, right: 12 }} data-testid="legend">
        <div style={{ fontSize: 12, lineHeight: '20px' }}>
          {landClassGroups.map((g) => (
            <div key={g.name}><span style={{ display: 'inline-block', width: 18, height: 10, background: g.color, marginRight: 6, verticalAlign: 'middle' }} />{g.name}</div>
          ))}
          <div style={{ marginTop: 4 }}><span style={{ display: 'inline-block', width: 18, borderTop: '2px solid #1f6f3b', marginRight: 6, verticalAlign: 'middle' }} />镇街界</div>
          <div><span style={{ display: 'inline-block', width: 18, borderTop: '2px dashed #a8071a', marginRight: 6, verticalAlign: 'middle' }} />使用林地范围</div>
          <div><span style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 5, background: '#722ed1', margin: '0 10px 0 4px', verticalAlign: 'middle' }} />古树名木</div>
        </div>
      </Card>
    </div>
  );
}
