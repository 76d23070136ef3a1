import { sql, type Kysely, type CreateTableBuilder } from 'kysely';
import { isPostgres } from '../engine-of.ts';

// One history for both engines: portable column types, plus the spatial index each engine has.
type AnyDb = Kysely<unknown>;

function timestamps<T extends string>(t: CreateTableBuilder<T>): CreateTableBuilder<T> {
  return t.addColumn('created_at', 'text', (c) => c.notNull()).addColumn('updated_at', 'text', (c) => c.notNull());
}

function spatialColumns<T extends string>(t: CreateTableBuilder<T>): CreateTableBuilder<T> {
  return t
    .addColumn('geom_json', 'text')
    .addColumn('minx', 'double precision')
    .addColumn('miny', 'double precision')
    .addColumn('maxx', 'double precision')
    .addColumn('maxy', 'double precision');
}

export async function up(db: AnyDb): Promise<void> {
  const pgEngine = isPostgres(db);
  if (pgEngine) {
    const found = await sql<{ n: number }>`select count(*)::int as n from pg_extension where extname = 'postgis'`.execute(db);
    if (!found.rows[0]?.n) await sql`create extension if not exists postgis`.execute(db);
  }

  await timestamps(
    spatialColumns(
      db.schema
        .createTable('units')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('short_name', 'text', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('parent_code', 'text', (c) => c.references('units.code'))
        .addColumn('area_m2', 'double precision'),
    ),
  ).execute();
  await db.schema.createIndex('units_parent').on('units').column('parent_code').execute();

  await timestamps(
    db.schema
      .createTable('organisations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('unit_code', 'text', (c) => c.notNull().references('units.code')),
  ).execute();
  await db.schema.createIndex('organisations_unit').on('organisations').column('unit_code').execute();

  await timestamps(
    db.schema
      .createTable('people')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('phone', 'text')
      .addColumn('unit_code', 'text', (c) => c.notNull().references('units.code'))
      .addColumn('organisation_id', 'text', (c) => c.references('organisations.id')),
  ).execute();
  await db.schema.createIndex('people_unit').on('people').column('unit_code').execute();

  await timestamps(
    db.schema
      .createTable('posts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('unit_code', 'text', (c) => c.notNull().references('units.code'))
      .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
      .addColumn('organisation_id', 'text', (c) => c.references('organisations.id'))
      .addColumn('term_start', 'text', (c) => c.notNull())
      .addColumn('term_end', 'text'),
  ).execute();
  await db.schema.createIndex('posts_unit').on('posts').columns(['unit_code', 'role']).execute();
  await db.schema.createIndex('posts_person').on('posts').column('person_id').execute();

  await timestamps(
    spatialColumns(
      db.schema
        .createTable('areas')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('unit_code', 'text', (c) => c.notNull().references('units.code'))
        .addColumn('post_id', 'text', (c) => c.references('posts.id'))
        .addColumn('area_m2', 'double precision', (c) => c.notNull()),
    ),
  ).execute();
  await db.schema.createIndex('areas_unit').on('areas').column('unit_code').execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.references('people.id'))
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('scope_unit_code', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', pgEngine ? 'bigserial' : 'integer', (c) => (pgEngine ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .execute();
  await db.schema.createIndex('audit_entity').on('audit_log').columns(['entity', 'entity_id']).execute();

  for (const table of ['units', 'areas']) {
    if (pgEngine) {
      await sql`alter table ${sql.table(table)} add column geom geometry(MultiPolygon, 4490)`.execute(db);
      await sql`create index ${sql.id(`${table}_geom`)} on ${sql.table(table)} using gist (geom)`.execute(db);
    } else {
      await sql`create virtual table ${sql.table(`${table}_rtree`)} using rtree(id, minx, maxx, miny, maxy)`.execute(db);
    }
  }

  // Append-only: the audit log refuses updates and deletes on both engines.
  if (pgEngine) {
    await sql`create or replace function linzhang_audit_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_log is append-only'; end $$`.execute(db);
    await sql`create trigger audit_log_append_only before update or delete on audit_log
      for each row execute function linzhang_audit_append_only()`.execute(db);
  } else {
    await sql`create trigger audit_log_no_update before update on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
    await sql`create trigger audit_log_no_delete before delete on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('The foundation migration cannot be reverted');
}
