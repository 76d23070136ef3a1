import { scopePrefix } from '@linzhang/domain';
import type { Kysely } from 'kysely';
import type { Store } from '../db/connect.ts';
import type { Database, ResponsibilitySnapshotTable } from '../db/schema.ts';
import { viewerOf } from '../auth/viewer.ts';
import { ParcelRepository } from './parcel-repository.ts';
import { LedgerService } from './statistics-service.ts';

/** SQL of the stored town figures of management responsibility coverage. */
export class ResponsibilitySnapshotRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async replace(row: ResponsibilitySnapshotTable): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('responsibility_snapshots').where('unit_code', '=', row.unit_code).where('year', '=', row.year).execute();
      await trx.insertInto('responsibility_snapshots').values(row).execute();
    });
  }

  /** The stored town figures inside a unit for a ledger year. */
  async within(unitCode: string, year: number): Promise<ResponsibilitySnapshotTable[]> {
    return this.db.selectFrom('responsibility_snapshots').selectAll().where('unit_code', 'like', `${scopePrefix(unitCode)}%`).where('year', '=', year).orderBy('unit_code').execute();
  }
}

/**
 * The daily job `responsibility-snapshots`: each town's management responsibility coverage (DOMAIN.md §1) for every
 * ledger year it has, computed as the ledger page computes it and stored — what a county too large to overlay on
 * request (Youyang: 82 000 forest 小班) sums, for this year's assessment and for earlier years' alike. A town the
 * ledger page itself refuses (too many forest 小班 even for one town) is skipped and named, with the reason.
 */
export async function snapshotResponsibility(store: Store, at: string): Promise<{ towns: number; figures: number; skipped: { unitCode: string; year: number; reason: string }[] }> {
  const ledger = new LedgerService(store);
  const parcels = new ParcelRepository(store.db, store.spatial);
  const repo = new ResponsibilitySnapshotRepository(store.db);
  const towns = await store.db.selectFrom('units').select('code').where('level', '=', 'town').orderBy('code').execute();
  const done = new Set<string>();
  let figures = 0;
  const skipped: { unitCode: string; year: number; reason: string }[] = [];
  for (const t of towns) {
    const viewer = viewerOf({ id: 'system', username: 'system', roles: ['admin'], scopeUnitCode: t.code });
    for (const year of await parcels.years(scopePrefix(t.code))) {
      const r = await ledger.responsibility(viewer, { unit: t.code, year });
      if (!r.ok) {
        skipped.push({ unitCode: t.code, year, reason: r.error.kind === 'invalid' ? r.error.errors.map((e) => e.message).join('；') : r.error.kind });
        continue;
      }
      await repo.replace({ unit_code: t.code, year, forest_m2: r.value.forestM2, covered_m2: r.value.coveredM2, computed_at: at });
      done.add(t.code);
      figures++;
    }
  }
  return { towns: done.size, figures, skipped };
}
