import { useEffect, useRef, useState } from 'react';
import { Slider } from 'antd';
import * as maplibregl from 'maplibre-gl';
import type { GeoJSONSource } from 'maplibre-gl';
import type { LineString } from 'geojson';

/** A patrol's track on our own layers, with a slider that replays it point by point. */
export function TrackMap({ track, points = [] }: { track: LineString; points?: { lon: number; lat: number; label: string }[] }) {
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<maplibregl.Map | null>(null);
  const [step, setStep] = useState(track.coordinates.length - 1);
  const pointsKey = JSON.stringify(points); // a stable dependency: callers pass a fresh array each render

  useEffect(() => {
    if (!box.current) return;
    const coords = track.coordinates;
    const xs = coords.map((c) => c[0]!);
    const ys = coords.map((c) => c[1]!);
    const m = new maplibregl.Map({
      container: box.current,
      attributionControl: false,
      bounds: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)],
      fitBoundsOptions: { padding: 30 },
      style: {
        version: 8,
        sources: {
          units: { type: 'vector', tiles: [`${location.origin}/api/tiles/units/{z}/{x}/{y}.pbf`], maxzoom: 16 },
          areas: { type: 'vector', tiles: [`${location.origin}/api/tiles/areas/{z}/{x}/{y}.pbf`], minzoom: 10, maxzoom: 16 },
          track: { type: 'geojson', data: { type: 'Feature', properties: {}, geometry: track } },
          head: { type: 'geojson', data: { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: coords[coords.length - 1]! } } },
          notes: { type: 'geojson', data: { type: 'FeatureCollection', features: points.map((p) => ({ type: 'Feature', properties: { label: p.label }, geometry: { type: 'Point', coordinates: [p.lon, p.lat] } })) } },
        },
        layers: [
          { id: 'bg', type: 'background', paint: { 'background-color': '#f4f7f2' } },
          { id: 'grids', type: 'line', source: 'areas', 'source-layer': 'areas', filter: ['==', ['get', 'kind'], 'grid'], paint: { 'line-color': '#6b9f6a', 'line-dasharray': [2, 2] } },
          { id: 'units', type: 'line', source: 'units', 'source-layer': 'units', paint: { 'line-color': '#1f6f3b' } },
          { id: 'track', type: 'line', source: 'track', paint: { 'line-color': '#d4380d', 'line-width': 3 } },
          { id: 'notes', type: 'circle', source: 'notes', paint: { 'circle-radius': 7, 'circle-color': '#faad14', 'circle-stroke-color': '#ad6800', 'circle-stroke-width': 2 } },
          { id: 'head', type: 'circle', source: 'head', paint: { 'circle-radius': 6, 'circle-color': '#1677ff', 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 } },
        ],
      },
    });
    map.current = m;
    return () => { m.remove(); map.current = null; };
  }, [track, pointsKey]); // pointsKey stands for `points`

  useEffect(() => {
    const point = track.coordinates[step];
    const source = map.current?.getSource('head') as GeoJSONSource | undefined;
    if (point) source?.setData({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: point } });
  }, [step, track]);

  return (
    <div>
      <div ref={box} style={{ height: 320, borderRadius: 8, overflow: 'hidden' }} />
      <Slider min={0} max={Math.max(0, track.coordinates.length - 1)} value={step} onChange={setStep} tooltip={{ formatter: (v) => `第 ${(v ?? 0) + 1} 个定位点` }} />
    </div>
  );
}
