import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { landUseOverlap, landUseState, mergeParcelLand } from './land-use.ts';
import { ellipsoidalArea } from '../geometry/ellipsoidal-area.ts';

// DOMAIN.md §4 / issue 5 §4: the land of a use application laid over public-welfare and natural-forest parcels.
const square = (x: number, y: number, w: number, h = w): Polygon => ({ type: 'Polygon', coordinates: [[[x, y], [x + w, y], [x + w, y + h], [x, y + h], [x, y]]] });
const parcel = (id: string, g: Polygon, forestCategory: string | null, origin: string | null) => ({ id, parcelNo: id, unitCode: '500242101200', forestCategory, origin, geometry: g });

describe('landUseOverlap', () => {
  it('gives half the land when a square lies half over a 重点公益林 parcel (within 0.1 %)', () => {
    const land = square(108.001, 29.001, 0.002);
    const r = landUseOverlap(land, [parcel('p1', square(108, 29.001, 0.002), '11', 'planted')]); // x 108.000–108.002, same rows: half the land
    expect(r.landM2).toBeCloseTo(ellipsoidalArea(land), 6);
    expect(Math.abs(r.keyPublicWelfareM2 / (r.landM2 / 2) - 1)).toBeLessThan(0.001);
    expect(r.publicWelfareM2).toBe(r.keyPublicWelfareM2);
    expect(r.naturalM2).toBe(0);
    expect(r.parcels.map((p) => p.id)).toEqual(['p1']);
  });
  it('counts natural forest, skips commercial planted forest and parcels out of reach', () => {
    const land = square(108.001, 29.001, 0.002);
    const r = landUseOverlap(land, [
      parcel('natural', square(108.002, 29.001, 0.002), '22', 'natural'), // right half of the land, 商品林 but 天然
      parcel('planted', square(108.001, 29.0, 0.002), '21', 'planted'), // commercial and planted: not counted
      parcel('far', square(109, 30, 0.002), '11', 'natural'),
    ]);
    expect(r.parcels.map((p) => p.id)).toEqual(['natural']);
    expect(Math.abs(r.naturalM2 / (r.landM2 / 2) - 1)).toBeLessThan(0.001);
    expect(r.publicWelfareM2).toBe(0);
  });
  it('reads a temporary use past its end date as expired until restored', () => {
    const a = { status: 'approved' as const, useType: 'temporary' as const, endsOn: '2026-10-31' };
    expect(landUseState(a, '2026-10-31')).toBe('approved');
    expect(landUseState(a, '2026-11-01')).toBe('expired');
    expect(landUseState({ ...a, status: 'restored' }, '2026-11-01')).toBe('restored');
    expect(landUseState({ ...a, useType: 'permanent' }, '2027-01-01')).toBe('approved');
  });
  it('merges whole parcels into one land, shared edges dissolved', () => {
    const merged = mergeParcelLand([square(108, 29, 0.001), square(108.001, 29, 0.001)])!;
    expect(merged.coordinates).toHaveLength(1);
    expect(ellipsoidalArea(merged)).toBeCloseTo(ellipsoidalArea(square(108, 29, 0.001)) * 2, -1);
    expect(mergeParcelLand([])).toBeNull();
  });
});
