// The narrow parts of geojson-vt and vt-pbf we use, declared locally.
declare module 'geojson-vt' {
  import type { FeatureCollection } from 'geojson';
  export interface GeoJsonVtTile {
    features: unknown[];
  }
  export interface GeoJsonVtIndex {
    getTile(z: number, x: number, y: number): GeoJsonVtTile | null;
  }
  export default function geojsonvt(
    data: FeatureCollection,
    options?: { maxZoom?: number; indexMaxZoom?: number; tolerance?: number; extent?: number; buffer?: number },
  ): GeoJsonVtIndex;
}

declare module 'vt-pbf' {
  import type { GeoJsonVtTile } from 'geojson-vt';
  const vtpbf: {
    fromGeojsonVt(layers: Record<string, GeoJsonVtTile>, options?: { version?: number; extent?: number }): Uint8Array;
  };
  export default vtpbf;
}
