import type { MultiPolygon, Polygon } from 'geojson';
import polygonClipping from 'polygon-clipping';
import { areaOf, boxesMeet, boxOf, coordsOf, robust } from '../areas/grid-coverage-report.ts';

// Issue 5 §2 / DOMAIN.md §1: every piece of forest land should lie in some ranger's management grid (管护责任区).
// The share of the ledger's forest land inside the grids, per unit, and the parcels left (partly) outside.

export interface ResponsibilityParcel {
  id: string;
  parcelNo: string;
  unitCode: string;
  areaM2: number;
  geometry: Polygon | MultiPolygon;
}

export interface ParcelGap {
  id: string;
  parcelNo: string;
  unitCode: string;
  areaM2: number;
  uncoveredM2: number;
}

export interface ResponsibilityCoverage {
  forestM2: number;
  coveredM2: number;
  share: number | null; // 0–1, null without forest land
  byUnit: Map<string, { forestM2: number; coveredM2: number }>;
  /** Parcels with more than `minGapShare` of their area outside every grid, largest gap first. */
  gaps: ParcelGap[];
  unchecked: { id: string; parcelNo: string; reason: string }[];
}

/**
 * Forest land inside the responsibility areas. A parcel touching no area's box counts as wholly outside without
 * clipping; otherwise the part outside is the parcel minus the areas whose boxes it meets (polygon clipping on
 * the plane, measured on the ellipsoid).
 */
export function responsibilityCoverage(parcels: readonly ResponsibilityParcel[], areas: readonly (Polygon | MultiPolygon)[], minGapShare = 0.05): ResponsibilityCoverage {
  const zones = areas.map((g) => {
    const coords = coordsOf(g);
    return { coords, box: boxOf(coords) };
  });
  const byUnit = new Map<string, { forestM2: number; coveredM2: number }>();
  const gaps: ParcelGap[] = [];
  const unchecked: ResponsibilityCoverage['unchecked'] = [];
  let forestM2 = 0;
  let coveredM2 = 0;
  for (const p of parcels) {
    const coords = coordsOf(p.geometry);
    const box = boxOf(coords);
    const touching = zones.filter((z) => boxesMeet(z.box, box)).map((z) => z.coords);
    let outside: number;
    if (!touching.length) outside = p.areaM2;
    else {
      const left = robust(polygonClipping.difference, coords, touching);
      if (left === null) {
        unchecked.push({ id: p.id, parcelNo: p.parcelNo, reason: '小班与责任区几何无法求差，请检查边界是否自相交' });
        continue;
      }
      // Measured and stored areas differ by rounding only; keep the stored area as the whole.
      outside = left.length ? Math.min(p.areaM2, areaOf(left) * (p.areaM2 / Math.max(areaOf(coords), 1e-9))) : 0;
    }
    const covered = p.areaM2 - outside;
    forestM2 += p.areaM2;
    coveredM2 += covered;
    const u = byUnit.get(p.unitCode) ?? { forestM2: 0, coveredM2: 0 };
    u.forestM2 += p.areaM2;
    u.coveredM2 += covered;
    byUnit.set(p.unitCode, u);
    if (p.areaM2 > 0 && outside / p.areaM2 > minGapShare) gaps.push({ id: p.id, parcelNo: p.parcelNo, unitCode: p.unitCode, areaM2: p.areaM2, uncoveredM2: outside });
  }
  gaps.sort((a, b) => b.uncoveredM2 - a.uncoveredM2);
  return { forestM2, coveredM2, share: forestM2 > 0 ? coveredM2 / forestM2 : null, byUnit, gaps, unchecked };
}
