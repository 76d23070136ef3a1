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
      // Nearly clear, but a fill makes a grid clickable anywhere inside it, not only on its boundary.
      { id: 'grids-fill', type: 'fill', source: 'areas', 'source-layer': 'areas', minzoom: 11, filter: ['==', ['get', 'kind'], 'grid'], paint: { 'fill-color': '#6b9f6a', 'fill-opacity': 0.06 } },
      { id: 'grids-line', type: 'line', source: 'areas', 'source-layer': 'areas', minzoom: 11, filter: ['==', ['get', 'kind'], 'grid'], paint: { 'line-color': '#6b9f6a', 'line-width': 0.6, 'line-dasharray': [2, 2] } },
      { id: 'villages-line', type: 'line', source: 'units', 'source-layer': 'units', filter: ['==', ['get', 'level'], 'village'], paint: { 'line-color': '#5c8f5b', 'line-width': 0.8 } },
      { id: 'towns-line', type: 'line', source: 'units', 'source-layer': 'units', filter: ['==', ['get', 'level'], 'town'], paint: { 'line-color': '#1f6f3b', 'line-width': 2 } },
      { id: 'county-line', type: 'line', source: 'units', 'source-layer': 'units', filter: ['==', ['get', 'level'], 'county'], paint: { 'line-color': '#8a5a00', 'line-width': 3 } },
      { id: 'selected-grid', type: 'line', source: 'areas', 'source-layer': 'areas', filter: ['==', ['get', 'id'], ''], paint: { 'line-color': '#d4380d', 'line-width': 2 } },
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

/** What a click hit: the smallest unit under the pointer and, when zoomed in, the ranger grid. */
interface Picked {
  unit: Record<string, unknown> | null;
  grid: Record<string, unknown> | null;
}

const UNIT_LAYERS = ['villages-fill', 'towns-line', 'county-line'];
const levelOrder = ['village', 'town', 'county'];
const text = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

function pick(features: MapGeoJSONFeature[]): Picked {
  const units = features.filter((f) => f.source === 'units');
  units.sort((a, b) => levelOrder.indexOf(text(a.properties.level)) - levelOrder.indexOf(text(b.properties.level)));
  const grid = features.find((f) => f.source === 'areas');
  return { unit: units[0]?.properties ?? null, grid: grid?.properties ?? null };
}

export function MapPage() {
  const user = useUser();
  const container = useRef<HTMLDivElement>(null);
  const [picked, setPicked] = useState<Picked | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    if (!container.current) return;
    window.__linzhangMapReady = false;
    const map = new maplibregl.Map({ container: container.current, style: style(window.location.origin), bounds: CHONGQING, attributionControl: false });
    window.__linzhangMap = map;
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
      .then((unit) => boundsOf(unit) ?? CHONGQING, () => CHONGQING)
      .then((bounds) => {
        if (cancelled) return;
        map.fitBounds(bounds, { padding: 24, animate: false });
        map.once('idle', markReadyWhenLoaded);
      });

    map.on('click', (e) => {
      const hit = pick(map.queryRenderedFeatures(e.point, { layers: [...UNIT_LAYERS, 'grids-fill'] }));
      const none = !hit.unit && !hit.grid;
      setPicked(none ? null : hit);
      map.setFilter('selected', ['==', ['get', 'code'], text(hit.unit?.code)]);
      map.setFilter('selected-grid', ['==', ['get', 'id'], text(hit.grid?.id)]);
    });

    return () => {
      cancelled = true;
      window.__linzhangMapReady = false;
      delete window.__linzhangMap;
      map.remove();
    };
  }, [user.scopeUnit.code]);

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
          title={text(unit?.name ?? grid?.name)}
          style={{ position: 'absolute', top: 12, left: 12, width: 280 }}
          extra={<a onClick={() => setPicked(null)}>关闭</a>}
        >
          <Descriptions size="small" column={1}>
            {unit && <Descriptions.Item label="区划代码">{text(unit.code)}</Descriptions.Item>}
            {unit && <Descriptions.Item label="层级">{unitLevelNames[text(unit.level)] ?? text(unit.level)}</Descriptions.Item>}
            {grid && <Descriptions.Item label={areaKindNames[text(grid.kind)] ?? '责任区'}>{text(grid.name)}</Descriptions.Item>}
            {grid && !unit && <Descriptions.Item label="区划代码">{text(grid.unitCode)}</Descriptions.Item>}
            {grid && <Descriptions.Item label="编号">{text(grid.id)}</Descriptions.Item>}
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
