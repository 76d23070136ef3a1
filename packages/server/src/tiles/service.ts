import type { Feature, FeatureCollection } from 'geojson';
import geojsonvt, { type GeoJsonVtIndex } from 'geojson-vt';
import vtpbf from 'vt-pbf';
import type { Store } from '../db/connect.ts';
import type { Viewer } from '../auth/viewer.ts';
import { UnitRepository } from '../units/repository.ts';
import { AreaRepository } from '../areas/repository.ts';
import { postgisTile } from './postgis-tiles.ts';

export const tileLayers = ['units', 'areas'] as const;
export type TileLayer = (typeof tileLayers)[number];

/**
 * Vector tiles of the register layers, built from the viewer's in-scope features only. On PostgreSQL the
 * database cuts each tile (ST_AsMVT); on SQLite a geojson-vt index is built per layer *and scope* and
 * cached, so one user's cache can never serve another scope's features. A write to a layer bumps its
 * version and so retires its cached indexes.
 */
export class TileService {
  private readonly versions: Record<TileLayer, number> = { units: 0, areas: 0 };
  private readonly cache = new Map<string, Promise<GeoJsonVtIndex>>();

  constructor(
    private readonly store: Store,
    private readonly maxCached = 64,
  ) {}

  invalidate(layer: TileLayer): void {
    this.versions[layer] += 1;
    for (const key of this.cache.keys()) if (key.startsWith(`${layer}|`)) this.cache.delete(key);
  }

  /** The encoded tile, or null when nothing of the layer falls in it. */
  async tile(viewer: Viewer, layer: TileLayer, z: number, x: number, y: number): Promise<Uint8Array | null> {
    if (this.store.spatial.kind === 'postgres') return postgisTile(this.store.db, layer, viewer.scopePrefix, z, x, y);
    const index = await this.index(viewer.scopePrefix, layer);
    const tile = index.getTile(z, x, y);
    if (!tile || tile.features.length === 0) return null;
    return vtpbf.fromGeojsonVt({ [layer]: tile }, { version: 2 });
  }

  private index(scopePrefix: string, layer: TileLayer): Promise<GeoJsonVtIndex> {
    const key = `${layer}|${scopePrefix}|${this.versions[layer]}`;
    let found = this.cache.get(key);
    if (found) {
      this.cache.delete(key); // refresh its place: the map is kept in least-recently-used order
      this.cache.set(key, found);
      return found;
    }
    found = this.features(scopePrefix, layer).then((data) => geojsonvt(data, { maxZoom: 16, indexMaxZoom: 6, tolerance: 2, buffer: 64 }));
    found.catch(() => this.cache.delete(key));
    this.cache.set(key, found);
    while (this.cache.size > this.maxCached) this.cache.delete(this.cache.keys().next().value!);
    return found;
  }

  private async features(scopePrefix: string, layer: TileLayer): Promise<FeatureCollection> {
    let features: Feature[];
    if (layer === 'units') {
      const units = await new UnitRepository(this.store.db, this.store.spatial).geometries(scopePrefix);
      features = units.map((u) => ({
        type: 'Feature',
        geometry: u.geometry!,
        properties: { code: u.code, name: u.shortName, level: u.level },
      }));
    } else {
      const areas = await new AreaRepository(this.store.db, this.store.spatial).geometries(scopePrefix);
      features = areas.map((a) => ({
        type: 'Feature',
        geometry: a.geometry,
        properties: { id: a.id, name: a.name, kind: a.kind, unitCode: a.unitCode },
      }));
    }
    return { type: 'FeatureCollection', features };
  }
}
