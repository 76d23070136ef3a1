import type { ColumnType, Generated } from 'kysely';

// Timestamps are ISO 8601 UTC strings on both engines; JSON is stored as text; flags as 0/1 integers.
type Timestamp = string;

export interface SpatialColumns {
  geom_json: string | null;
  minx: number | null;
  miny: number | null;
  maxx: number | null;
  maxy: number | null;
}

export interface UnitTable extends SpatialColumns {
  code: string;
  name: string; // official NBS name, e.g. 包家村村民委员会
  short_name: string; // shown in the UI, e.g. 包家村
  level: 'province' | 'county' | 'town' | 'village';
  kind: string;
  parent_code: string | null;
  area_m2: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OrganisationTable {
  id: string;
  name: string;
  kind: string;
  unit_code: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PersonTable {
  id: string;
  name: string;
  phone: string | null;
  unit_code: string;
  organisation_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PostTable {
  id: string;
  role: string; // chief 林长 | ranger 护林员 | supervisor 监管员 | instructor 指导员
  level: string; // county | town | village | forest_farm
  unit_code: string;
  person_id: string;
  organisation_id: string | null;
  term_start: string;
  term_end: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AreaTable extends SpatialColumns {
  id: string;
  name: string;
  kind: string; // post | grid
  unit_code: string;
  post_id: string | null;
  area_m2: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UserTable {
  id: string;
  username: string;
  password_hash: string;
  name: string;
  person_id: string | null;
  roles: string; // JSON array of role names
  scope_unit_code: string;
  disabled: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
}

export interface SessionTable {
  id: string; // SHA-256 of the cookie token: a leaked table does not leak sessions
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface AuditTable {
  id: Generated<number>;
  at: Timestamp;
  user_id: string | null;
  action: string;
  entity: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
}

export interface PatrolTable {
  id: string;
  user_id: string;
  person_id: string | null;
  unit_code: string;
  status: 'active' | 'paused' | 'ended';
  started_at: Timestamp;
  ended_at: Timestamp | null;
  distance_m: number | null;
  duration_s: number | null;
  moving_s: number | null;
  in_area_share: number | null;
  fixes_kept: number | null;
  flags: ColumnType<string, string | undefined, string>; // JSON array of TrackFlag
  valid: number | null;
  invalid_reasons: ColumnType<string, string | undefined, string>;
  fingerprint: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PatrolFixTable {
  patrol_id: string;
  t: number; // epoch ms
  lon: number;
  lat: number;
  accuracy: number | null;
}

export interface PatrolPauseTable {
  patrol_id: string;
  started_at: Timestamp;
  ended_at: Timestamp | null;
}

export interface RuleVersionTable {
  id: string;
  kind: string;
  effective_from: string; // YYYY-MM-DD
  body: string; // JSON
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface DutyReportTable {
  id: string;
  user_id: string;
  person_id: string | null;
  unit_code: string;
  title: string;
  content: string;
  submitted_at: Timestamp;
  created_at: Timestamp;
}

export interface PatrolObservationTable {
  id: string;
  patrol_id: string;
  t: number;
  lon: number;
  lat: number;
  kind: string;
  note: string;
  created_at: Timestamp;
}

export interface Database {
  patrol_observations: PatrolObservationTable;
  duty_reports: DutyReportTable;
  rule_versions: RuleVersionTable;
  patrols: PatrolTable;
  patrol_fixes: PatrolFixTable;
  patrol_pauses: PatrolPauseTable;
  units: UnitTable;
  organisations: OrganisationTable;
  people: PersonTable;
  posts: PostTable;
  areas: AreaTable;
  users: UserTable;
  sessions: SessionTable;
  audit_log: AuditTable;
}

export type SpatialTable = 'units' | 'areas';
