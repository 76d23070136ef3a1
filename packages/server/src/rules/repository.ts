import type { Kysely } from 'kysely';
import type { RuleKind, RuleSets, RuleVersion } from '@linzhang/domain';
import type { Database } from '../db/schema.ts';

export interface StoredRuleVersion<K extends RuleKind = RuleKind> extends RuleVersion<K> {
  id: string;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
}

export class RuleRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list<K extends RuleKind>(kind: K): Promise<StoredRuleVersion<K>[]> {
    const rows = await this.db.selectFrom('rule_versions').selectAll().where('kind', '=', kind).orderBy('effective_from').execute();
    return rows.map((r) => ({
      id: r.id, kind, effectiveFrom: r.effective_from, body: JSON.parse(r.body) as RuleSets[K], note: r.note, createdBy: r.created_by, createdAt: r.created_at,
    }));
  }

  async exists(kind: RuleKind, effectiveFrom: string): Promise<boolean> {
    return !!(await this.db.selectFrom('rule_versions').select('id').where('kind', '=', kind).where('effective_from', '=', effectiveFrom).executeTakeFirst());
  }

  async insert(v: StoredRuleVersion): Promise<void> {
    await this.db
      .insertInto('rule_versions')
      .values({ id: v.id, kind: v.kind, effective_from: v.effectiveFrom, body: JSON.stringify(v.body), note: v.note, created_by: v.createdBy, created_at: v.createdAt })
      .execute();
  }
}
