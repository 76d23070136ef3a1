import type { Kysely } from 'kysely';

// Issue 5 §3: the logging quota (采伐限额) per quota unit and year, the permits that consume it, their
// re-planting, and the pine-wilt epidemic points (疫点) a permit must respect (issue 7 extends the last).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('logging_quotas')
    .addColumn('unit_code', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('total_m3', 'double precision', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('logging_quotas_pk', ['unit_code', 'year'])
    .execute();
  await db.schema
    .createTable('logging_quota_items')
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('forest_class', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('cutting_type', 'text', (c) => c.notNull())
    .addColumn('volume_m3', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('logging_quota_items_pk', ['unit_code', 'year', 'forest_class', 'origin', 'cutting_type'])
    .addForeignKeyConstraint('logging_quota_items_quota', ['unit_code', 'year'], 'logging_quotas', ['unit_code', 'year'], (f) => f.onDelete('cascade'))
    .execute();
  await db.schema
    .createTable('logging_permits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('permit_no', 'text', (c) => c.notNull().unique())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('quota_unit_code', 'text', (c) => c.notNull())
    .addColumn('parcel_id', 'text', (c) => c.notNull().references('parcels.id'))
    .addColumn('unit_code', 'text', (c) => c.notNull().references('units.code')) // the parcel's village
    .addColumn('parcel_no', 'text', (c) => c.notNull())
    .addColumn('applicant', 'text', (c) => c.notNull())
    .addColumn('applicant_phone', 'text')
    .addColumn('forest_class', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('cutting_type', 'text', (c) => c.notNull())
    .addColumn('cutting_method', 'text', (c) => c.notNull())
    .addColumn('species', 'text', (c) => c.notNull())
    .addColumn('tree_count', 'integer')
    .addColumn('area_m2', 'double precision', (c) => c.notNull())
    .addColumn('volume_m3', 'double precision', (c) => c.notNull())
    .addColumn('output_m3', 'double precision')
    .addColumn('cutting_from', 'text', (c) => c.notNull())
    .addColumn('cutting_to', 'text', (c) => c.notNull())
    .addColumn('replant_deadline', 'text', (c) => c.notNull())
    .addColumn('pest_approval', 'text')
    .addColumn('status', 'text', (c) => c.notNull()) // issued | revoked
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('revoke_reason', 'text')
    .addColumn('replant_problem_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('logging_permits_quota').on('logging_permits').columns(['quota_unit_code', 'year']).execute();
  await db.schema.createIndex('logging_permits_parcel').on('logging_permits').columns(['parcel_id']).execute();
  await db.schema.createIndex('logging_permits_unit').on('logging_permits').columns(['unit_code', 'year']).execute();
  await db.schema
    .createTable('logging_replantings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('permit_id', 'text', (c) => c.notNull().references('logging_permits.id'))
    .addColumn('planted_on', 'text', (c) => c.notNull())
    .addColumn('area_m2', 'double precision', (c) => c.notNull())
    .addColumn('species', 'text', (c) => c.notNull())
    .addColumn('tree_count', 'integer')
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('logging_replantings_permit').on('logging_replantings').columns(['permit_id']).execute();
  await db.schema
    .createTable('epidemic_points')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_code', 'text', (c) => c.notNull().references('units.code')) // a town
    .addColumn('declared_on', 'text', (c) => c.notNull())
    .addColumn('removed_on', 'text')
    .addColumn('document_no', 'text')
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('epidemic_points_unit').on('epidemic_points').columns(['unit_code']).execute();
}

export async function down(): Promise<void> {
  throw new Error('The logging migration cannot be reverted');
}
