import { PostgresAdapter, type Kysely } from 'kysely';

/** Which engine a Kysely instance talks to; for migrations, which run before a Store exists. */
export function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
