import type { Kysely } from 'kysely';

// Issue 6 §8: devices that publish over MQTT (smart checkpoints, cameras, smoke sensors), what they said (a bounded
// log: counts per device and day, the last raw messages), their alarms and where each went, and messages that could
// not be attributed to any device.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('fire_devices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    // A pending device (heard but not yet accepted) sits at its county until staff place it.
    .addColumn('unit_code', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('lon', 'double precision')
    .addColumn('lat', 'double precision')
    .addColumn('belongs_to', 'text')
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('registration', 'text', (c) => c.notNull())
    .addColumn('first_seen_at', 'text')
    .addColumn('last_seen_at', 'text')
    .addColumn('offline_since', 'text')
    .addColumn('battery', 'double precision')
    .addColumn('signal', 'double precision')
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('fire_devices_serial').on('fire_devices').columns(['county_code', 'device_id']).unique().execute();
  await db.schema.createIndex('fire_devices_unit').on('fire_devices').columns(['unit_code']).execute();
  await db.schema
    .createTable('fire_device_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('device_ref', 'text', (c) => c.notNull().references('fire_devices.id'))
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('valid', 'integer', (c) => c.notNull())
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('fire_device_messages_device').on('fire_device_messages').columns(['device_ref', 'received_at']).execute();
  await db.schema
    .createTable('fire_device_daily')
    .addColumn('device_ref', 'text', (c) => c.notNull().references('fire_devices.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('messages', 'integer', (c) => c.notNull())
    .addColumn('invalid', 'integer', (c) => c.notNull())
    .addColumn('alarms', 'integer', (c) => c.notNull())
    .addColumn('people', 'integer', (c) => c.notNull())
    .addColumn('vehicles', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('fire_device_daily_pk', ['device_ref', 'day'])
    .execute();
  await db.schema
    .createTable('fire_device_alarms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('device_ref', 'text', (c) => c.notNull().references('fire_devices.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    // Where the fire is: the alarm's own position, else the device's (a pending device may have neither).
    .addColumn('lon', 'double precision')
    .addColumn('lat', 'double precision')
    .addColumn('value', 'double precision')
    .addColumn('snapshot', 'text')
    .addColumn('note', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('fire_id', 'text')
    .addColumn('fire_created', 'integer')
    .addColumn('forward_error', 'text')
    .execute();
  await db.schema.createIndex('fire_device_alarms_device').on('fire_device_alarms').columns(['device_ref', 'at']).execute();
  await db.schema
    .createTable('fire_device_rejects')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('last_topic', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text', (c) => c.notNull())
    .addColumn('last_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('fire_device_rejects_pk', ['day', 'reason'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('The fire-devices migration cannot be reverted');
}
