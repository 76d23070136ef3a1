import { useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { Alert, Card, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { FeatureCollection, Point } from 'geojson';
import type { GeoJSONSource, MapGeoJSONFeature } from 'maplibre-gl';
import { openStatuses, type ProblemStatus } from '@linzhang/domain';
import { api, query } from '../../api/client.ts';
import type { UnitDetail } from '../../api/types.ts';
import { useUser } from '../../auth.tsx';
import { localTime } from '../../labels.ts';
import { maplibregl, ownLayersStyle, unitBounds } from '../../components/map-style.ts';
import { ProblemFilters, problemQuery, type ProblemFilter } from '../../components/ProblemFilters.tsx';
import { ProblemStatusTag } from '../../components/ProblemTags.tsx';

interface ProblemPoint {
  id: string;
  lon: number;
  lat: number;
  status: ProblemStatus;
  category: string;
  severity: string;
  deadlineAt: string;
  title: string;
}

/** Map colours by stage of the loop; an open problem past its deadline is red whatever its stage. */
const legend = [
  { colour: '#cf1322', label: '逾期未处置', statuses: [] as ProblemStatus[] },
  { colour: '#fa8c16', label: '待受理/交办', statuses: ['reported', 'accepted'] as ProblemStatus[] },
  { colour: '#1677ff', label: '办理中', statuses: ['assigned', 'in_handling'] as ProblemStatus[] },
  { colour: '#722ed1', label: '待核查/销号', statuses: ['handled', 'verified'] as ProblemStatus[] },
  { colour: '#389e0d', label: '已销号', statuses: ['closed'] as ProblemStatus[] },
  { colour: '#8c8c8c', label: '不予受理', statuses: ['dismissed'] as ProblemStatus[] },
];

function toFeatures(points: ProblemPoint[], now: number): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: points.map((p) => {
      const overdue = openStatuses.includes(p.status) && Date.parse(p.deadlineAt) < now;
      const colour = overdue ? legend[0]!.colour : (legend.find((l) => l.statuses.includes(p.status))?.colour ?? '#8c8c8c');
      return { type: 'Feature', geometry: { type: 'Point', coordinates: [p.lon, p.lat] }, properties: { id: p.id, colour, overdue: overdue ? 1 : 0 } };
    }),
  };
}

/** Cluster counts as HTML (our maps have no glyphs), kept in step with the clusters on screen. */
function syncClusterLabels(map: maplibregl.Map, labels: Map<number, maplibregl.Marker>): void {
  if (!map.getSource('problems') || !map.isSourceLoaded('problems')) return;
  const seen = new Set<number>();
  for (const f of map.querySourceFeatures('problems')) {
    const props = f.properties as { cluster?: boolean; cluster_id?: number; point_count?: number };
    if (!props.cluster || props.cluster_id === undefined || seen.has(props.cluster_id)) continue;
    seen.add(props.cluster_id);
    if (!labels.has(props.cluster_id)) {
      const el = document.createElement('div');
      el.textContent = String(props.point_count ?? '');
      el.style.cssText = 'color:#fff;font-weight:600;font-size:12px;pointer-events:none;text-shadow:0 0 2px rgba(0,0,0,.5)';
      labels.set(props.cluster_id, new maplibregl.Marker({ element: el }).setLngLat((f.geometry as Point).coordinates as [number, number]).addTo(map));
    }
  }
  for (const [id, marker] of labels) if (!seen.has(id)) { marker.remove(); labels.delete(id); }
}

/** 问题地图: where the problems of my area are, clustered, coloured by stage; a point opens its summary. */
export function ProblemMapPage() {
  const user = useUser();
  const box = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const labelsRef = useRef(new Map<number, maplibregl.Marker>());
  const [filter, setFilter] = useState<ProblemFilter>({});
  const [points, setPoints] = useState<ProblemPoint[]>([]);
  const [truncated, setTruncated] = useState(false);
  const [picked, setPicked] = useState<ProblemPoint | null>(null);
  const popupNode = useMemo(() => document.createElement('div'), []);
  const byId = useMemo(() => new Map(points.map((p) => [p.id, p])), [points]);
  const byIdRef = useRef(byId);
  byIdRef.current = byId;

  useEffect(() => {
    void api<{ items: ProblemPoint[]; truncated: boolean }>('GET', `/api/problems/points${query(problemQuery(filter))}`).then((r) => {
      setPoints(r.items);
      setTruncated(r.truncated);
    }, () => undefined);
  }, [filter]);

  useEffect(() => {
    if (!box.current) return;
    const map = new maplibregl.Map({
      container: box.current,
      attributionControl: false,
      bounds: [105.2, 28.1, 110.2, 32.2],
      style: ownLayersStyle(
        {
          problems: {
            type: 'geojson', data: { type: 'FeatureCollection', features: [] }, cluster: true, clusterRadius: 44, clusterMaxZoom: 15,
            clusterProperties: { overdue: ['+', ['get', 'overdue']] },
          },
        },
        [
          {
            id: 'clusters', type: 'circle', source: 'problems', filter: ['has', 'point_count'],
            paint: {
              'circle-color': ['case', ['>', ['get', 'overdue'], 0], '#e8684a', '#3f8f4f'],
              'circle-radius': ['step', ['get', 'point_count'], 13, 10, 17, 50, 22, 200, 28],
              'circle-stroke-color': '#fff', 'circle-stroke-width': 2, 'circle-opacity': 0.9,
            },
          },
          {
            id: 'points', type: 'circle', source: 'problems', filter: ['!', ['has', 'point_count']],
            paint: { 'circle-color': ['get', 'colour'], 'circle-radius': 7, 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 },
          },
        ],
      ),
    });
    mapRef.current = map;
    window.__linzhangMap = map; // for browser tests, as on 一张图
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }));
    const labels = labelsRef.current;
    map.on('render', () => syncClusterLabels(map, labels));
    map.on('click', 'clusters', (e) => {
      const f: MapGeoJSONFeature | undefined = e.features?.[0];
      const clusterId = (f?.properties as { cluster_id?: number } | undefined)?.cluster_id;
      if (!f || clusterId === undefined) return;
      void (map.getSource('problems') as GeoJSONSource).getClusterExpansionZoom(clusterId).then((zoom) =>
        map.easeTo({ center: (f.geometry as Point).coordinates as [number, number], zoom }));
    });
    const popup = new maplibregl.Popup({ maxWidth: '300px', offset: 10 }).setDOMContent(popupNode);
    popup.on('close', () => setPicked(null));
    map.on('click', 'points', (e) => {
      const id = (e.features?.[0]?.properties as { id?: string } | undefined)?.id;
      const p = id ? byIdRef.current.get(id) : undefined;
      if (!p) return;
      setPicked(p);
      popup.setLngLat([p.lon, p.lat]).addTo(map);
    });
    for (const layer of ['clusters', 'points']) {
      map.on('mouseenter', layer, () => { map.getCanvas().style.cursor = 'pointer'; });
      map.on('mouseleave', layer, () => { map.getCanvas().style.cursor = ''; });
    }
    void api<UnitDetail>('GET', `/api/units/${user.scopeUnit.code}`).then((u) => {
      const b = unitBounds(u);
      if (b && mapRef.current === map) map.fitBounds(b, { padding: 24, animate: false });
    }, () => undefined);
    return () => {
      mapRef.current = null;
      if (window.__linzhangMap === map) delete window.__linzhangMap;
      labels.clear();
      map.remove();
    };
  }, [user.scopeUnit.code, popupNode]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const show = () => {
      // New data numbers its clusters afresh: the old labels would name the wrong clusters.
      for (const marker of labelsRef.current.values()) marker.remove();
      labelsRef.current.clear();
      (map.getSource('problems') as GeoJSONSource | undefined)?.setData(toFeatures(points, Date.now()));
    };
    if (map.isStyleLoaded()) show();
    else map.once('load', show);
  }, [points]);

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small">
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>问题地图</Typography.Title>
          <ProblemFilters value={filter} onChange={setFilter} />
        </Space>
      </Card>
      {truncated && <Alert type="warning" title="问题较多，地图只显示了前 20000 个，请缩小筛选范围" />}
      <div style={{ position: 'relative', height: 'calc(100vh - 250px)', minHeight: 420 }}>
        <div ref={box} data-testid="problem-map" data-count={points.length} style={{ position: 'absolute', inset: 0, borderRadius: 8, overflow: 'hidden' }} />
        <Card size="small" style={{ position: 'absolute', bottom: 12, right: 12 }}>
          <div style={{ fontSize: 12, lineHeight: '20px' }}>
            {legend.map((l) => (
              <div key={l.label}><span style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 5, background: l.colour, marginRight: 6 }} />{l.label}</div>
            ))}
            <div style={{ color: '#888' }}>带数字的圆为聚合（红色含逾期），点击放大</div>
          </div>
        </Card>
      </div>
      {picked && createPortal(
        <div style={{ minWidth: 200 }} data-testid="problem-popup">
          <div style={{ fontWeight: 600, marginBottom: 4 }}>{picked.title}</div>
          <Space size={4} wrap><ProblemStatusTag status={picked.status} /><span style={{ fontSize: 12 }}>期限 {localTime(picked.deadlineAt)}</span></Space>
          <div style={{ marginTop: 6 }}><Link to={`/problems/${picked.id}`}>查看详情 →</Link></div>
        </div>,
        popupNode,
      )}
    </Space>
  );
}
