export type Role = 'admin' | 'staff' | 'chief' | 'ranger' | 'supervisor' | 'instructor';

export interface User {
  id: string;
  username: string;
  name: string;
  roles: Role[];
  scopeUnit: { code: string; name: string; level: string };
}

export interface Page<T> {
  items: T[];
  total: number;
}

export type { Area, Organisation, Person, Post, Unit } from '@linzhang/domain';
/** A unit with its boundary and the box a map of it opens on (GET /api/units/:code). */
export type UnitDetail = import('@linzhang/domain').UnitWithGeometry & { extent?: [number, number, number, number] | null };

export interface CoverageReport {
  unitCode: string;
  overlaps: { aId: string; aName: string; bId: string; bName: string; areaM2: number }[];
  uncovered: { unitCode: string; unitName: string; unitAreaM2: number; uncoveredM2: number; uncoveredShare: number }[];
  unchecked: { id: string; name: string; reason: string }[];
}
