import type { Kysely } from 'kysely';

// Issue 7 §1–§2: the dead-tree register of pine wilt disease (松材线虫病): each dead or dying pine as a point, its
// lifecycle steps (found → sampled → lab result / felled → disposed → stump treated) each with time, person, photo
// and position, and the duties a step leaves open (lab deadline, disposal by the clearing deadline, the first
// positive's reports) that became problems of the closed loop once overdue.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('dead_trees')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_code', 'text', (c) => c.notNull().references('units.code')) // the village under the point
    .addColumn('parcel_id', 'text') // the 小班 of the ledger under the point, when one is
    .addColumn('parcel_no', 'text')
    .addColumn('lon', 'double precision', (c) => c.notNull())
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('species', 'text')
    .addColumn('dbh_cm', 'double precision')
    .addColumn('condition', 'text', (c) => c.notNull()) // dead | dying
    .addColumn('source', 'text', (c) => c.notNull()) // patrol | survey | drone | remote_sensing | other
    .addColumn('source_ref', 'text') // the row's own number in an imported list
    .addColumn('import_batch', 'text')
    .addColumn('found_at', 'text', (c) => c.notNull())
    .addColumn('found_by', 'text', (c) => c.notNull())
    // Denormalised from the steps for the map, filters and jobs; the steps table holds who, where and the photo.
    .addColumn('state', 'text', (c) => c.notNull()) // the last step recorded
    .addColumn('cause', 'text', (c) => c.notNull()) // diseased | unexplained | dying | other
    .addColumn('done', 'integer', (c) => c.notNull())
    .addColumn('sample_no', 'text')
    .addColumn('sampled_at', 'text')
    .addColumn('lab_received_at', 'text')
    .addColumn('result_at', 'text')
    .addColumn('outcome', 'text') // positive | negative
    .addColumn('first_in_county', 'integer', (c) => c.notNull()) // the county's first positive (新发疫情)
    .addColumn('phone_reported_at', 'text')
    .addColumn('written_report_at', 'text')
    .addColumn('felled_at', 'text')
    .addColumn('disposed_at', 'text')
    .addColumn('disposal_method', 'text')
    .addColumn('stump_treated_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dead_trees_unit').on('dead_trees').columns(['unit_code', 'found_at']).execute();
  await db.schema.createIndex('dead_trees_parcel').on('dead_trees').columns(['parcel_id']).execute();
  await db.schema.createIndex('dead_trees_source_ref').on('dead_trees').columns(['source', 'source_ref']).execute();
  await db.schema.createIndex('dead_trees_open').on('dead_trees').columns(['done', 'state']).execute();
  await db.schema
    .createTable('dead_tree_steps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tree_id', 'text', (c) => c.notNull().references('dead_trees.id'))
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('person', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('lon', 'double precision')
    .addColumn('lat', 'double precision')
    .addColumn('photo_file_id', 'text')
    .addColumn('data', 'text') // JSON: outcome, sample number, disposal measurements
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dead_tree_steps_tree').on('dead_tree_steps').columns(['tree_id', 'at']).execute();
  // One row per duty that went overdue and was turned into a problem (once per tree and duty).
  await db.schema
    .createTable('dead_tree_overdue')
    .addColumn('tree_id', 'text', (c) => c.notNull().references('dead_trees.id'))
    .addColumn('duty', 'text', (c) => c.notNull()) // written_result | phone_report | written_report | disposal
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('problem_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('dead_tree_overdue_pk', ['tree_id', 'duty'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('The pine-wilt migration cannot be reverted');
}
