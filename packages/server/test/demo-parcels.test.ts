import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testEngines, type TestEngine } from './engines.ts';
import { buildDemo } from '../src/demo/build-demo.ts';
import { buildDemoParcels } from '../src/demo/demo-parcels.ts';
import { LedgerService } from '../src/ledger/statistics-service.ts';
import { viewerOf } from '../src/auth/viewer.ts';
import { areaBy, forestCoverage } from '@linzhang/domain';

// Issue 5 §9: the demo ledger at a chosen size (the full county is ~100,000 parcels; 12,000 keeps the test quick):
// exactly that many parcels, tiling every village, numbered per compartment, with forest coverage near Youyang's
// 64.1 % (DOMAIN.md §8) by the DOMAIN.md §3 formula.
describe.each(testEngines())('demo ledger at scale on $name', (engine: TestEngine) => {
  let store: Awaited<ReturnType<TestEngine['open']>>;
  beforeAll(async () => {
    store = await engine.open();
    await buildDemo(store, '500242', new Date('2024-11-20T02:00:00Z'), { activity: false });
  });
  afterAll(() => store?.dispose());

  it('writes the number asked for, shared among villages by area, with coverage near 64 %', async () => {
    expect(await buildDemoParcels(store, '500242000000', 2024, 12_000)).toBe(12_000);
    const perVillage = await store.db.selectFrom('parcels').select(['unit_code', sql<number>`count(*)`.as('n'), sql<number>`sum(area_m2)`.as('a')]).groupBy('unit_code').execute();
    const villages = await store.db.selectFrom('units').select(['code', 'area_m2']).where('level', '=', 'village').where('code', 'like', '500242%').execute();
    expect(perVillage).toHaveLength(villages.length);
    // Every village is tiled by its parcels, and parcels are about the same size everywhere (shares by area).
    const sizes: number[] = [];
    for (const v of villages) {
      const row = perVillage.find((p) => p.unit_code === v.code)!;
      expect(Number(row.a) / v.area_m2!).toBeCloseTo(1, 4);
      sizes.push(Number(row.a) / Number(row.n));
    }
    sizes.sort((a, b) => a - b);
    expect(sizes[sizes.length - 1]! / sizes[0]!).toBeLessThan(3);
    const numbers = await store.db.selectFrom('parcels').select('parcel_no').where('unit_code', '=', villages[0]!.code).execute();
    expect(numbers.every((p) => /^\d{2}-\d{3}$/.test(p.parcel_no))).toBe(true);
    expect(new Set(numbers.map((p) => p.parcel_no.slice(0, 2))).size).toBeGreaterThan(3); // several compartments

    const stats = await new LedgerService(store).statistics(viewerOf({ id: 'x', username: 'x', roles: ['admin'], scopeUnitCode: '500242000000' }), { year: 2024 });
    if (!stats.ok) throw new Error('statistics failed');
    expect(stats.value.parcels).toBe(12_000);
    expect(stats.value.coverage.coverage).toBeGreaterThan(0.61);
    expect(stats.value.coverage.coverage).toBeLessThan(0.67);

    // The statistics are summed in the database (GROUP BY); they equal the same sums over every parcel one by one,
    // with a closure of exactly 0.2 counted and one without a closure reported (DOMAIN.md §3).
    const [edge, unknown] = await store.db.selectFrom('parcels').select('id').where('land_class', '=', '0111').orderBy('id').limit(2).execute();
    await store.db.updateTable('parcels').set({ canopy_closure: 0.2 }).where('id', '=', edge!.id).execute();
    await store.db.updateTable('parcels').set({ canopy_closure: null }).where('id', '=', unknown!.id).execute();
    const county = viewerOf({ id: 'x', username: 'x', roles: ['admin'], scopeUnitCode: '500242000000' });
    const again = await new LedgerService(store).statistics(county, { year: 2024 });
    if (!again.ok) throw new Error('statistics failed');
    const rows = await store.db.selectFrom('parcels').select(['unit_code', 'land_class', 'canopy_closure', 'area_m2', 'volume_m3', 'dominant_species', 'origin', 'forest_category']).where('year', '=', 2024).execute();
    const units = new Map((await store.db.selectFrom('units').select(['code', 'area_m2']).execute()).map((u) => [u.code, u.area_m2 ?? 0]));
    const asCoverage = (list: typeof rows) => list.map((r) => ({ landClass: r.land_class, canopyClosure: r.canopy_closure === null ? null : Number(r.canopy_closure), areaM2: Number(r.area_m2) }));
    const byHand = forestCoverage(asCoverage(rows), units.get('500242000000')!);
    expect(again.value.coverage.forestAreaM2).toBeCloseTo(byHand.forestAreaM2, 3);
    expect(again.value.coverage.unknownCanopyM2).toBeCloseTo(byHand.unknownCanopyM2, 3);
    expect(again.value.coverage.unknownCanopyM2).toBeGreaterThan(0);
    expect(again.value.coverage.coverage).toBeCloseTo(byHand.coverage!, 12);
    expect(again.value.volumeM3).toBeCloseTo(rows.reduce((s, r) => s + Number(r.volume_m3 ?? 0), 0), 3);
    const sorted = (list: { key: string | null; areaM2: number; parcels: number }[]) => list.map((x) => [x.key, Math.round(x.areaM2), x.parcels]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(sorted(again.value.bySpecies)).toEqual(sorted(areaBy(rows.map((r) => ({ key: r.dominant_species, areaM2: Number(r.area_m2) })))));
    expect(sorted(again.value.byLandClass)).toEqual(sorted(areaBy(rows.map((r) => ({ key: r.land_class, areaM2: Number(r.area_m2) })))));
    expect(again.value.children).toHaveLength(39);
    for (const town of again.value.children) {
      const mine = rows.filter((r) => r.unit_code.startsWith(town.unitCode.slice(0, 9)));
      expect(town.parcels).toBe(mine.length);
      expect(town.coverage!).toBeCloseTo(forestCoverage(asCoverage(mine), units.get(town.unitCode)!).coverage!, 12);
    }
  });
});
