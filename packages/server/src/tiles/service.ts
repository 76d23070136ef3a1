import { randomBytes } from 'node:crypto';
import type { Feature, FeatureCollection, Geometry, MultiPolygon } from 'geojson';
import geojsonvt, { type GeoJsonVtIndex } from 'geojson-vt';
import vtpbf from 'vt-pbf';
import { openStatuses, type ProblemStatus } from '@linzhang/domain';
import type { Store } from '../db/connect.ts';
import type { Viewer } from '../auth/viewer.ts';
import { UnitRepository } from '../units/repository.ts';
import { AreaRepository } from '../areas/repository.ts';
import { ParcelRepository } from '../ledger/parcel-repository.ts';
import { postgisTile } from './postgis-tiles.ts';
import { FireInfrastructureRepository } from '../fire/infrastructure/repository.ts';
import { codePrefix } from '../db/paginate.ts';
import { cutGeoJsonText, cutPackedGeometry, tileBbox, unitInDegrees, TILE_EXTENT, type TileAddress } from './tile-geometry.ts';
import { encodePolygonLayer, type FlatPolygonFeature } from './mvt-encode.ts';

export const tileLayers = ['units', 'areas', 'parcels', 'trees', 'land_use', 'problems', 'infrastructure'] as const;
export type TileLayer = (typeof tileLayers)[number];
/** Layers served on SQLite from a geojson-vt index per scope (small enough to hold whole). */
type IndexedLayer = Exclude<TileLayer, 'parcels' | 'problems'>;

/** Parcels are served from this zoom on: below it a county's 100,000 parcels are a few pixels each. */
export const PARCEL_MIN_ZOOM = 8;

/**
 * Vector tiles of the register layers and the ledger's parcels, built from the viewer's in-scope features only.
 *
 * - units, areas: on PostgreSQL the database cuts each tile (ST_AsMVT); on SQLite a geojson-vt index is built per
 *   layer *and scope* and kept, so one user's cache can never serve another scope's features.
 * - parcels (one ledger year, latest by default): on PostgreSQL ST_AsMVT again; on SQLite each tile is cut on
 *   request from the parcels the R*Tree finds in the tile's box (tile-geometry.ts) — an index over a county's
 *   100,000 parcels would take seconds and hundreds of MiB per scope.
 *
 * Encoded tiles are kept in one LRU bounded by bytes, keyed by layer, year, scope and version. A write bumps the
 * version of its layer (parcels: of its year) and drops that layer's cached tiles. The ETag carries the same
 * version plus a per-process nonce, so a browser's copy is revalidated after a write or a restart.
 * Versions and cache live in this process: writes made by another process (a second server on the same
 * PostgreSQL, `linzhang import parcels` while the server runs) are seen only after a restart.
 */
export class TileService {
  private readonly nonce = randomBytes(4).toString('hex');
  private readonly versions: Record<IndexedLayer, number> = { units: 0, areas: 0, trees: 0, land_use: 0, infrastructure: 0 };
  private readonly parcelVersions = new Map<number, number>();
  private readonly latestYears = new Map<string, Promise<number | null>>();
  private readonly indexes = new Map<string, Promise<GeoJsonVtIndex>>();
  private readonly encoded = new Map<string, Uint8Array | null>();
  private readonly building = new Map<string, Promise<Uint8Array | null>>();
  private encodedBytes = 0;

  constructor(
    private readonly store: Store,
    private readonly maxIndexes = 64,
    /** Upper bound of the encoded-tile cache. */
    readonly maxBytes = 64 * 1024 * 1024,
    /** The clock a problem's overdue flag is read against. */
    private readonly now: () => Date = () => new Date(),
  ) {}

  invalidate(layer: IndexedLayer): void {
    this.versions[layer] += 1;
    for (const key of this.indexes.keys()) if (key.startsWith(`${layer}|`)) this.indexes.delete(key);
    this.dropEncoded(`${layer}|`);
  }

  /** A parcel import or edit of `year`: its tiles are rebuilt, and the latest year looked up again. */
  invalidateParcels(year: number): void {
    this.parcelVersions.set(year, (this.parcelVersions.get(year) ?? 0) + 1);
    this.latestYears.clear();
    this.dropEncoded(`parcels|${year}|`);
  }

  /** Bytes held by the encoded-tile cache (for tests and benchmarks). */
  get cachedBytes(): number {
    return this.encodedBytes;
  }

  /**
   * The version of what the viewer sees of a layer (and, for parcels, the year used: `year` or the latest with
   * parcels in scope, null when there are none), as a strong ETag.
   */
  async version(viewer: Viewer, layer: TileLayer, year?: number): Promise<{ etag: string; year: number | null }> {
    // Problems change with every step of the closed loop: their tiles are cut fresh each time and never revalidated.
    if (layer === 'problems') return { etag: `"${this.nonce}.problems.${randomBytes(6).toString('hex')}"`, year: null };
    const y = layer === 'parcels' ? (year ?? (await this.latestYear(viewer.scopePrefix))) : null;
    const v = layer === 'parcels' ? (y === null ? 0 : (this.parcelVersions.get(y) ?? 0)) : this.versions[layer];
    return { etag: `"${this.nonce}.${layer}.${y ?? '-'}.${v}.${viewer.scopePrefix}"`, year: y };
  }

  /** The encoded tile, or null when nothing of the layer falls in it. */
  async tile(viewer: Viewer, layer: TileLayer, z: number, x: number, y: number, year?: number): Promise<Uint8Array | null> {
    if (layer === 'problems') return this.build(viewer.scopePrefix, layer, { z, x, y }, null);
    const { year: resolved } = await this.version(viewer, layer, year);
    if (layer === 'parcels' && (resolved === null || z < PARCEL_MIN_ZOOM)) return null;
    const version = layer === 'parcels' ? (this.parcelVersions.get(resolved!) ?? 0) : this.versions[layer as IndexedLayer];
    const key = `${layer}|${resolved ?? '-'}|${viewer.scopePrefix}|${version}|${z}/${x}/${y}`;
    if (this.encoded.has(key)) {
      const hit = this.encoded.get(key)!;
      this.encoded.delete(key); // refresh its place: the map is kept in least-recently-used order
      this.encoded.set(key, hit);
      return hit;
    }
    let pending = this.building.get(key);
    if (!pending) {
      pending = this.build(viewer.scopePrefix, layer, { z, x, y }, resolved);
      this.building.set(key, pending);
      void pending.then(
        (tile) => {
          this.building.delete(key);
          // Not kept when a write retired this version while it was being built.
          const current = layer === 'parcels' ? (this.parcelVersions.get(resolved!) ?? 0) : this.versions[layer as IndexedLayer];
          if (current === version) this.remember(key, tile);
        },
        () => this.building.delete(key),
      );
    }
    return pending;
  }

  private async build(scopePrefix: string, layer: TileLayer, a: TileAddress, year: number | null): Promise<Uint8Array | null> {
    if (this.store.spatial.kind === 'postgres') return postgisTile(this.store.db, layer, scopePrefix, a.z, a.x, a.y, year ?? undefined, this.now());
    if (layer === 'parcels') return this.parcelTile(scopePrefix, a, year!);
    if (layer === 'problems') return this.problemTile(scopePrefix, a);
    const index = await this.index(scopePrefix, layer);
    const tile = index.getTile(a.z, a.x, a.y);
    if (!tile || tile.features.length === 0) return null;
    return vtpbf.fromGeojsonVt({ [layer]: tile }, { version: 2 });
  }

  private async parcelTile(scopePrefix: string, a: TileAddress, year: number): Promise<Uint8Array | null> {
    const bbox = tileBbox(a);
    const rows = await new ParcelRepository(this.store.db, this.store.spatial).forTile(scopePrefix, year, bbox, unitInDegrees(a.z, (bbox[1] + bbox[3]) / 2));
    const features: FlatPolygonFeature[] = [];
    for (const r of rows) {
      const rings = r.geom_tile ? cutPackedGeometry(r.geom_tile, a) : r.geom_json ? cutGeoJsonText(r.geom_json, a) : null;
      if (!rings) continue;
      features.push({
        rings,
        tags: { id: r.id, parcelNo: r.parcel_no, unitCode: r.unit_code, landClass: r.land_class, forestCategory: r.forest_category, origin: r.origin, areaM2: Math.round(r.area_m2 * 10) / 10 },
      });
    }
    return features.length ? encodePolygonLayer('parcels', features, TILE_EXTENT) : null;
  }

  /** The open and closed problems whose points fall in the tile (with its buffer), cut on request. */
  private async problemTile(scopePrefix: string, a: TileAddress): Promise<Uint8Array | null> {
    const [minx, miny, maxx, maxy] = tileBbox(a);
    const now = this.now().toISOString();
    const rows = await this.store.db.selectFrom('problems').select(['id', 'lon', 'lat', 'status', 'category', 'severity', 'deadline_at'])
      .where('unit_code', 'like', codePrefix(scopePrefix)).where('lon', '>=', minx).where('lon', '<=', maxx).where('lat', '>=', miny).where('lat', '<=', maxy).execute();
    if (!rows.length) return null;
    const index = geojsonvt({
      type: 'FeatureCollection',
      features: rows.map((r) => ({
        type: 'Feature', geometry: { type: 'Point', coordinates: [r.lon, r.lat] },
        properties: { id: r.id, status: r.status, category: r.category, severity: r.severity, overdue: openStatuses.includes(r.status as ProblemStatus) && r.deadline_at < now },
      })),
    }, { maxZoom: a.z, indexMaxZoom: a.z, tolerance: 0, buffer: 64 });
    const tile = index.getTile(a.z, a.x, a.y);
    return tile && tile.features.length ? vtpbf.fromGeojsonVt({ problems: tile }, { version: 2 }) : null;
  }

  private latestYear(scopePrefix: string): Promise<number | null> {
    let found = this.latestYears.get(scopePrefix);
    if (!found) {
      found = new ParcelRepository(this.store.db, this.store.spatial).years(scopePrefix).then((years) => years[0] ?? null);
      found.catch(() => this.latestYears.delete(scopePrefix));
      if (this.latestYears.size >= 1000) this.latestYears.clear();
      this.latestYears.set(scopePrefix, found);
    }
    return found;
  }

  private remember(key: string, tile: Uint8Array | null): void {
    this.encoded.set(key, tile);
    this.encodedBytes += sizeOf(key, tile);
    while (this.encodedBytes > this.maxBytes && this.encoded.size > 0) {
      const [oldest, value] = this.encoded.entries().next().value!;
      this.encoded.delete(oldest);
      this.encodedBytes -= sizeOf(oldest, value);
    }
  }

  private dropEncoded(prefix: string): void {
    for (const [key, value] of this.encoded) {
      if (!key.startsWith(prefix)) continue;
      this.encoded.delete(key);
      this.encodedBytes -= sizeOf(key, value);
    }
  }

  private index(scopePrefix: string, layer: IndexedLayer): Promise<GeoJsonVtIndex> {
    const key = `${layer}|${scopePrefix}|${this.versions[layer]}`;
    let found = this.indexes.get(key);
    if (found) {
      this.indexes.delete(key); // refresh its place: the map is kept in least-recently-used order
      this.indexes.set(key, found);
      return found;
    }
    found = this.features(scopePrefix, layer).then((data) => geojsonvt(data, { maxZoom: 16, indexMaxZoom: 6, tolerance: 2, buffer: 64 }));
    found.catch(() => this.indexes.delete(key));
    this.indexes.set(key, found);
    while (this.indexes.size > this.maxIndexes) this.indexes.delete(this.indexes.keys().next().value!);
    return found;
  }

  private async features(scopePrefix: string, layer: IndexedLayer): Promise<FeatureCollection> {
    let features: Feature[];
    if (layer === 'units') {
      const units = await new UnitRepository(this.store.db, this.store.spatial).geometries(scopePrefix);
      features = units.map((u) => ({
        type: 'Feature',
        geometry: u.geometry!,
        properties: { code: u.code, name: u.shortName, level: u.level },
      }));
    } else if (layer === 'land_use') {
      const rows = await this.store.db.selectFrom('land_use_approvals').select(['id', 'project', 'use_type', 'status', 'geom_json'])
        .where('unit_code', 'like', codePrefix(scopePrefix)).execute();
      features = rows.map((r) => ({
        type: 'Feature',
        geometry: JSON.parse(r.geom_json) as MultiPolygon,
        properties: { id: r.id, project: r.project, useType: r.use_type, status: r.status },
      }));
    } else if (layer === 'infrastructure') {
      // Fire-prevention works: lines (firebreaks, trails) and points in one layer, told apart by `kind`.
      const rows = await new FireInfrastructureRepository(this.store.db).forTiles(scopePrefix);
      features = rows.map((r) => ({
        type: 'Feature',
        geometry: JSON.parse(r.geom_json) as Geometry,
        properties: { id: r.id, kind: r.kind, name: r.name, status: r.status, ...(r.length_m === null ? {} : { lengthM: Math.round(r.length_m) }) },
      }));
    } else if (layer === 'trees') {
      const trees = await this.store.db.selectFrom('ancient_trees').select(['id', 'register_no', 'species', 'grade', 'health', 'lon', 'lat'])
        .where('unit_code', 'like', codePrefix(scopePrefix)).execute();
      features = trees.map((t) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [t.lon, t.lat] },
        properties: { id: t.id, registerNo: t.register_no, species: t.species, grade: t.grade, health: t.health },
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

/** What one cached tile costs: its bytes, its key and the map entry. */
const sizeOf = (key: string, tile: Uint8Array | null): number => (tile?.byteLength ?? 0) + key.length * 2 + 64;
