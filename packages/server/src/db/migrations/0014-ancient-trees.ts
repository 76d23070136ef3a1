import type { Kysely } from 'kysely';

// Issue 5 §5: the register of ancient and famous trees (古树名木), one point each, and their inspections.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('ancient_trees')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('register_no', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('lon', 'double precision', (c) => c.notNull())
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('species', 'text', (c) => c.notNull())
    .addColumn('latin_name', 'text')
    .addColumn('estimated_age', 'integer')
    .addColumn('famous', 'integer', (c) => c.notNull())
    .addColumn('grade', 'text', (c) => c.notNull())
    .addColumn('girth_cm', 'double precision')
    .addColumn('height_m', 'double precision')
    .addColumn('crown_m', 'double precision')
    .addColumn('owner', 'text')
    .addColumn('caretaker_person_id', 'text')
    .addColumn('caretaker_name', 'text')
    .addColumn('caretaker_phone', 'text')
    .addColumn('health', 'text', (c) => c.notNull())
    .addColumn('photos', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // A register number identifies a tree within its county.
  await db.schema.createIndex('ancient_trees_number').on('ancient_trees').columns(['county_code', 'register_no']).unique().execute();
  await db.schema.createIndex('ancient_trees_unit').on('ancient_trees').columns(['unit_code']).execute();
  await db.schema
    .createTable('ancient_tree_inspections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tree_id', 'text', (c) => c.notNull().references('ancient_trees.id'))
    .addColumn('inspected_on', 'text', (c) => c.notNull())
    .addColumn('inspector', 'text', (c) => c.notNull())
    .addColumn('health', 'text', (c) => c.notNull())
    .addColumn('finding', 'text', (c) => c.notNull())
    .addColumn('photos', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ancient_tree_inspections_tree').on('ancient_tree_inspections').columns(['tree_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('The ancient-trees migration cannot be reverted');
}
