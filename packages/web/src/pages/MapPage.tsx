import { useEffect, useRef, useState } from 'react';
import { Card, Checkbox, Descriptions, Spin } from 'antd';
import { Link } from 'react-router-dom';
import {
  deadTreeStepNames, fireStatusNames, infrastructureKindInfo, landClasses, problemCategoryNames, problemStatusNames,
  type DeadTreeStep, type FireStatus, type InfrastructureTargetKind, type ProblemCategory, type ProblemStatus,
} from '@linzhang/domain';
import * as maplibregl from 'maplibre-gl';
import type { LngLatBoundsLike, MapGeoJSONFeature, StyleSpecification } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { api, query } from '../api/client.ts';
import type { UnitDetail } from '../api/types.ts';
import { useUser } from '../auth.tsx';
import { areaKindNames, unitLevelNames } from '../labels.ts';
import { unitBounds } from '../components/map-style.ts';

maplibregl.setWorkerUrl(workerUrl);

const CHONGQING: LngLatBoundsLike = [105.2, 28.1, 110.2, 32.2];

// Our own layers only: no remote basemap, glyphs or sprites are reachable (or needed).
function style(origin: string): StyleSpecification {
  const tiles = (layer: string) => [`${origin}/api/tiles/${layer}/{z}/{x}/{y}.pbf`];
  return {
    version: 8,
    sources: {
      units: { type: 'vector', tiles: tiles('units'), minzoom: 0, maxzoom: 16 },
      // Grids are only drawn from z11; fetching them earlier would move ~300 KiB per county view for nothing.
      areas: { type: 'vector', tiles: tiles('areas'), minzoom: 10, maxzoom: 16 },
      // The other layers of 一张图: tiles are fetched only while their layer is shown (layout visibility none).
      parcels: { type: 'vector', tiles: tiles('parcels'), minzoom: 10, maxzoom: 16 },
      land_use: { type: 'vector', tiles: tiles('land_use'), minzoom: 0, maxzoom: 16 },
      infrastructure: { type: 'vector', tiles: tiles('infrastructure'), minzoom: 0, maxzoom: 16 },
      trees: { type: 'vector', tiles: tiles('trees'), minzoom: 0, maxzoom: 16 },
      problems: { type: 'vector', tiles: tiles('problems'), minzoom: 0, maxzoom: 16 },
      fires: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
      dead_trees: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#f4f7f2' } },
      { id: 'villages-fill', type: 'fill', source: 'units', 'source-layer': 'units', filter: ['==', ['get', 'level'], 'village'], paint: { 'fill-color': '#b9dcb8', 'fill-opacity': 0.55 } },
      { id: 'danger-fill', type: 'fill', source: 'units', 'source-layer': 'units', filter: ['==', ['get', 'level'], 'town'], layout: { visibility: 'none' }, paint: { 'fill-color': 'rgba(0,0,0,0)', 'fill-opacity': 0.45 } },
      { id: 'parcels-fill', type: 'fill', source: 'parcels', 'source-layer': 'parcels', minzoom: 10, layout: { visibility: 'none' }, paint: { 'fill-color': ['case', ['in', ['get', 'landClass'], ['literal', forestClasses]], '#3f8f4f', '#d9c27a'], 'fill-opacity': 0.45 } },
      { id: 'parcels-line', type: 'line', source: 'parcels', 'source-layer': 'parcels', minzoom: 12, layout: { visibility: 'none' }, paint: { 'line-color': '#2f6f3b', 'line-width': 0.5 } },
      { id: 'land-use-fill', type: 'fill', source: 'land_use', 'source-layer': 'land_use', layout: { visibility: 'none' }, paint: { 'fill-color': '#d46b08', 'fill-opacity': 0.45 } },
      // Nearly clear, but a fill makes a grid clickable anywhere inside it, not only on its boundary.
      { id: 'grids-fill', type: 'fill', source: 'areas', 'source-layer': 'areas', minzoom: 11, filter: ['==', ['get', 'kind'], 'grid'], paint: { 'fill-color': '#6b9f6a', 'fill-opacity': 0.06 } },
      { id: 'grids-line', type: 'line', source: 'areas', 'source-layer': 'areas', minzoom: 11, filter: ['==', ['get', 'kind'], 'grid'], paint: { 'line-color': '#6b9f6a', 'line-width': 0.6, 'line-dasharray': [2, 2] } },
      { id: 'villages-line', type: 'line', source: 'units', 'source-layer': 'units', filter: ['==', ['get', 'level'], 'village'], paint: { 'line-color': '#5c8f5b', 'line-width': 0.8 } },
      { id: 'towns-line', type: 'line', source: 'units', 'source-layer': 'units', filter: ['==', ['get', 'level'], 'town'], paint: { 'line-color': '#1f6f3b', 'line-width': 2 } },
      { id: 'county-line', type: 'line', source: 'units', 'source-layer': 'units', filter: ['==', ['get', 'level'], 'county'], paint: { 'line-color': '#8a5a00', 'line-width': 3 } },
      { id: 'infra-line', type: 'line', source: 'infrastructure', 'source-layer': 'infrastructure', filter: ['==', ['geometry-type'], 'LineString'], layout: { visibility: 'none' }, paint: { 'line-color': '#cf1322', 'line-width': 2 } },
      { id: 'infra-point', type: 'circle', source: 'infrastructure', 'source-layer': 'infrastructure', filter: ['==', ['geometry-type'], 'Point'], layout: { visibility: 'none' }, paint: { 'circle-radius': 4, 'circle-color': '#cf1322', 'circle-stroke-color': '#fff', 'circle-stroke-width': 1 } },
      { id: 'trees-point', type: 'circle', source: 'trees', 'source-layer': 'trees', layout: { visibility: 'none' }, paint: { 'circle-radius': 4, 'circle-color': '#7c4a03', 'circle-stroke-color': '#fff', 'circle-stroke-width': 1 } },
      { id: 'dead-trees-point', type: 'circle', source: 'dead_trees', layout: { visibility: 'none' }, paint: { 'circle-radius': 3, 'circle-color': ['case', ['==', ['get', 'state'], 'done'], '#8c8c8c', '#a0522d'] } },
      { id: 'problems-point', type: 'circle', source: 'problems', 'source-layer': 'problems', paint: { 'circle-radius': 5, 'circle-color': ['case', ['==', ['get', 'overdue'], true], '#cf1322', ['==', ['get', 'status'], 'closed'], '#8c8c8c', '#fa8c16'], 'circle-stroke-color': '#fff', 'circle-stroke-width': 1 } },
      { id: 'fires-point', type: 'circle', source: 'fires', paint: { 'circle-radius': 7, 'circle-color': ['case', ['==', ['get', 'open'], 1], '#f5222d', '#ffa39e'], 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 } },
      { id: 'selected-grid', type: 'line', source: 'areas', 'source-layer': 'areas', filter: ['==', ['get', 'id'], ''], paint: { 'line-color': '#d4380d', 'line-width': 2 } },
      { id: 'selected', type: 'line', source: 'units', 'source-layer': 'units', filter: ['==', ['get', 'code'], ''], paint: { 'line-color': '#d4380d', 'line-width': 3 } },
    ],
  };
}


/** What a click hit: the smallest unit under the pointer, the ranger grid when zoomed in, and a record of a layer. */
interface Picked {
  unit: Record<string, unknown> | null;
  grid: Record<string, unknown> | null;
  record: { source: string; properties: Record<string, unknown> } | null;
}

const UNIT_LAYERS = ['villages-fill', 'towns-line', 'county-line'];
const RECORD_LAYERS = ['fires-point', 'problems-point', 'dead-trees-point', 'trees-point', 'infra-point', 'infra-line', 'land-use-fill', 'parcels-fill'];
const levelOrder = ['village', 'town', 'county'];
const text = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const forestClasses = Object.entries(landClasses).filter(([, c]) => c.forest).map(([code]) => code);
const dangerColours: Record<string, string> = { green: '#52c41a', blue: '#1677ff', yellow: '#fadb14', orange: '#fa8c16', red: '#f5222d' };

/** The layers a person can switch on and off, and the map layers each stands for. */
const overlays: { key: string; label: string; layers: string[]; on: boolean; swatch: string }[] = [
  { key: 'villages', label: '村（社区）', layers: ['villages-fill', 'villages-line'], on: true, swatch: '#b9dcb8' },
  { key: 'grids', label: '护林员网格（放大后显示）', layers: ['grids-fill', 'grids-line'], on: true, swatch: '#6b9f6a' },
  { key: 'danger', label: '今日火险等级（乡镇）', layers: ['danger-fill'], on: false, swatch: '#fa8c16' },
  { key: 'parcels', label: '一本账小班（放大后显示）', layers: ['parcels-fill', 'parcels-line'], on: false, swatch: '#3f8f4f' },
  { key: 'land_use', label: '征占用林地', layers: ['land-use-fill'], on: false, swatch: '#d46b08' },
  { key: 'infrastructure', label: '防火设施', layers: ['infra-line', 'infra-point'], on: false, swatch: '#cf1322' },
  { key: 'trees', label: '古树名木', layers: ['trees-point'], on: false, swatch: '#7c4a03' },
  { key: 'dead_trees', label: '枯死松树（未处置完）', layers: ['dead-trees-point'], on: false, swatch: '#a0522d' },
  { key: 'problems', label: '问题（红色为逾期）', layers: ['problems-point'], on: true, swatch: '#fa8c16' },
  { key: 'fires', label: '火情（本年）', layers: ['fires-point'], on: true, swatch: '#f5222d' },
];

function pick(features: MapGeoJSONFeature[]): Picked {
  const units = features.filter((f) => f.source === 'units' && f.layer.id !== 'danger-fill');
  units.sort((a, b) => levelOrder.indexOf(text(a.properties.level)) - levelOrder.indexOf(text(b.properties.level)));
  const grid = features.find((f) => f.source === 'areas');
  const record = RECORD_LAYERS.map((id) => features.find((f) => f.layer.id === id)).find((f) => f !== undefined);
  return { unit: units[0]?.properties ?? null, grid: grid?.properties ?? null, record: record ? { source: record.source, properties: record.properties } : null };
}

/** A picked record's title, a line about it and the page that shows it. */
function describe(r: NonNullable<Picked['record']>): { title: string; line: string; link: string | null } {
  const p = r.properties;
  switch (r.source) {
    case 'fires': return { title: text(p.title) || '火情', line: fireStatusNames[text(p.status) as FireStatus] ?? text(p.status), link: `/fire/alarms/${text(p.id)}` };
    case 'problems': return { title: problemCategoryNames[text(p.category) as ProblemCategory] ?? '问题', line: `${problemStatusNames[text(p.status) as ProblemStatus] ?? text(p.status)}${p.overdue === true ? '（逾期）' : ''}`, link: `/problems/${text(p.id)}` };
    case 'dead_trees': return { title: '枯死松树', line: text(p.state) === 'done' ? '已完成除治' : `当前环节：${deadTreeStepNames[text(p.state) as DeadTreeStep] ?? text(p.state)}`, link: '/pests' };
    case 'trees': return { title: `古树 ${text(p.registerNo)}`, line: `${text(p.species)} · ${text(p.grade)}`, link: '/ledger/trees' };
    case 'infrastructure': return { title: text(p.name), line: infrastructureKindInfo[text(p.kind) as InfrastructureTargetKind]?.name ?? text(p.kind), link: '/fire/infrastructure' };
    case 'land_use': return { title: text(p.project), line: '征占用林地', link: '/ledger/land-use' };
    default: return { title: `小班 ${text(p.parcelNo)}`, line: landClasses[text(p.landClass)]?.name ?? text(p.landClass), link: '/ledger/parcels' };
  }
}

export function MapPage() {
  const user = useUser();
  const container = useRef<HTMLDivElement>(null);
  const [picked, setPicked] = useState<Picked | null>(null);
  const [loading, setLoading] = useState(true);
  const [shown, setShown] = useState<Record<string, boolean>>(() => Object.fromEntries(overlays.map((o) => [o.key, o.on])));
  const [mapObject, setMapObject] = useState<maplibregl.Map | null>(null);
  const loaded = useRef(new Set<string>());

  useEffect(() => {
    if (!container.current) return;
    window.__linzhangMapReady = false;
    const map = new maplibregl.Map({ container: container.current, style: style(window.location.origin), bounds: CHONGQING, attributionControl: false });
    window.__linzhangMap = map;
    setMapObject(map);
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }));
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }));
    let cancelled = false;

    // Ready for a reader (a person or a test) once the view shows the scope and both sources' tiles are in.
    const markReadyWhenLoaded = () => {
      if (cancelled) return;
      if (map.isSourceLoaded('units') && map.isSourceLoaded('areas')) {
        setLoading(false);
        window.__linzhangMapReady = true;
      } else {
        map.once('idle', markReadyWhenLoaded);
      }
    };

    void api<UnitDetail>('GET', `/api/units/${user.scopeUnit.code}`)
      .then((unit) => unitBounds(unit) ?? CHONGQING, () => CHONGQING)
      .then((bounds) => {
        if (cancelled) return;
        map.fitBounds(bounds, { padding: 24, animate: false });
        map.once('idle', markReadyWhenLoaded);
      });

    map.on('click', (e) => {
      const visible = RECORD_LAYERS.filter((id) => map.getLayoutProperty(id, 'visibility') !== 'none');
      const hit = pick(map.queryRenderedFeatures(e.point, { layers: [...UNIT_LAYERS, 'grids-fill', ...visible] }));
      const none = !hit.unit && !hit.grid && !hit.record;
      setPicked(none ? null : hit);
      map.setFilter('selected', ['==', ['get', 'code'], text(hit.unit?.code)]);
      map.setFilter('selected-grid', ['==', ['get', 'id'], text(hit.grid?.id)]);
    });

    return () => {
      cancelled = true;
      window.__linzhangMapReady = false;
      delete window.__linzhangMap;
      setMapObject(null);
      loaded.current.clear();
      map.remove();
    };
  }, [user.scopeUnit.code]);

  // Switching a layer; the layers from lists (fires, dead trees, today's danger) are fetched the first time they show.
  useEffect(() => {
    const map = mapObject;
    if (!map) return;
    const apply = () => {
      for (const o of overlays) for (const id of o.layers) map.setLayoutProperty(id, 'visibility', shown[o.key] ? 'visible' : 'none');
      const year = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4);
      const fetchOnce = (key: string, load: () => Promise<void>) => {
        if (!shown[key] || loaded.current.has(key)) return;
        loaded.current.add(key);
        void load().catch(() => loaded.current.delete(key));
      };
      fetchOnce('fires', async () => {
        const data = await api<GeoJSON.FeatureCollection>('GET', `/api/fires/map${query({ year })}`);
        (map.getSource('fires') as maplibregl.GeoJSONSource | undefined)?.setData(data);
      });
      fetchOnce('dead_trees', async () => {
        const data = await api<GeoJSON.FeatureCollection>('GET', `/api/pests/dead-trees/map${query({ open: true })}`);
        (map.getSource('dead_trees') as maplibregl.GeoJSONSource | undefined)?.setData(data);
      });
      fetchOnce('danger', async () => {
        const r = await api<{ units: { unitCode: string; unitLevel: string; colour: string }[] }>('GET', '/api/fire/danger');
        const towns = r.units.filter((u) => u.unitLevel === 'town');
        const [first, ...rest] = towns;
        map.setPaintProperty('danger-fill', 'fill-color', first
          ? ['match', ['get', 'code'], first.unitCode, dangerColours[first.colour] ?? '#bfbfbf', ...rest.flatMap((u) => [u.unitCode, dangerColours[u.colour] ?? '#bfbfbf']), 'rgba(0,0,0,0)'] as unknown as maplibregl.ExpressionSpecification
          : 'rgba(0,0,0,0)');
      });
    };
    if (map.isStyleLoaded()) apply();
    else map.once('load', apply);
  }, [mapObject, shown]);

  const unit = picked?.unit;
  const grid = picked?.grid;
  return (
    // The map fills the window below the header, so the whole scope fits in view however long the menu is.
    <div style={{ position: 'relative', height: 'calc(100vh - 112px)', minHeight: 480 }}>
      <div ref={container} data-testid="map" style={{ position: 'absolute', inset: 0, borderRadius: 8, overflow: 'hidden' }} />
      {loading && <Spin style={{ position: 'absolute', top: 16, left: 16 }} />}
      {picked && (
        <Card
          size="small"
          data-testid="map-feature"
          title={text(unit?.name ?? grid?.name) || (picked.record ? describe(picked.record).title : '')}
          style={{ position: 'absolute', top: 12, left: 12, width: 280 }}
          extra={<a onClick={() => setPicked(null)}>关闭</a>}
        >
          {picked.record && (() => {
            const d = describe(picked.record);
            return (
              <div data-testid="map-record" style={{ marginBottom: 8, paddingBottom: 8, borderBottom: '1px solid #f0f0f0' }}>
                <strong>{d.title}</strong> <span style={{ color: '#666' }}>{d.line}</span> {d.link && <Link to={d.link}>查看</Link>}
              </div>
            );
          })()}
          <Descriptions size="small" column={1}>
            {unit && <Descriptions.Item label="区划代码">{text(unit.code)}</Descriptions.Item>}
            {unit && <Descriptions.Item label="层级">{unitLevelNames[text(unit.level)] ?? text(unit.level)}</Descriptions.Item>}
            {grid && <Descriptions.Item label={areaKindNames[text(grid.kind)] ?? '责任区'}>{text(grid.name)}</Descriptions.Item>}
            {grid && !unit && <Descriptions.Item label="区划代码">{text(grid.unitCode)}</Descriptions.Item>}
            {grid && <Descriptions.Item label="编号">{text(grid.id)}</Descriptions.Item>}
          </Descriptions>
        </Card>
      )}
      <Card size="small" title="图层" style={{ position: 'absolute', top: 12, right: 52, width: 230 }} data-testid="map-layers">
        <div style={{ fontSize: 12, lineHeight: '20px', marginBottom: 6 }}>
          <div><span style={{ display: 'inline-block', width: 18, borderTop: '3px solid #8a5a00', verticalAlign: 'middle' }} /> 区县界</div>
          <div><span style={{ display: 'inline-block', width: 18, borderTop: '2px solid #1f6f3b', verticalAlign: 'middle' }} /> 镇街界</div>
        </div>
        {overlays.map((o) => (
          <div key={o.key}>
            <Checkbox checked={shown[o.key]} onChange={(e) => setShown((old) => ({ ...old, [o.key]: e.target.checked }))}>
              <span style={{ display: 'inline-block', width: 10, height: 10, background: o.swatch, marginRight: 6, verticalAlign: 'middle' }} />
              <span style={{ fontSize: 12 }}>{o.label}</span>
            </Checkbox>
          </div>
        ))}
      </Card>
    </div>
  );
}
