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
  photos: ColumnType<string, string | undefined, string>; // JSON array of file ids
  created_at: Timestamp;
}

export interface ParcelTable extends SpatialColumns {
  id: string;
  year: number;
  parcel_no: string;
  unit_code: string;
  land_class: string;
  forest_category: string | null;
  authority_level: string | null;
  origin: string | null;
  dominant_species: string | null;
  age_group: string | null;
  canopy_closure: number | null;
  volume_m3: number | null;
  owner_type: string | null;
  owner: string | null;
  area_m2: number;
  import_batch: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  geom_tile: ColumnType<Uint8Array | null, Uint8Array | null | undefined, Uint8Array | null>; // SQLite only: tiles/tile-geometry.ts packWorldGeometry
}

export interface LoggingQuotaTable {
  unit_code: string;
  year: number;
  total_m3: number;
  note: string | null;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface LoggingQuotaItemTable {
  unit_code: string;
  year: number;
  forest_class: string;
  origin: string;
  cutting_type: string;
  volume_m3: number;
}

export interface LoggingPermitTable {
  id: string;
  permit_no: string;
  year: number;
  quota_unit_code: string;
  parcel_id: string;
  unit_code: string;
  parcel_no: string;
  applicant: string;
  applicant_phone: string | null;
  forest_class: string;
  origin: string;
  cutting_type: string;
  cutting_method: string;
  species: string;
  tree_count: number | null;
  area_m2: number;
  volume_m3: number;
  output_m3: number | null;
  cutting_from: string;
  cutting_to: string;
  replant_deadline: string;
  pest_approval: string | null;
  status: string;
  issued_at: Timestamp;
  issued_by: string | null;
  revoked_at: Timestamp | null;
  revoke_reason: string | null;
  replant_problem_id: string | null;
  created_at: Timestamp;
}

export interface LoggingReplantingTable {
  id: string;
  permit_id: string;
  planted_on: string;
  area_m2: number;
  species: string;
  tree_count: number | null;
  note: string | null;
  recorded_by: string | null;
  created_at: Timestamp;
}

export interface CompensationRateTable {
  year: number;
  forest_category: string;
  rate_fen: number;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface CompensationBatchTable {
  id: string;
  unit_code: string;
  year: number;
  ledger_year: number;
  title: string;
  status: string;
  posting_from: string | null;
  posting_to: string | null;
  created_by: string | null;
  created_at: Timestamp;
  approved_by: string | null;
  approved_at: Timestamp | null;
  paid_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  version: number;
}

export interface CompensationLineTable {
  id: string;
  batch_id: string;
  year: number;
  unit_code: string;
  parcel_no: string;
  parcel_id: string | null;
  forest_category: string;
  payee: string;
  id_number: string | null;
  bank_account: string | null;
  area_m2: number;
  rate_fen: number;
  amount_fen: number;
  active: number;
  note: string | null;
}

export interface CompensationObjectionTable {
  id: string;
  batch_id: string;
  line_id: string | null;
  raised_by: string;
  content: string;
  raised_at: Timestamp;
  status: string;
  resolution: string | null;
  resolved_by: string | null;
  resolved_at: Timestamp | null;
}

export interface LandUseApprovalTable {
  id: string;
  project: string;
  applicant: string;
  approval_no: string | null;
  use_type: string;
  status: string;
  unit_code: string;
  area_m2: number;
  geom_json: string;
  minx: number;
  miny: number;
  maxx: number;
  maxy: number;
  applied_on: string;
  starts_on: string | null;
  ends_on: string | null;
  restore_by: string | null;
  decided_on: string | null;
  decided_by: string | null;
  decision_note: string | null;
  overlap_acknowledged: number;
  overlap_note: string | null;
  overlap_json: string | null;
  restored_on: string | null;
  version: number;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface LandUseCheckTable {
  id: string;
  approval_id: string;
  stage: string;
  checked_on: string;
  inspector: string;
  finding: string;
  created_by: string | null;
  created_at: Timestamp;
}

export interface AncientTreeTable {
  id: string;
  county_code: string;
  register_no: string;
  unit_code: string;
  lon: number;
  lat: number;
  species: string;
  latin_name: string | null;
  estimated_age: number | null;
  famous: number;
  grade: string;
  girth_cm: number | null;
  height_m: number | null;
  crown_m: number | null;
  owner: string | null;
  caretaker_person_id: string | null;
  caretaker_name: string | null;
  caretaker_phone: string | null;
  health: string;
  photos: string; // JSON array of file ids
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FireSeasonTable {
  id: string;
  unit_code: string;
  year: number;
  starts_on: string;
  ends_on: string;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FireBanSuggestionTable {
  id: string;
  county_code: string;
  starts_on: string;
  ends_on: string;
  areas: string; // JSON array of unit codes
  days: string; // JSON array of SuggestionDay
  peak_level: number;
  rule_min_level: number;
  rule_min_days: number;
  status: string;
  order_id: string | null;
  dismiss_reason: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FireOrderTable {
  id: string;
  county_code: string;
  kind: string;
  doc_no: string;
  title: string;
  body: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  areas: string; // JSON array of unit codes
  issuer: string;
  status: string;
  suggestion_id: string | null;
  issued_at: Timestamp | null;
  lifted_at: Timestamp | null;
  lift_reason: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ForestEntryPointTable {
  id: string;
  code: string;
  name: string;
  unit_code: string;
  lon: number;
  lat: number;
  active: number;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ForestEntryTable {
  id: string;
  point_id: string;
  unit_code: string;
  name: string | null;
  phone: string | null;
  id_tail: string | null;
  purpose: string;
  fire_source: number;
  token_hash: string | null;
  entered_at: Timestamp;
  exited_at: Timestamp | null;
  purged_at: Timestamp | null;
}

export interface AncientTreeInspectionTable {
  id: string;
  tree_id: string;
  inspected_on: string;
  inspector: string;
  health: string;
  finding: string;
  photos: string;
  created_by: string | null;
  created_at: Timestamp;
}

export interface ScatteredTreesTable {
  unit_code: string;
  year: number;
  crown_area_m2: number;
  shelterbelt_m2: number;
  tree_count: number | null;
  note: string | null;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface EpidemicPointTable {
  id: string;
  unit_code: string;
  declared_on: string;
  removed_on: string | null;
  document_no: string | null;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface FileTable {
  id: string; // SHA-256 of the bytes, hex
  mime: string;
  size: number;
  taken_at: Timestamp | null;
  lon: number | null;
  lat: number | null;
  uploaded_by: string | null; // null: the public report page
  uploaded_at: Timestamp;
}

export interface ProblemTable {
  id: string;
  category: string;
  source: string;
  severity: string;
  title: string;
  description: string;
  lon: number;
  lat: number;
  geom_json: string | null;
  unit_code: string;
  status: string;
  version: number;
  reported_at: Timestamp;
  deadline_at: Timestamp;
  due_soon_at: Timestamp;
  due_soon_notified: ColumnType<number, number | undefined, number>;
  escalation_count: ColumnType<number, number | undefined, number>;
  escalation_level: string | null;
  supervision_due_at: Timestamp | null;
  interviewed: ColumnType<number, number | undefined, number>;
  reporter_user_id: string | null;
  reporter_person_id: string | null;
  reporter_name: string | null;
  reporter_phone: string | null;
  assignee_unit_code: string | null;
  assignee_person_id: string | null;
  assigned_at: Timestamp | null;
  handled_at: Timestamp | null;
  handled_by_user_id: string | null;
  handled_by_person_id: string | null;
  verified_by_user_id: string | null;
  closed_at: Timestamp | null;
  needs_field_check: ColumnType<number, number | undefined, number>;
  patrol_id: string | null;
  parcel_ref: string | null;
  fire_ref: string | null;
  pest_ref: string | null;
  external_ref: string | null;
  import_batch: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProblemEventTable {
  id: Generated<number>;
  problem_id: string;
  at: Timestamp;
  action: string;
  from_status: string | null;
  to_status: string | null;
  user_id: string | null;
  note: string | null;
  data_json: string | null;
}

export interface ProblemPhotoTable {
  id: string;
  problem_id: string;
  event_id: number;
  file_id: string;
  findings_json: string;
  created_at: Timestamp;
}

export interface InterviewTable {
  id: string;
  problem_id: string;
  unit_code: string;
  person_id: string | null;
  reason: string;
  due_at: Timestamp;
  held_at: Timestamp | null;
  outcome: string | null;
  created_at: Timestamp;
}

export interface NotificationTable {
  id: string;
  user_id: string;
  kind: string;
  problem_id: string | null;
  title: string;
  body: string;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export interface WebhookOutboxTable {
  id: string;
  event: string;
  payload: string;
  created_at: Timestamp;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Timestamp;
  delivered_at: Timestamp | null;
  last_error: string | null;
}

export interface JobRunTable {
  job: string;
  slot: Timestamp;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  summary: string | null;
}

export interface WeatherStationTable {
  id: string;
  code: string;
  name: string;
  county_code: string;
  lon: number;
  lat: number;
  elevation_m: number | null;
  start_ffmc: number;
  start_dmc: number;
  start_dc: number;
  season_start: string;
  note: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface WeatherStationUnitTable {
  station_id: string;
  unit_code: string;
}

export interface WeatherObservationTable {
  id: string;
  station_id: string;
  date: string;
  temp: number;
  rh: number;
  ws: number;
  prec: number;
  max_temp: number | null;
  rh14: number | null;
  wind_force: number | null;
  forecast: number;
  source: string;
  entered_by: string | null;
  entered_at: string;
}

export interface FireWeatherIndexTable {
  station_id: string;
  date: string;
  ffmc: number;
  dmc: number;
  dc: number;
  isi: number;
  bui: number;
  fwi: number;
  dsr: number;
  restarted: number;
  forecast: number;
}

export interface FireDangerDailyTable {
  unit_code: string;
  date: string;
  level: number;
  method: string;
  value: number;
  explanation: string;
  station_id: string;
  forecast: number;
}

export interface WeatherPullTable {
  id: string;
  started_at: string;
  ok: number;
  trigger: string;
  received: number;
  saved: number;
  summary: string;
  findings: string;
}

export interface FireDeviceTable {
  id: string;
  county_code: string;
  device_id: string; // the id the device publishes under (its serial)
  kind: string;
  name: string;
  unit_code: string;
  lon: number | null;
  lat: number | null;
  belongs_to: string | null; // the entry point or infrastructure item, free text for now
  active: number;
  registration: string; // pending | accepted | rejected
  first_seen_at: Timestamp | null;
  last_seen_at: Timestamp | null;
  offline_since: Timestamp | null;
  battery: number | null;
  signal: number | null;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DeadTreeTable {
  id: string;
  unit_code: string;
  parcel_id: string | null;
  parcel_no: string | null;
  lon: number;
  lat: number;
  species: string | null;
  dbh_cm: number | null;
  condition: string;
  source: string;
  source_ref: string | null;
  import_batch: string | null;
  found_at: string;
  found_by: string;
  state: string;
  cause: string;
  done: number;
  sample_no: string | null;
  sampled_at: string | null;
  lab_received_at: string | null;
  result_at: string | null;
  outcome: string | null;
  first_in_county: number;
  phone_reported_at: string | null;
  written_report_at: string | null;
  felled_at: string | null;
  disposed_at: string | null;
  disposal_method: string | null;
  stump_treated_at: string | null;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface DeadTreeStepTable {
  id: string;
  tree_id: string;
  step: string;
  at: string;
  person: string;
  user_id: string | null;
  lon: number | null;
  lat: number | null;
  photo_file_id: string | null;
  data: string | null;
  note: string | null;
  created_at: string;
}

export interface DeadTreeOverdueTable {
  tree_id: string;
  duty: string;
  due_at: string;
  problem_id: string;
  created_at: string;
}

export interface FireRecordTable {
  id: string;
  unit_code: string;
  lon: number;
  lat: number;
  source: string;
  source_ref: string | null;
  source_data: string | null; // JSON
  title: string;
  description: string;
  status: string;
  version: number;
  discovered_at: Timestamp;
  reported_at: Timestamp | null;
  verified_at: Timestamp | null;
  dispatched_at: Timestamp | null;
  arrived_at: Timestamp | null;
  controlled_at: Timestamp | null;
  out_at: Timestamp | null;
  ended_at: Timestamp | null;
  end_reason: string | null;
  burned_ha: number | null;
  forest_burned_ha: number | null;
  deaths: number | null;
  injuries: number | null;
  economic_loss_yuan: number | null;
  loss_note: string | null;
  cause: string | null;
  problem_id: string | null;
  reporter_user_id: string | null;
  reporter_name: string | null;
  reporter_phone: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FireDeviceMessageTable {
  id: string;
  device_ref: string;
  received_at: Timestamp;
  channel: string;
  payload: string;
  valid: number;
  error: string | null;
}

export interface FireDeviceDailyTable {
  device_ref: string;
  day: string; // YYYY-MM-DD Asia/Shanghai
  messages: number;
  invalid: number;
  alarms: number;
  people: number;
  vehicles: number;
}

export interface FireDeviceAlarmTable {
  id: string;
  device_ref: string;
  kind: string;
  at: Timestamp;
  lon: number | null;
  lat: number | null;
  value: number | null;
  snapshot: string | null;
  note: string | null;
  received_at: Timestamp;
  fire_id: string | null;
  fire_created: number | null;
  forward_error: string | null;
}

export interface FireDeviceRejectTable {
  day: string;
  reason: string;
  count: number;
  last_topic: string;
  last_error: string;
  last_at: Timestamp;
}

export interface FireEventTable {
  id: string;
  fire_id: string;
  kind: string;
  step: string | null;
  at: Timestamp;
  person: string | null;
  user_id: string | null;
  note: string | null;
  data: string | null; // JSON
  created_at: Timestamp;
}

export interface FireTimerAlertTable {
  fire_id: string;
  timer_name: string;
  notified_at: Timestamp;
  recipients: number;
}

export interface FireInfrastructureTable {
  id: string;
  kind: string;
  name: string;
  unit_code: string;
  geom_json: string; // Point, LineString or MultiLineString, CGCS2000 lon/lat
  minx: number;
  miny: number;
  maxx: number;
  maxy: number;
  length_m: number | null;
  anchor_lon: number;
  anchor_lat: number;
  built_year: number | null;
  condition: string | null;
  status: string;
  capacity_m3: number | null;
  photos: string; // JSON array of file ids
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TenHouseholdGroupTable {
  id: string;
  unit_code: string;
  name: string;
  head_name: string;
  head_phone: string;
  household_count: number;
  members: string; // JSON array of household names
  formed_year: number | null;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FireInfrastructureTargetTable {
  id: string;
  unit_code: string;
  kind: string;
  year: number;
  value: number;
  basis: string;
  source: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

// Issue 8 §1: imported work plans (工作要点), as confirmed after review.
export interface WorkplanTable {
  id: string;
  unit_code: string;
  year: number;
  title: string;
  issuer: string | null;
  version: number;
  source_file: string;
  imported_by: string | null;
  imported_at: Timestamp;
}

export interface WorkplanSectionTable {
  id: string;
  plan_id: string;
  position: number;
  number: string | null;
  title: string;
}

export interface WorkplanTaskTable {
  id: string;
  plan_id: string;
  section_id: string;
  position: number;
  number: string | null;
  title: string;
  text: string;
  deadline: string | null; // YYYY-MM-DD
}

export interface WorkplanTargetTable {
  id: string;
  plan_id: string;
  task_id: string;
  position: number;
  subject: string;
  value: number;
  unit: string;
  op: string; // '>=' | '<=' | '='
  text: string;
}

export interface WorkplanRuleTable {
  id: string;
  plan_id: string;
  task_id: string;
  position: number;
  text: string;
  role: string | null;
  action: string;
  period: string;
  min_count: number;
}

// Issue 8 §2: tracking of plan targets.
export interface WorkplanTargetTrackingTable {
  target_id: string;
  owner_unit_codes: string; // JSON array
  owner_person_id: string | null;
  measure: string; // 'manual' | 'indicator'
  indicator_key: string | null;
  indicator_unit_code: string | null;
  report_every: string | null; // 'month' | 'quarter' | 'half'
  due_on: string | null;
  closed_at: string | null;
  closed_by: string | null;
  close_note: string | null;
  version: number;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface WorkplanTargetReportTable {
  id: string;
  target_id: string;
  period_key: string;
  value: number | null;
  unit: string | null;
  note: string;
  reported_by: string | null;
  reported_at: Timestamp;
  version: number;
}

export interface WorkplanTargetFileTable {
  target_id: string;
  file_id: string;
  report_id: string | null;
  added_by: string | null;
  added_at: Timestamp;
}

export interface WorkplanTargetUrgeTable {
  target_id: string;
  period_key: string;
  urged_at: Timestamp;
  notified: number;
}

// Issue 8 §3: assessment schemes and the manual items' points.
export interface AssessmentSchemeTable {
  id: string;
  unit_code: string;
  year: number;
  version: number;
  title: string;
  items_json: string;
  created_by: string | null;
  created_at: Timestamp;
}

export interface AssessmentManualScoreTable {
  scheme_id: string;
  period_key: string;
  unit_code: string;
  item_key: string;
  points: number;
  note: string;
  entered_by: string | null;
  entered_at: Timestamp;
}

/** A finalised (定稿) quarter's scores, per level. */
export interface AssessmentResultTable {
  scheme_id: string;
  period_key: string;
  level: string;
  rows_json: string;
  as_of: Timestamp;
  finalized_by: string | null;
  finalized_at: Timestamp;
}

export interface ResponsibilitySnapshotTable {
  unit_code: string;
  year: number;
  forest_m2: number;
  covered_m2: number;
  computed_at: Timestamp;
}

// Issue 7 §5–§6: other pests' occurrences, origin and transport quarantine.
export interface PestOccurrenceTable {
  id: string;
  unit_code: string;
  parcel_id: string | null;
  parcel_no: string | null;
  parcel_area_m2: number | null;
  pest: string;
  pest_name: string;
  host: string | null;
  observed_on: string;
  year: number;
  area_m2: number;
  disaster_area_m2: number;
  severity: string;
  host_death: number;
  controlled_area_m2: number | null;
  surveyor: string | null;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface QuarantineOriginInspectionTable {
  id: string;
  inspection_no: string;
  unit_code: string;
  site_name: string;
  site_kind: string;
  subject: string;
  quantity: number | null;
  quantity_unit: string | null;
  inspected_on: string;
  inspector: string;
  result: string;
  pests_found: string | null;
  measures: string | null;
  valid_until: string | null;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface QuarantineCertificateTable {
  id: string;
  certificate_no: string | null;
  unit_code: string;
  status: string;
  ship_on: string;
  valid_from: string;
  valid_to: string;
  consignor: string;
  consignee: string;
  destination: string;
  carrier: string;
  vehicle_no: string;
  origin_inspection_id: string | null;
  refusals: string | null; // JSON
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface QuarantineConsignmentTable {
  id: string;
  certificate_id: string;
  position: number;
  product: string;
  species: string;
  quantity: number;
  quantity_unit: string;
  origin_unit_code: string;
  origin_parcel_id: string | null;
  origin_parcel_no: string | null;
  permit_id: string | null;
  permit_no: string | null;
  pest_approval: string | null;
  epidemic_point: string | null;
  treatment: string;
  treatment_note: string | null;
}

export interface PestSurveyCampaignTable {
  id: string;
  unit_code: string;
  year: number;
  season: string;
  name: string;
  starts_on: string;
  ends_on: string;
  ledger_year: number;
  pine_species: string; // JSON array
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PestSurveyParcelTable {
  campaign_id: string;
  parcel_id: string;
  unit_code: string;
  parcel_no: string;
  pine_area_m2: number;
  infected: number;
  occurrence_m2: number | null;
  surveyed_on: string;
  surveyed_by: string | null;
  note: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EpidemicTargetTable {
  id: string;
  unit_code: string;
  year: number;
  kind: string;
  count: number;
  source: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WildlifeStationTable {
  id: string;
  unit_code: string;
  name: string;
  level: string; // national | provincial | county
  lon: number;
  lat: number;
  supervisor_user_id: string | null;
  active_from: string;
  active_to: string | null;
  note: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface WildlifeStationReporterTable {
  station_id: string;
  user_id: string;
}

export interface WildlifeDailyReportTable {
  id: string;
  station_id: string;
  date: string;
  zero: number; // 0 | 1
  observations: string; // JSON WildlifeObservation[]
  dead_total: number;
  note: string | null;
  reporter_user_id: string | null;
  reporter_name: string;
  submitted_at: string;
  updated_at: string;
  version: number;
  problem_id: string | null;
}

export interface WildlifeMissingFlagTable {
  station_id: string;
  date: string;
  cutoff_at: string;
  flagged_at: string;
  recipients: number;
}

export interface WildlifeBoarDamageTable {
  id: string;
  unit_code: string;
  station_id: string | null;
  occurred_on: string;
  lon: number;
  lat: number;
  household: string;
  household_phone: string | null;
  crop: string;
  area_mu: number;
  description: string;
  claim_status: string | null;
  claimed_fen: number | null;
  assessed_fen: number | null;
  claim_note: string | null;
  assessed_at: string | null;
  assessed_by: string | null;
  decided_at: string | null;
  decided_by: string | null;
  problem_id: string | null;
  reporter_user_id: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface CarbonTownFigureTable {
  unit_code: string;
  year: number;
  residents_t: number;
  farm_machinery_t: number;
  transport_t: number;
  water_t: number;
  grass_t: number;
  crops_t: number;
  source: string;
  note: string | null;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface Database {
  workplans: WorkplanTable;
  workplan_sections: WorkplanSectionTable;
  workplan_tasks: WorkplanTaskTable;
  workplan_targets: WorkplanTargetTable;
  workplan_rules: WorkplanRuleTable;
  workplan_target_tracking: WorkplanTargetTrackingTable;
  workplan_target_reports: WorkplanTargetReportTable;
  workplan_target_files: WorkplanTargetFileTable;
  workplan_target_urges: WorkplanTargetUrgeTable;
  assessment_schemes: AssessmentSchemeTable;
  assessment_manual_scores: AssessmentManualScoreTable;
  assessment_results: AssessmentResultTable;
  responsibility_snapshots: ResponsibilitySnapshotTable;
  fire_infrastructure: FireInfrastructureTable;
  ten_household_groups: TenHouseholdGroupTable;
  fire_infrastructure_targets: FireInfrastructureTargetTable;
  weather_stations: WeatherStationTable;
  weather_station_units: WeatherStationUnitTable;
  weather_observations: WeatherObservationTable;
  fire_weather_indices: FireWeatherIndexTable;
  fire_danger_daily: FireDangerDailyTable;
  weather_pulls: WeatherPullTable;
  dead_trees: DeadTreeTable;
  dead_tree_steps: DeadTreeStepTable;
  dead_tree_overdue: DeadTreeOverdueTable;
  fire_records: FireRecordTable;
  fire_events: FireEventTable;
  fire_timer_alerts: FireTimerAlertTable;
  logging_quotas: LoggingQuotaTable;
  logging_quota_items: LoggingQuotaItemTable;
  logging_permits: LoggingPermitTable;
  logging_replantings: LoggingReplantingTable;
  epidemic_points: EpidemicPointTable;
  scattered_trees: ScatteredTreesTable;
  ancient_trees: AncientTreeTable;
  fire_seasons: FireSeasonTable;
  fire_ban_suggestions: FireBanSuggestionTable;
  fire_orders: FireOrderTable;
  forest_entry_points: ForestEntryPointTable;
  forest_entries: ForestEntryTable;
  fire_devices: FireDeviceTable;
  fire_device_messages: FireDeviceMessageTable;
  fire_device_daily: FireDeviceDailyTable;
  fire_device_alarms: FireDeviceAlarmTable;
  fire_device_rejects: FireDeviceRejectTable;
  land_use_approvals: LandUseApprovalTable;
  land_use_checks: LandUseCheckTable;
  ancient_tree_inspections: AncientTreeInspectionTable;
  compensation_rates: CompensationRateTable;
  compensation_batches: CompensationBatchTable;
  compensation_lines: CompensationLineTable;
  compensation_objections: CompensationObjectionTable;
  parcels: ParcelTable;
  files: FileTable;
  problems: ProblemTable;
  problem_events: ProblemEventTable;
  problem_photos: ProblemPhotoTable;
  interviews: InterviewTable;
  notifications: NotificationTable;
  webhook_outbox: WebhookOutboxTable;
  job_runs: JobRunTable;
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
  pest_occurrences: PestOccurrenceTable;
  quarantine_origin_inspections: QuarantineOriginInspectionTable;
  quarantine_certificates: QuarantineCertificateTable;
  quarantine_consignments: QuarantineConsignmentTable;
  pest_survey_campaigns: PestSurveyCampaignTable;
  pest_survey_parcels: PestSurveyParcelTable;
  epidemic_targets: EpidemicTargetTable;
  wildlife_stations: WildlifeStationTable;
  wildlife_station_reporters: WildlifeStationReporterTable;
  wildlife_daily_reports: WildlifeDailyReportTable;
  wildlife_missing_flags: WildlifeMissingFlagTable;
  wildlife_boar_damages: WildlifeBoarDamageTable;
  carbon_town_figures: CarbonTownFigureTable;
}

export type SpatialTable = 'units' | 'areas' | 'parcels';
