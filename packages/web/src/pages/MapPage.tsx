import { useEffect, useRef, useState } from 'react';
import { Card, Descriptions, Spin } from 'antd';
import * as maplibregl from 'maplibre-gl';
import type { LngLatBoundsLike, MapGeoJSONFeature, StyleSpecification } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { api } from '../api/client.ts';
import type { UnitDetail } from '../api/types.ts';
import { useUser } from '../auth.tsx';
import { areaKindNames, unitLevelNames } from '../labels.ts';

maplibregl.setWorkerUrl(workerUrl);

declare global {
  interface Window {
    __linzhangMap?: maplibregl.Map;
    __linzhangMapReady?: boolean;
  }
}

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
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#f4f7f2' } },
      { id: 'villages-fill', type: 'fill', source: 'units', 'source-layer': 'units', filter: ['==', ['get', 'level'], 'village'], paint: { 'fill-color': '#b9dcb8', 'fill-opacity': 0.55 } },
      { id: 'grids-line', type: 'line', source: 'areas', 'source-layer': 'areas', minzoom: 11, filter: ['==', ['get', 'kind'], 'grid'], paint: { 'line-color': '#6b9f6a', 'line-width': 0.6, 'line-dasharray': [2, 2] } },
      { id: 'villages-line', type: 'line', source: 'units', 'source-layer': 'units', filter: ['==', ['get', 'level'], 'village'], paint: { 'line-color': '#5c8f5b', 'line-width': 0.8 } },
      { id: 'towns-line', type: 'line', source: 'units', 'source-layer': 'units', filter: ['==', ['get', 'level'], 'town'], paint: { 'line-color': '#1f6f3b', 'line-width': 2 } },
      { id: 'county-line', type: 'line', source: 'units', 'source-layer': 'units', filter: ['==', ['get', 'level'], 'county'], paint: { 'line-color': '#8a5a00', 'line-width': 3 } },
      { id: 'selected', type: 'line', source: 'units', 'source-layer': 'units', filter: ['==', ['get', 'code'], ''], paint: { 'line-color': '#d4380d', 'line-width': 3 } },
    ],
  };
}

function boundsOf(unit: UnitDetail): LngLatBoundsLike | null {
  if (!unit.geometry) return null;
  let [minx, miny, maxx, maxy] = [180, 90, -180, -90];
  for (const polygon of unit.geometry.coordinates) for (const ring of polygon) for (const [x, y] of ring) {
    minx = Math.min(minx, x!); miny = Math.min(miny, y!); maxx = Math.max(maxx, x!); maxy = Math.max(maxy, y!);
  }
  return [minx, miny, maxx, maxy];
}

export function MapPage() {
  const user = useUser();
  const container = useRef<HTMLDivElement>(null);
  const [selected, setSelected] = useState<MapGeoJSONFeature | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    if (!container.current) return;
    window.__linzhangMapReady = false;
    const map = new maplibregl.Map({ container: container.current, style: style(window.location.origin), bounds: CHONGQING, attributionControl: false });
    window.__linzhangMap = map;
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }));
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }));
    let cancelled = false;

    void api<UnitDetail>('GET', `/api/units/${user.scopeUnit.code}`).then((unit) => {
      if (cancelled) return;
      const bounds = boundsOf(unit) ?? CHONGQING;
      map.fitBounds(bounds, { padding: 24, animate: false });
      map.once('idle', () => {
        setLoading(false);
        window.__linzhangMapReady = true;
      });
    });

    map.on('click', (e) => {
      const hit = map.queryRenderedFeatures(e.point, { layers: ['villages-fill', 'towns-line', 'county-line'] });
      const feature = hit[0] ?? null;
      setSelected(feature);
      map.setFilter('selected', ['==', ['get', 'code'], feature ? String(feature.properties.code ?? '') : '']);
    });

    return () => {
      cancelled = true;
      window.__linzhangMapReady = false;
      delete window.__linzhangMap;
      map.remove();
    };
  }, [user.scopeUnit.code]);

  const p = selected?.properties ?? {};
  return (
    <div style={{ position: 'relative', flex: 1, minHeight: 520 }}>
      <div ref={container} data-testid="map" style={{ position: 'absolute', inset: 0, borderRadius: 8, overflow: 'hidden' }} />
      {loading && <Spin style={{ position: 'absolute', top: 16, left: 16 }} />}
      {selected && (
        <Card size="small" title={String(p.name ?? '')} style={{ position: 'absolute', top: 12, left: 12, width: 260 }} extra={<a onClick={() => setSelected(null)}>关闭</a>}>
          <Descriptions size="small" column={1}>
            {p.code !== undefined && <Descriptions.Item label="区划代码">{String(p.code)}</Descriptions.Item>}
            {p.level !== undefined && <Descriptions.Item label="层级">{unitLevelNames[String(p.level)] ?? String(p.level)}</Descriptions.Item>}
            {p.kind !== undefined && <Descriptions.Item label="类型">{areaKindNames[String(p.kind)] ?? String(p.kind)}</Descriptions.Item>}
          </Descriptions>
        </Card>
      )}
      <Card size="small" style={{ position: 'absolute', bottom: 28, right: 12 }}>
        <div style={{ fontSize: 12, lineHeight: '20px' }}>
          <div><span style={{ display: 'inline-block', width: 18, borderTop: '3px solid #8a5a00', verticalAlign: 'middle' }} /> 区县界</div>
          <div><span style={{ display: 'inline-block', width: 18, borderTop: '2px solid #1f6f3b', verticalAlign: 'middle' }} /> 镇街界</div>
          <div><span style={{ display: 'inline-block', width: 18, height: 10, background: '#b9dcb8', border: '1px solid #5c8f5b', verticalAlign: 'middle' }} /> 村（社区）</div>
          <div><span style={{ display: 'inline-block', width: 18, borderTop: '1px dashed #6b9f6a', verticalAlign: 'middle' }} /> 护林员网格（放大后显示）</div>
        </div>
      </Card>
    </div>
  );
}
