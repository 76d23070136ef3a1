import { useEffect, useRef } from 'react';
import type { Problem } from '@linzhang/domain';
import { boundsOfCoordinates, maplibregl, ownLayersStyle } from './map-style.ts';

/** Where a problem is: its point and, for a patch (图斑), its outline, over our own unit and grid layers. */
export function ProblemMiniMap({ problem, height = 260 }: { problem: Pick<Problem, 'lon' | 'lat' | 'geometry'>; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  const { lon, lat, geometry } = problem;
  const geometryKey = JSON.stringify(geometry);

  useEffect(() => {
    if (!box.current) return;
    const area = geometry ? boundsOfCoordinates(geometry.coordinates) : null;
    const map = new maplibregl.Map({
      container: box.current,
      attributionControl: false,
      ...(area ? { bounds: area, fitBoundsOptions: { padding: 40, maxZoom: 16 } } : { center: [lon, lat], zoom: 13 }),
      style: ownLayersStyle(
        {
          point: { type: 'geojson', data: { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [lon, lat] } } },
          patch: { type: 'geojson', data: geometry ? { type: 'Feature', properties: {}, geometry } : { type: 'FeatureCollection', features: [] } },
        },
        [
          { id: 'patch-fill', type: 'fill', source: 'patch', paint: { 'fill-color': '#d4380d', 'fill-opacity': 0.15 } },
          { id: 'patch-line', type: 'line', source: 'patch', paint: { 'line-color': '#d4380d', 'line-width': 2 } },
          { id: 'point', type: 'circle', source: 'point', paint: { 'circle-radius': 8, 'circle-color': '#d4380d', 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 } },
        ],
      ),
    });
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }));
    return () => map.remove();
  }, [lon, lat, geometryKey]); // geometryKey stands for `geometry`

  return <div ref={box} data-testid="problem-map" style={{ height, borderRadius: 8, overflow: 'hidden' }} />;
}
