import type { MultiPolygon, Polygon } from 'geojson';
import polygonClipping, { type MultiPolygon as ClipMulti } from 'polygon-clipping';
import { ellipsoidalArea } from '../geometry/ellipsoidal-area.ts';

// DOMAIN.md §1 management responsibility areas: ranger grids should tile the village without overlap
// (two rangers answerable for one slope) and without gaps (a slope nobody patrols).
export interface GridInput {
  id: string;
  name: string;
  geometry: Polygon | MultiPolygon;
}

export interface UnitInput {
  code: string;
  name: string;
  geometry: Polygon | MultiPolygon;
}

export interface GridOverlap {
  aId: string;
  aName: string;
  bId: string;
  bName: string;
  areaM2: number;
}

export interface UncoveredUnit {
  unitCode: string;
  unitName: string;
  unitAreaM2: number;
  uncoveredM2: number;
  uncoveredShare: number; // 0–1
}

/** A unit or a pair of grids the clipping could not handle; named so a person can fix the boundary. */
export interface UncheckedItem {
  id: string; // the unit code, or the two grid ids joined by '|'
  name: string;
  reason: string;
}

export type Box = [number, number, number, number];

export const coordsOf = (g: Polygon | MultiPolygon): ClipMulti => (g.type === 'Polygon' ? [g.coordinates as ClipMulti[number]] : (g.coordinates as ClipMulti));
export const areaOf = (m: ClipMulti): number => ellipsoidalArea({ type: 'MultiPolygon', coordinates: m });

export function boxOf(m: ClipMulti): Box {
  const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of m) for (const ring of polygon) for (const [x, y] of ring) {
    box[0] = Math.min(box[0], x); box[1] = Math.min(box[1], y); box[2] = Math.max(box[2], x); box[3] = Math.max(box[3], y);
  }
  return box;
}
export const boxesMeet = (a: Box, b: Box): boolean => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

// polygon-clipping can fail on nearly coincident edges ("Unable to complete output ring"); snapping both
// operands to a 1e-8° grid (about 1 mm) and trying again resolves the cases seen in practice.
const snap = (m: ClipMulti): ClipMulti =>
  m.map((polygon) => polygon.map((ring) => ring.map(([x, y]) => [Math.round(x! * 1e8) / 1e8, Math.round(y! * 1e8) / 1e8] as [number, number])));

export function robust(op: (subject: ClipMulti, ...others: ClipMulti[]) => ClipMulti, subject: ClipMulti, others: ClipMulti[]): ClipMulti | null {
  try {
    return op(subject, ...others);
  } catch {
    try {
      return op(snap(subject), ...others.map(snap));
    } catch {
      return null;
    }
  }
}

/** Pairwise grid overlaps and, per unit, the area outside every grid. Overlaps under minOverlapM2 are noise. */
export function gridCoverageReport(input: { grids: GridInput[]; units: UnitInput[]; minOverlapM2?: number }): {
  overlaps: GridOverlap[];
  uncovered: UncoveredUnit[];
  unchecked: UncheckedItem[];
} {
  const unchecked: UncheckedItem[] = [];
  const minOverlap = input.minOverlapM2 ?? 1;
  const grids = input.grids.map((g) => {
    const coords = coordsOf(g.geometry);
    return { ...g, coords, box: boxOf(coords) };
  });
  // Sweep along x so that only grids whose boxes overlap are intersected.
  const byMinX = [...grids].sort((a, b) => a.box[0] - b.box[0]);
  const overlaps: GridOverlap[] = [];
  for (let i = 0; i < byMinX.length; i++) {
    const a = byMinX[i]!;
    for (let j = i + 1; j < byMinX.length && byMinX[j]!.box[0] <= a.box[2]; j++) {
      const b = byMinX[j]!;
      if (!boxesMeet(a.box, b.box)) continue;
      const shared = robust(polygonClipping.intersection, a.coords, [b.coords]);
      if (shared === null) {
        unchecked.push({ id: `${a.id}|${b.id}`, name: `${a.name} / ${b.name}`, reason: '网格几何无法求交，请检查边界是否自相交' });
        continue;
      }
      const areaM2 = shared.length ? areaOf(shared) : 0;
      if (areaM2 >= minOverlap) {
        const [first, second] = a.id < b.id ? [a, b] : [b, a];
        overlaps.push({ aId: first.id, aName: first.name, bId: second.id, bName: second.name, areaM2 });
      }
    }
  }
  overlaps.sort((x, y) => y.areaM2 - x.areaM2);

  const uncovered: UncoveredUnit[] = [];
  for (const unit of input.units) {
    const coords = coordsOf(unit.geometry);
    const box = boxOf(coords);
    const unitAreaM2 = areaOf(coords);
    const touching = grids.filter((g) => boxesMeet(g.box, box)).map((g) => g.coords);
    const left = touching.length ? robust(polygonClipping.difference, coords, touching) : coords;
    if (left === null) {
      unchecked.push({ id: unit.code, name: unit.name, reason: '村域与网格几何无法求差，请检查边界是否自相交' });
      continue;
    }
    const uncoveredM2 = left.length ? areaOf(left) : 0;
    uncovered.push({ unitCode: unit.code, unitName: unit.name, unitAreaM2, uncoveredM2, uncoveredShare: unitAreaM2 > 0 ? uncoveredM2 / unitAreaM2 : 0 });
  }
  return { overlaps, uncovered, unchecked };
}
