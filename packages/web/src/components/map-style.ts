import * as maplibregl from 'maplibre-gl';
import type { LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import 'maplibre-gl/dist/maplibre-gl.css';

maplibregl.setWorkerUrl(workerUrl);

/**
 * Our own layers under whatever a page draws on top: unit boundaries and ranger grids from the server's tiles
 * (no remote basemap, glyphs or sprites are reachable, so maps carry no text: labels are HTML).
 */
export function ownLayersStyle(sources: Record<string, SourceSpecification>, layers: LayerSpecification[]): StyleSpecification {
  const tiles = (layer: string) => [`${window.location.origin}/api/tiles/${layer}/{z}/{x}/{y}.pbf`];
  return {
    version: 8,
    sources: {
      units: { type: 'vector', tiles: tiles('units'), maxzoom: 16 },
      areas: { type: 'vector', tiles: tiles('areas'), minzoom: 10, maxzoom: 16 },
      ...sources,
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#f4f7f2' } },
      { id: 'villages-fill', type: 'fill', source: 'units', 'source-layer': 'units', filter: ['==', ['get', 'level'], 'village'], paint: { 'fill-color': '#b9dcb8', 'fill-opacity': 0.35 } },
      { id: 'grids-line', type: 'line', source: 'areas', 'source-layer': 'areas', minzoom: 11, filter: ['==', ['get', 'kind'], 'grid'], paint: { 'line-color': '#6b9f6a', 'line-width': 0.6, 'line-dasharray': [2, 2] } },
      { id: 'villages-line', type: 'line', source: 'units', 'source-layer': 'units', filter: ['==', ['get', 'level'], 'village'], paint: { 'line-color': '#5c8f5b', 'line-width': 0.8 } },
      { id: 'towns-line', type: 'line', source: 'units', 'source-layer': 'units', filter: ['==', ['get', 'level'], 'town'], paint: { 'line-color': '#1f6f3b', 'line-width': 2 } },
      { id: 'county-line', type: 'line', source: 'units', 'source-layer': 'units', filter: ['==', ['get', 'level'], 'county'], paint: { 'line-color': '#8a5a00', 'line-width': 3 } },
      ...layers,
    ],
  };
}

/** The bounding box of any GeoJSON coordinates (nested arrays of positions). */
export function boundsOfCoordinates(coordinates: unknown): [number, number, number, number] | null {
  let box: [number, number, number, number] | null = null;
  const visit = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number' && typeof c[1] === 'number') {
      const [x, y] = c as [number, number];
      box = box ? [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)] : [x, y, x, y];
      return;
    }
    for (const child of c) visit(child);
  };
  visit(coordinates);
  return box;
}

/**
 * Puts `data` into the map's GeoJSON source `sourceId` and fits the view to it, once the style has loaded
 * (a page's effect calls this whenever its data changes).
 */
export function showGeoJson(m: maplibregl.Map, sourceId: string, data: GeoJSON.FeatureCollection): void {
  const apply = () => {
    (m.getSource(sourceId) as maplibregl.GeoJSONSource | undefined)?.setData(data);
    const b = boundsOfCoordinates(data.features.map((f) => (f.geometry && 'coordinates' in f.geometry ? f.geometry.coordinates : null)));
    if (b) m.fitBounds(b, { padding: 40, maxZoom: 13, duration: 0 });
  };
  if (m.isStyleLoaded()) apply();
  else m.once('load', apply);
}

export { maplibregl };

/**
 * The box a map of a unit opens on: the server's `extent` (which also covers a unit without its own boundary, such as
 * a city whose counties carry them), else the unit's boundary; null when there is neither.
 */
export function unitBounds(unit: { geometry?: { coordinates: unknown } | null; extent?: [number, number, number, number] | null }): [number, number, number, number] | null {
  return unit.extent ?? boundsOfCoordinates(unit.geometry?.coordinates);
}
