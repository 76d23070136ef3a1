import type { MultiPolygon } from 'geojson';

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

export interface Unit {
  code: string;
  name: string;
  shortName: string;
  level: 'province' | 'county' | 'town' | 'village';
  kind: string;
  parentCode: string | null;
  areaM2: number | null;
}

export interface UnitDetail extends Unit {
  geometry: MultiPolygon | null;
}

export interface Organisation {
  id: string;
  name: string;
  kind: string;
  unitCode: string;
}

export interface Person {
  id: string;
  name: string;
  phone: string | null;
  unitCode: string;
  organisationId: string | null;
}

export interface Post {
  id: string;
  role: string;
  level: string;
  unitCode: string;
  unitName: string;
  personId: string;
  personName: string;
  organisationId: string | null;
  termStart: string;
  termEnd: string | null;
}

export interface Area {
  id: string;
  name: string;
  kind: 'post' | 'grid';
  unitCode: string;
  postId: string | null;
  areaM2: number;
}

export interface CoverageReport {
  unitCode: string;
  overlaps: { aId: string; aName: string; bId: string; bName: string; areaM2: number }[];
  uncovered: { unitCode: string; unitName: string; unitAreaM2: number; uncoveredM2: number; uncoveredShare: number }[];
}
