import { useEffect, useRef } from 'react';
import type { FeatureCollection, GeoJsonProperties, Point } from 'geojson';
import { showGeoJson, maplibregl, ownLayersStyle } from './map-style.ts';

export type PointPick = { id: string } | { lon: number; lat: number };

/** A click on `m`: while picking, the clicked position (6 decimals); otherwise the id of the feature of `layer` hit, if any. */
export function pickOrOpen(m: maplibregl.Map, layer: string, picking: () => boolean, onPick: (p: PointPick) => void): void {
  m.on('click', (e) => {
    if (picking()) return onPick({ lon: Math.round(e.lngLat.lng * 1e6) / 1e6, lat: Math.round(e.lngLat.lat * 1e6) / 1e6 });
    const id = m.queryRenderedFeatures(e.point, { layers: [layer] })[0]?.properties?.id;
    if (typeof id === 'string') onPick({ id });
  });
}

/**
 * Records as GeoJSON points on our own layers, drawn with `paint` (a circle layer): a click on one gives its `id`,
 * or, while `picking`, the clicked position (to place a new record). The view fits the points when they change.
 */
export function PickablePointMap<P extends GeoJsonProperties>(props: {
  data: FeatureCollection<Point, P> | null;
  paint: maplibregl.CircleLayerSpecification['paint'];
  picking: boolean;
  onPick: (p: PointPick) => void;
  testId: string;
  height?: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<maplibregl.Map | null>(null);
  const latest = useRef({ onPick: props.onPick, picking: props.picking });
  latest.current = { onPick: props.onPick, picking: props.picking };
  const paint = useRef(props.paint);
  useEffect(() => {
    if (!box.current) return;
    const m = new maplibregl.Map({
      container: box.current, attributionControl: false, center: [108.77, 28.84], zoom: 8,
      style: ownLayersStyle({ points: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } } }, [
        { id: 'points', type: 'circle', source: 'points', paint: paint.current },
      ]),
    });
    m.addControl(new maplibregl.NavigationControl({ showCompass: false }));
    pickOrOpen(m, 'points', () => latest.current.picking, (p) => latest.current.onPick(p));
    map.current = m;
    return () => { m.remove(); map.current = null; };
  }, []);
  useEffect(() => {
    const m = map.current;
    if (m && props.data) showGeoJson(m, 'points', props.data);
  }, [props.data]);
  return <div ref={box} data-testid={props.testId} style={{ height: props.height ?? 440, borderRadius: 8, overflow: 'hidden', cursor: props.picking ? 'crosshair' : undefined }} />;
}
