import type { Map as MapLibreMap } from 'maplibre-gl';

// What the map page exposes for browser tests (and for a person poking at the console).
declare global {
  interface Window {
    __linzhangMap?: MapLibreMap;
    __linzhangMapReady?: boolean;
  }
}
