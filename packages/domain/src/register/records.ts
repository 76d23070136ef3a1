import type { MultiPolygon } from 'geojson';
import type { UnitLevel } from '../units/unit-code.ts';
import type { PostLevel, PostRole } from '../chiefs/post-rules.ts';

// The records of the organisation register as the API carries them: one definition for the server and the
// pages. Plain data, no behaviour.

export interface Unit {
  code: string;
  name: string; // official NBS name, e.g. 包家村村民委员会
  shortName: string; // shown in the UI, e.g. 包家村
  level: UnitLevel;
  kind: string;
  parentCode: string | null;
  areaM2: number | null;
}

export interface UnitWithGeometry extends Unit {
  geometry: MultiPolygon | null;
}

export const organisationKinds = ['bureau', 'department', 'forest_farm', 'town_office', 'other'] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

export interface Organisation {
  id: string;
  name: string;
  kind: OrganisationKind;
  unitCode: string;
}

export interface Person {
  id: string;
  name: string;
  phone: string | null;
  unitCode: string;
  organisationId: string | null;
}

export interface PostRecord {
  id: string;
  role: PostRole;
  level: PostLevel;
  unitCode: string;
  personId: string;
  organisationId: string | null;
  termStart: string; // YYYY-MM-DD
  termEnd: string | null;
}

export interface Post extends PostRecord {
  unitName: string;
  personName: string;
}

export const areaKinds = ['post', 'grid'] as const; // post: a chief's area; grid: a ranger's 网格
export type AreaKind = (typeof areaKinds)[number];

export interface Area {
  id: string;
  name: string;
  kind: AreaKind;
  unitCode: string;
  postId: string | null;
  areaM2: number;
}

export interface AreaWithGeometry extends Area {
  geometry: MultiPolygon;
}
