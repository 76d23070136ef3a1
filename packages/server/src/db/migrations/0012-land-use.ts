import type { Kysely } from 'kysely';

// Issue 5 §4: forest land use approvals (使用林地审核审批) with their land as a polygon, and the checks made
// before, during and after the use (事前/事中/事后).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('land_use_approvals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project', 'text', (c) => c.notNull())
    .addColumn('applicant', 'text', (c) => c.notNull())
    .addColumn('approval_no', 'text')
    .addColumn('use_type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('area_m2', 'double precision', (c) => c.notNull())
    .addColumn('geom_json', 'text', (c) => c.notNull())
    .addColumn('minx', 'double precision', (c) => c.notNull())
    .addColumn('miny', 'double precision', (c) => c.notNull())
    .addColumn('maxx', 'double precision', (c) => c.notNull())
    .addColumn('maxy', 'double precision', (c) => c.notNull())
    .addColumn('applied_on', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text')
    .addColumn('ends_on', 'text')
    .addColumn('restore_by', 'text')
    .addColumn('decided_on', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('overlap_acknowledged', 'integer', (c) => c.notNull())
    .addColumn('overlap_note', 'text')
    .addColumn('overlap_json', 'text') // the overlap as it stood when decided
    .addColumn('restored_on', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('land_use_approvals_unit').on('land_use_approvals').columns(['unit_code']).execute();
  await db.schema
    .createTable('land_use_checks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('approval_id', 'text', (c) => c.notNull().references('land_use_approvals.id'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('checked_on', 'text', (c) => c.notNull())
    .addColumn('inspector', 'text', (c) => c.notNull())
    .addColumn('finding', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('land_use_checks_approval').on('land_use_checks').columns(['approval_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('The land-use migration cannot be reverted');
}
