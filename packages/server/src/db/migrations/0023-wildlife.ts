import type { Kysely } from 'kysely';

// Issue 7 §7 (DOMAIN.md §7): wildlife epidemic monitoring stations (陆生野生动物疫源疫病监测站) with their reporters,
// one daily report per station and day (zero reports included), which missed days were already flagged to the
// supervisor (once per station and day), and wild boar damage reports (野猪致害) with the household's compensation claim.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('wildlife_stations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_code', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull()) // national | provincial | county
    .addColumn('lon', 'double precision', (c) => c.notNull())
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('supervisor_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('active_from', 'text', (c) => c.notNull()) // YYYY-MM-DD
    .addColumn('active_to', 'text')
    .addColumn('note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('wildlife_stations_unit').on('wildlife_stations').columns(['unit_code']).execute();
  await db.schema
    .createTable('wildlife_station_reporters')
    .addColumn('station_id', 'text', (c) => c.notNull().references('wildlife_stations.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('wildlife_station_reporters_pk', ['station_id', 'user_id'])
    .execute();
  await db.schema
    .createTable('wildlife_daily_reports')
    .addColumn('id', 'text', (c) => c.primaryKey()) // client-generated
    .addColumn('station_id', 'text', (c) => c.notNull().references('wildlife_stations.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('zero', 'integer', (c) => c.notNull())
    .addColumn('observations', 'text', (c) => c.notNull()) // JSON [{ species, count, dead, note }]
    .addColumn('dead_total', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('reporter_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('reporter_name', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull()) // first submission: decides reported / late
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('problem_id', 'text', (c) => c.references('problems.id'))
    .execute();
  await db.schema.createIndex('wildlife_daily_reports_day').on('wildlife_daily_reports').columns(['station_id', 'date']).unique().execute();
  await db.schema
    .createTable('wildlife_missing_flags')
    .addColumn('station_id', 'text', (c) => c.notNull().references('wildlife_stations.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('cutoff_at', 'text', (c) => c.notNull())
    .addColumn('flagged_at', 'text', (c) => c.notNull())
    .addColumn('recipients', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('wildlife_missing_flags_pk', ['station_id', 'date'])
    .execute();
  await db.schema
    .createTable('wildlife_boar_damages')
    .addColumn('id', 'text', (c) => c.primaryKey()) // client-generated
    .addColumn('unit_code', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('station_id', 'text', (c) => c.references('wildlife_stations.id'))
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('lon', 'double precision', (c) => c.notNull())
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('household', 'text', (c) => c.notNull()) // 受损农户
    .addColumn('household_phone', 'text')
    .addColumn('crop', 'text', (c) => c.notNull())
    .addColumn('area_mu', 'double precision', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('claim_status', 'text') // null = no claim; claimed | assessed | paid | refused
    .addColumn('claimed_fen', 'integer')
    .addColumn('assessed_fen', 'integer')
    .addColumn('claim_note', 'text') // the assessment note or the refusal reason
    .addColumn('assessed_at', 'text')
    .addColumn('assessed_by', 'text')
    .addColumn('decided_at', 'text') // paid or refused
    .addColumn('decided_by', 'text')
    .addColumn('problem_id', 'text', (c) => c.references('problems.id'))
    .addColumn('reporter_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('wildlife_boar_damages_unit').on('wildlife_boar_damages').columns(['unit_code', 'occurred_on']).execute();
}

export async function down(): Promise<void> {
  throw new Error('The wildlife migration cannot be reverted');
}
