import type { Kysely } from 'kysely';

// Reports a chief owes upward (DOMAIN.md §1: village chief → town chief monthly; town chief → county chief
// half-yearly). Client-generated ids make submission idempotent, like every field upload.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('duty_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('person_id', 'text', (c) => c.references('people.id'))
    .addColumn('unit_code', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('duty_reports_unit_submitted').on('duty_reports').columns(['unit_code', 'submitted_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('The duty reports migration cannot be reverted');
}
