import type { Kysely } from 'kysely';

// Versioned configuration (DESIGN.md conventions): one row per version of a rule set, in force from its date.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rule_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('rule_versions_kind_date', ['kind', 'effective_from'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('The rule versions migration cannot be reverted');
}
