import { ellipsoidalArea, gridCoverageReport } from '@linzhang/domain';
import type { Polygon } from 'geojson';
import { chongqingDivisions } from './divisions.ts';
import { demoCounties } from './demo-counties.ts';
import { countyOutline, mulberry32, partitionRing } from './synthetic-geometry.ts';
const poly = (r: number[][]): Polygon => ({ type: 'Polygon', coordinates: [r] });
const area = (r: number[][]) => ellipsoidalArea(poly(r));
const d = chongqingDivisions();
for (const [c6, config] of Object.entries(demoCounties)) {
  const t0 = performance.now();
  const towns = d.towns.filter(([c]) => c.startsWith(c6));
  const villagesOf = (t: string) => d.villages.filter(([c]) => c.startsWith(t.slice(0, 9)));
  const all = towns.flatMap(([c]) => villagesOf(c));
  const rng = mulberry32(config.seed);
  const outline = countyOutline({ centre: config.centre, radiusKm: Math.sqrt(config.landAreaKm2 / Math.PI), rng });
  const townRings = partitionRing(outline, towns.length, rng);
  let worstTown = 0, worstVillage = 0, vi = 0, verts = 0;
  const grids: { id: string; name: string; geometry: Polygon }[] = [];
  const units: { code: string; name: string; geometry: Polygon }[] = [];
  worstTown = Math.abs(townRings.reduce((s, r) => s + area(r), 0) - area(outline)) / area(outline);
  towns.forEach(([tc], t) => {
    const vs = villagesOf(tc);
    const vr = partitionRing(townRings[t]!, vs.length, rng);
    worstVillage = Math.max(worstVillage, Math.abs(vr.reduce((s, r) => s + area(r), 0) - area(townRings[t]!)) / area(townRings[t]!));
    vs.forEach(([vc, vn], v) => {
      units.push({ code: vc, name: vn, geometry: poly(vr[v]!) });
      const n = typeof config.rangers === 'number' ? Math.floor(config.rangers / all.length) + (vi < config.rangers % all.length ? 1 : 0) : config.rangers.perVillage;
      vi++;
      const gr = partitionRing(vr[v]!, n, rng);
      gr.forEach((g, k) => { verts += g.length; grids.push({ id: `${vc}-${k}`, name: `${vc}-${k}`, geometry: poly(g) }); });
    });
  });
  const t1 = performance.now();
  const rep = gridCoverageReport({ grids, units });
  const t2 = performance.now();
  const worstUncovered = Math.max(...rep.uncovered.map((u) => u.uncoveredM2));
  console.log(c6, { outlineVerts: outline.length, grids: grids.length, gridVerts: verts, worstTown, worstVillage, build: Math.round(t1 - t0), report: Math.round(t2 - t1), overlaps: rep.overlaps.length, maxOverlap: rep.overlaps[0]?.areaM2, unchecked: rep.unchecked.length, worstUncovered });
}
