import type { Kysely } from 'kysely';

// Issue 6 §4–§5: fire seasons (防火期), fire orders (防火令/禁火令) and the suggestions that lead to them, and
// forest entry (扫码入林): entry points with their QR code and the visitors' registrations.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('fire_seasons')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_code', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('fire_seasons_unit_year').on('fire_seasons').columns(['unit_code', 'year']).unique().execute();

  await db.schema
    .createTable('fire_ban_suggestions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('areas', 'text', (c) => c.notNull()) // JSON array of unit codes
    .addColumn('days', 'text', (c) => c.notNull()) // JSON array of { date, level, areas, forecast }
    .addColumn('peak_level', 'integer', (c) => c.notNull())
    .addColumn('rule_min_level', 'integer', (c) => c.notNull())
    .addColumn('rule_min_days', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // pending | converted | dismissed
    .addColumn('order_id', 'text')
    .addColumn('dismiss_reason', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // One suggestion per county and start of a run: the daily job re-finds the same run and updates it.
  await db.schema.createIndex('fire_ban_suggestions_run').on('fire_ban_suggestions').columns(['county_code', 'starts_on']).unique().execute();

  await db.schema
    .createTable('fire_orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('doc_no', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('areas', 'text', (c) => c.notNull()) // JSON array of unit codes
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // draft | issued | lifted
    .addColumn('suggestion_id', 'text')
    .addColumn('issued_at', 'text')
    .addColumn('lifted_at', 'text')
    .addColumn('lift_reason', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('fire_orders_number').on('fire_orders').columns(['county_code', 'doc_no']).unique().execute();
  await db.schema.createIndex('fire_orders_period').on('fire_orders').columns(['county_code', 'status', 'ends_at']).execute();

  await db.schema
    .createTable('forest_entry_points')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('lon', 'double precision', (c) => c.notNull())
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('forest_entry_points_unit').on('forest_entry_points').columns(['unit_code']).execute();

  await db.schema
    .createTable('forest_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('point_id', 'text', (c) => c.notNull().references('forest_entry_points.id'))
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('name', 'text') // null once purged
    .addColumn('phone', 'text')
    .addColumn('id_tail', 'text')
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('fire_source', 'integer', (c) => c.notNull())
    .addColumn('token_hash', 'text') // SHA-256 of the visitor's check-out token; null once purged
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addColumn('exited_at', 'text')
    .addColumn('purged_at', 'text')
    .execute();
  await db.schema.createIndex('forest_entries_unit').on('forest_entries').columns(['unit_code', 'entered_at']).execute();
  await db.schema.createIndex('forest_entries_token').on('forest_entries').columns(['token_hash']).execute();
}

export async function down(): Promise<void> {
  throw new Error('The fire bans and forest entry migration cannot be reverted');
}
