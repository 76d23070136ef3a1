import { sql, type Kysely } from 'kysely';

// Issue 5 §6: ecological benefit compensation — the rate table, payment batches with their public posting and
// objections, and one line per parcel and year. A parcel is paid at most once a year: a partial unique index over
// the lines that are still in force (not in a cancelled batch, not removed) enforces it on both engines.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('compensation_rates')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('forest_category', 'text', (c) => c.notNull())
    .addColumn('rate_fen', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('compensation_rates_pk', ['year', 'forest_category'])
    .execute();
  await db.schema
    .createTable('compensation_batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_code', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('ledger_year', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('posting_from', 'text')
    .addColumn('posting_to', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('paid_at', 'text')
    .addColumn('cancelled_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('compensation_batches_unit').on('compensation_batches').columns(['unit_code', 'year']).execute();
  await db.schema
    .createTable('compensation_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('batch_id', 'text', (c) => c.notNull().references('compensation_batches.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull()) // the parcel's village
    .addColumn('parcel_no', 'text', (c) => c.notNull())
    .addColumn('parcel_id', 'text')
    .addColumn('forest_category', 'text', (c) => c.notNull())
    .addColumn('payee', 'text', (c) => c.notNull())
    .addColumn('id_number', 'text')
    .addColumn('bank_account', 'text')
    .addColumn('area_m2', 'double precision', (c) => c.notNull())
    .addColumn('rate_fen', 'integer', (c) => c.notNull())
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull()) // 1 while the line stands in a batch that is not cancelled
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('compensation_lines_batch').on('compensation_lines').columns(['batch_id']).execute();
  await sql`create unique index compensation_lines_once on compensation_lines (unit_code, parcel_no, year) where active = 1`.execute(db);
  await db.schema
    .createTable('compensation_objections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('batch_id', 'text', (c) => c.notNull().references('compensation_batches.id'))
    .addColumn('line_id', 'text')
    .addColumn('raised_by', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // open | upheld | rejected
    .addColumn('resolution', 'text')
    .addColumn('resolved_by', 'text')
    .addColumn('resolved_at', 'text')
    .execute();
  await db.schema.createIndex('compensation_objections_batch').on('compensation_objections').columns(['batch_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('The compensation migration cannot be reverted');
}
