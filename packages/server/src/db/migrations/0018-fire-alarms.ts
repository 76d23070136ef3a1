import type { Kysely } from 'kysely';

// Issue 6 §6: fire records (火情) with their timeline, losses and the linked problem of the closed loop; which
// breached "135" timers were already announced (once per timer).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('fire_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_code', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('lon', 'double precision', (c) => c.notNull())
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_ref', 'text') // device id, hotspot key
    .addColumn('source_data', 'text') // JSON: the device alarm kind, the hotspot's confidence / frp / satellite
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    // Step times (ISO UTC), kept on the record for the timers, the KPIs and the filters; the events hold who and why.
    .addColumn('discovered_at', 'text', (c) => c.notNull())
    .addColumn('reported_at', 'text')
    .addColumn('verified_at', 'text')
    .addColumn('dispatched_at', 'text')
    .addColumn('arrived_at', 'text')
    .addColumn('controlled_at', 'text')
    .addColumn('out_at', 'text')
    .addColumn('ended_at', 'text') // false alarm / dismissed
    .addColumn('end_reason', 'text')
    .addColumn('burned_ha', 'double precision') // 过火面积
    .addColumn('forest_burned_ha', 'double precision') // 受害森林面积
    .addColumn('deaths', 'integer')
    .addColumn('injuries', 'integer')
    .addColumn('economic_loss_yuan', 'double precision')
    .addColumn('loss_note', 'text')
    .addColumn('cause', 'text')
    .addColumn('problem_id', 'text')
    .addColumn('reporter_user_id', 'text')
    .addColumn('reporter_name', 'text')
    .addColumn('reporter_phone', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('fire_records_unit').on('fire_records').columns(['unit_code', 'discovered_at']).execute();
  await db.schema.createIndex('fire_records_source_ref').on('fire_records').columns(['source', 'source_ref']).execute();
  await db.schema.createIndex('fire_records_discovered').on('fire_records').columns(['discovered_at']).execute();
  await db.schema
    .createTable('fire_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('fire_id', 'text', (c) => c.notNull().references('fire_records.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // step | alarm | losses
    .addColumn('step', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('person', 'text')
    .addColumn('user_id', 'text')
    .addColumn('note', 'text')
    .addColumn('data', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('fire_events_fire').on('fire_events').columns(['fire_id', 'at']).execute();
  await db.schema
    .createTable('fire_timer_alerts')
    .addColumn('fire_id', 'text', (c) => c.notNull().references('fire_records.id'))
    .addColumn('timer_name', 'text', (c) => c.notNull())
    .addColumn('notified_at', 'text', (c) => c.notNull())
    .addColumn('recipients', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('fire_timer_alerts_pk', ['fire_id', 'timer_name'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('The fire-alarms migration cannot be reverted');
}
