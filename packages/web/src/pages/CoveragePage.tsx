import { useEffect, useRef, useState } from 'react';
import { Alert, Card, DatePicker, Progress, Space, Table, Typography } from 'antd';
import * as maplibregl from 'maplibre-gl';
import type { GeoJSONSource, LngLatBoundsLike } from 'maplibre-gl';
import dayjs, { type Dayjs } from 'dayjs';
import { api, ApiError, query } from '../api/client.ts';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { useUser } from '../auth.tsx';
import type { UnitDetail } from '../api/types.ts';
import { unitBounds } from '../components/map-style.ts';

interface Report {
  cellSizeM: number;
  reachM: number;
  areas: { id: string; name: string; share: number; cells: number; visitedCells: number }[];
  heat: { lon: number; lat: number; visits: number }[];
}

const shanghaiMidnight = (d: Dayjs): string => `${d.format('YYYY-MM-DD')}T00:00:00+08:00`;

/** 巡林 › 覆盖率: how much of each ranger grid valid patrols reached, with a heat layer of visited cells. */
export function CoveragePage() {
  const user = useUser();
  const startUnit = user.scopeUnit.level === 'town' || user.scopeUnit.level === 'village' ? user.scopeUnit.code : undefined;
  const [unit, setUnit] = useState<string | undefined>(startUnit);
  const scopeCode = user.scopeUnit.code;
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('month'), dayjs().endOf('month')]);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<maplibregl.Map | null>(null);

  useEffect(() => {
    if (!box.current) return;
    const m = new maplibregl.Map({
      container: box.current,
      attributionControl: false,
      bounds: [105.2, 28.1, 110.2, 32.2],
      style: {
        version: 8,
        sources: {
          areas: { type: 'vector', tiles: [`${location.origin}/api/tiles/areas/{z}/{x}/{y}.pbf`], minzoom: 10, maxzoom: 16 },
          units: { type: 'vector', tiles: [`${location.origin}/api/tiles/units/{z}/{x}/{y}.pbf`], maxzoom: 16 },
          heat: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
        },
        layers: [
          { id: 'bg', type: 'background', paint: { 'background-color': '#f4f7f2' } },
          { id: 'heat', type: 'heatmap', source: 'heat', paint: { 'heatmap-weight': ['min', 1, ['/', ['get', 'visits'], 5]], 'heatmap-radius': 12, 'heatmap-opacity': 0.8 } },
          { id: 'grids', type: 'line', source: 'areas', 'source-layer': 'areas', filter: ['==', ['get', 'kind'], 'grid'], paint: { 'line-color': '#6b9f6a', 'line-dasharray': [2, 2] } },
          { id: 'units', type: 'line', source: 'units', 'source-layer': 'units', paint: { 'line-color': '#1f6f3b', 'line-width': 1.5 } },
        ],
      },
    });
    map.current = m;
    // Until a unit is picked, the user's own area (a town or village user starts on theirs, fitted below).
    if (!startUnit) {
      void api<UnitDetail>('GET', `/api/units/${scopeCode}`).then((u) => {
        const b = unitBounds(u);
        if (b && map.current === m) m.fitBounds(b, { padding: 20, animate: false });
      }, () => undefined);
    }
    return () => { m.remove(); map.current = null; };
  }, [scopeCode, startUnit]);

  useEffect(() => {
    if (!unit) return;
    setLoading(true);
    setError(null);
    api<Report>('GET', `/api/coverage/patrols${query({ unit, from: shanghaiMidnight(range[0]), to: shanghaiMidnight(range[1].add(1, 'day')) })}`)
      .then((r) => {
        setReport(r);
        const source = map.current?.getSource('heat') as GeoJSONSource | undefined;
        source?.setData({ type: 'FeatureCollection', features: r.heat.map((c) => ({ type: 'Feature', properties: { visits: c.visits }, geometry: { type: 'Point', coordinates: [c.lon, c.lat] } })) });
      }, (e: unknown) => setError(e instanceof ApiError ? `${e.message}${e.errors[0] ? `：${e.errors[0].message}` : ''}` : '加载失败'))
      .finally(() => setLoading(false));
    void api<UnitDetail>('GET', `/api/units/${unit}`).then((u) => {
      const b = unitBounds(u);
      if (b && map.current) map.current.fitBounds(b, { padding: 20, animate: false });
    });
  }, [unit, range]);

  return (
    <Card>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>巡护覆盖率</Typography.Title>
        <Space wrap>
          <UnitSelect value={unit} onChange={setUnit} allowClear={false} placeholder="选择镇街或村（社区）" />
          <DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
        </Space>
      </Space>
      {!unit && <Alert type="info" title="请选择一个镇街或村（社区）查看护林网格的覆盖情况。" style={{ marginBottom: 12 }} />}
      {error && <Alert type="error" title={error} style={{ marginBottom: 12 }} />}
      <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
        <div ref={box} style={{ flex: '1 1 420px', height: 460, borderRadius: 8, overflow: 'hidden' }} />
        <div style={{ flex: '1 1 380px' }}>
          {report && (
            <Typography.Paragraph type="secondary">
              网格按 {report.cellSizeM} 米见方划分，有效巡林轨迹 {report.reachM} 米以内的格子计为已巡护。
            </Typography.Paragraph>
          )}
          <Table rowKey="id" size="small" loading={loading} dataSource={report?.areas ?? []} pagination={{ pageSize: 12 }}
            columns={[
              { title: '护林网格', dataIndex: 'name' },
              { title: '覆盖率', dataIndex: 'share', sorter: (a, b) => a.share - b.share, render: (v: number) => <Progress percent={Math.round(v * 100)} size="small" /> },
            ]} />
        </div>
      </div>
    </Card>
  );
}
