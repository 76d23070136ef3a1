import { useEffect, useRef } from 'react';
import { infrastructureKindInfo, infrastructureKinds } from '@linzhang/domain';
import type { GeoJSONSource } from 'maplibre-gl';
import { boundsOfCoordinates, maplibregl, ownLayersStyle } from '../../components/map-style.ts';
import { kindColour, type Work } from './infrastructure-types.ts';

const colourByKind = ['match', ['get', 'kind'], ...infrastructureKinds.flatMap((k) => [k, kindColour[k]]), '#595959'] as unknown as string;

/**
 * All works of the viewer's units from the server's `infrastructure` tiles: lines (firebreaks, trails) and point
 * symbols coloured by kind; works not in service are drawn faint. A click opens a work; while drawing, clicks give
 * a point or the next vertex of a line (`draft` is drawn on top).
 */
export function InfrastructureMap(props: {
  works: Work[]; version: number; picking: 'point' | 'line' | null; draft: number[][];
  onPick: (hit: { id: string } | { lon: number; lat: number }) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<maplibregl.Map | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const tiles = (v: number) => [`${window.location.origin}/api/tiles/infrastructure/{z}/{x}/{y}.pbf?v=${v}`];
  useEffect(() => {
    if (!box.current) return;
    const faint = ['case', ['in', ['get', 'status'], ['literal', ['planned', 'out_of_service']]], 0.45, 1] as unknown as number;
    const m = new maplibregl.Map({
      container: box.current, attributionControl: false, center: [108.77, 28.84], zoom: 8,
      style: ownLayersStyle({
        infrastructure: { type: 'vector', tiles: tiles(0), maxzoom: 16 },
        draft: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
      }, [
        { id: 'infra-lines', type: 'line', source: 'infrastructure', 'source-layer': 'infrastructure', filter: ['==', ['geometry-type'], 'LineString'],
          paint: { 'line-color': colourByKind, 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 2, 14, 5], 'line-opacity': faint } },
        { id: 'infra-points', type: 'circle', source: 'infrastructure', 'source-layer': 'infrastructure', filter: ['==', ['geometry-type'], 'Point'],
          paint: { 'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 4, 14, 8], 'circle-color': colourByKind, 'circle-opacity': faint, 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 } },
        { id: 'draft-line', type: 'line', source: 'draft', paint: { 'line-color': '#000', 'line-width': 2, 'line-dasharray': [2, 1] } },
        { id: 'draft-points', type: 'circle', source: 'draft', paint: { 'circle-radius': 4, 'circle-color': '#000' } },
      ]),
    });
    m.addControl(new maplibregl.NavigationControl({ showCompass: false }));
    m.on('click', (e) => {
      if (latest.current.picking) {
        latest.current.onPick({ lon: Math.round(e.lngLat.lng * 1e6) / 1e6, lat: Math.round(e.lngLat.lat * 1e6) / 1e6 });
        return;
      }
      const hit = m.queryRenderedFeatures([[e.point.x - 4, e.point.y - 4], [e.point.x + 4, e.point.y + 4]], { layers: ['infra-points', 'infra-lines'] })[0];
      const id = hit?.properties?.id;
      if (typeof id === 'string') latest.current.onPick({ id });
    });
    map.current = m;
    return () => { m.remove(); map.current = null; };
  }, []);
  useEffect(() => {
    const m = map.current;
    if (!m || props.version === 0) return;
    const apply = () => (m.getSource('infrastructure') as maplibregl.VectorTileSource | undefined)?.setTiles(tiles(props.version));
    if (m.isStyleLoaded()) apply();
    else m.once('load', apply);
  }, [props.version]);
  const draft = JSON.stringify(props.draft);
  useEffect(() => {
    const m = map.current;
    if (!m) return;
    const points = JSON.parse(draft) as number[][];
    const apply = () => (m.getSource('draft') as GeoJSONSource | undefined)?.setData({
      type: 'FeatureCollection',
      features: [
        ...points.map((p) => ({ type: 'Feature' as const, properties: {}, geometry: { type: 'Point' as const, coordinates: p } })),
        ...(points.length > 1 ? [{ type: 'Feature' as const, properties: {}, geometry: { type: 'LineString' as const, coordinates: points } }] : []),
      ],
    });
    if (m.isStyleLoaded()) apply();
    else m.once('load', apply);
  }, [draft]);
  const frame = JSON.stringify(props.works.map((w) => w.geometry.coordinates));
  useEffect(() => {
    const m = map.current;
    const bounds = boundsOfCoordinates(JSON.parse(frame));
    if (!m || !bounds) return;
    m.fitBounds(bounds, { padding: 40, maxZoom: 14, duration: 0 });
  }, [frame]);
  return (
    <div>
      <div ref={box} data-testid="infrastructure-map" style={{ height: 460, borderRadius: 8, overflow: 'hidden', cursor: props.picking ? 'crosshair' : undefined }} />
      <div data-testid="infrastructure-legend" style={{ display: 'flex', flexWrap: 'wrap', gap: 12, marginTop: 8 }}>
        {infrastructureKinds.map((k) => (
          <span key={k}>
            {infrastructureKindInfo[k].geometry === 'line'
              ? <span style={{ display: 'inline-block', width: 18, height: 4, background: kindColour[k], marginRight: 4, verticalAlign: 'middle' }} />
              : <span style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 5, background: kindColour[k], marginRight: 4 }} />}
            {infrastructureKindInfo[k].name}
          </span>
        ))}
        <span style={{ color: '#8c8c8c' }}>浅色：规划或停用</span>
      </div>
    </div>
  );
}
