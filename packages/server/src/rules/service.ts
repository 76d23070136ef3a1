import {
  checkFireBanRules, checkForestEntryRules, type FireBanRules, type ForestEntryRules,
  checkDutyRules, checkFireDangerLevels, checkProblemDeadlineRules, type FireDangerLevelTable, checkTrackRules, type ProblemDeadlineRules, ruleDefaults, rulesInForce, type DutyRule, type RuleKind, type RuleSets, type TrackRules,
  checkFireResponseTimers, type FireResponseTimers, checkDeviceRules, type DeviceRules,
  checkPestRules, type PestRules, checkWorkingCalendar, type WorkingCalendar,
  checkCarbonParameters, type CarbonParameters,
} from '@linzhang/domain';
import type { Kysely } from 'kysely';
import type { Store } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { failure, forbidden, success, type ServiceResult } from '../http/problem.ts';
import { isAdmin, type Viewer } from '../auth/viewer.ts';
import { newId } from '../db/register-repository.ts';
import { RuleRepository, type StoredRuleVersion } from './repository.ts';

/** Where services get the rules in force on a date (Asia/Shanghai YYYY-MM-DD). */
export interface RuleSource {
  /** Inside a transaction, pass it: on SQLite a read outside would wait for the transaction forever. */
  trackRulesAt(date: string, db?: Kysely<Database>): Promise<TrackRules>;
  dutyRulesAt(date: string, db?: Kysely<Database>): Promise<readonly DutyRule[]>;
  problemDeadlinesAt(date: string, db?: Kysely<Database>): Promise<ProblemDeadlineRules>;
  fireBanRulesAt(date: string, db?: Kysely<Database>): Promise<FireBanRules>;
  forestEntryRulesAt(date: string, db?: Kysely<Database>): Promise<ForestEntryRules>;
  /** The table that turns FWI or the LY/T 1172 index into a fire danger level (rule kind fire_danger_levels). */
  fireDangerLevelsAt(date: string, db?: Kysely<Database>): Promise<FireDangerLevelTable>;
  deviceRulesAt(date: string, db?: Kysely<Database>): Promise<DeviceRules>;
  /** The "135" fire response timers in force on a date (kind `fire_response_timers`). */
  fireResponseTimersAt(date: string, db?: Kysely<Database>): Promise<FireResponseTimers>;
  /** Pine wilt and wildlife reporting rules (kind `pest_rules`, DOMAIN.md §6–§7). */
  pestRulesAt(date: string, db?: Kysely<Database>): Promise<PestRules>;
  /** Working days and public holidays (kind `working_calendar`), for the lab's working-day deadline. */
  workingCalendarAt(date: string, db?: Kysely<Database>): Promise<WorkingCalendar>;
  /** Species parameters for the forest carbon stock (kind `carbon_parameters`, DOMAIN.md §9). */
  carbonParametersAt(date: string, db?: Kysely<Database>): Promise<CarbonParameters>;
  /** The duty tables in force from `from` to `to` (dates): one segment per version, the first from `from`. */
  dutyRuleTimeline(from: string, to: string): Promise<{ from: string; rules: readonly DutyRule[] }[]>;
}

export const shanghaiDate = (instant: string | number): string =>
  new Date((typeof instant === 'number' ? instant : Date.parse(instant)) + 8 * 3_600_000).toISOString().slice(0, 10);

/** Versioned rule sets: read by every service that judges, written by administrators with an effective date. */
export class RuleService implements RuleSource {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private async at<K extends RuleKind>(kind: K, date: string, db: Kysely<Database> = this.store.db): Promise<RuleSets[K]> {
    return rulesInForce(kind, await new RuleRepository(db).list(kind), date);
  }

  trackRulesAt(date: string, db?: Kysely<Database>): Promise<TrackRules> {
    return this.at('track_rules', date, db);
  }

  dutyRulesAt(date: string, db?: Kysely<Database>): Promise<readonly DutyRule[]> {
    return this.at('duty_rules', date, db);
  }

  problemDeadlinesAt(date: string, db?: Kysely<Database>): Promise<ProblemDeadlineRules> {
    return this.at('problem_deadlines', date, db);
  }

  fireBanRulesAt(date: string, db?: Kysely<Database>): Promise<FireBanRules> {
    return this.at('fire_ban_rules', date, db);
  }

  forestEntryRulesAt(date: string, db?: Kysely<Database>): Promise<ForestEntryRules> {
    return this.at('forest_entry_rules', date, db);
  }

  fireDangerLevelsAt(date: string, db?: Kysely<Database>): Promise<FireDangerLevelTable> {
    return this.at('fire_danger_levels', date, db);
  }

  deviceRulesAt(date: string, db?: Kysely<Database>): Promise<DeviceRules> {
    return this.at('device_rules', date, db);
  }

  fireResponseTimersAt(date: string, db?: Kysely<Database>): Promise<FireResponseTimers> {
    return this.at('fire_response_timers', date, db);
  }

  pestRulesAt(date: string, db?: Kysely<Database>): Promise<PestRules> {
    return this.at('pest_rules', date, db);
  }

  workingCalendarAt(date: string, db?: Kysely<Database>): Promise<WorkingCalendar> {
    return this.at('working_calendar', date, db);
  }

  carbonParametersAt(date: string, db?: Kysely<Database>): Promise<CarbonParameters> {
    return this.at('carbon_parameters', date, db);
  }

  async dutyRuleTimeline(from: string, to: string): Promise<{ from: string; rules: readonly DutyRule[] }[]> {
    const versions = await new RuleRepository(this.store.db).list('duty_rules');
    const segments = [{ from, rules: rulesInForce('duty_rules', versions, from) }];
    for (const v of versions) if (v.effectiveFrom > from && v.effectiveFrom <= to) segments.push({ from: v.effectiveFrom, rules: v.body });
    return segments;
  }

  async overview<K extends RuleKind>(kind: K): Promise<ServiceResult<{ kind: K; inForce: RuleSets[K]; defaults: RuleSets[K]; versions: StoredRuleVersion<K>[] }>> {
    const versions = await new RuleRepository(this.store.db).list(kind);
    return success({ kind, inForce: rulesInForce(kind, versions, shanghaiDate(this.now().getTime())), defaults: ruleDefaults[kind], versions });
  }

  async addVersion<K extends RuleKind>(viewer: Viewer, kind: K, input: { effectiveFrom: string; body: RuleSets[K]; note?: string }): Promise<ServiceResult<StoredRuleVersion<K>>> {
    if (!isAdmin(viewer)) return forbidden();
    const findings =
      kind === 'track_rules' ? checkTrackRules(input.body as TrackRules)
      : kind === 'duty_rules' ? checkDutyRules(input.body as readonly DutyRule[])
      : kind === 'fire_ban_rules' ? checkFireBanRules(input.body as FireBanRules)
      : kind === 'forest_entry_rules' ? checkForestEntryRules(input.body as ForestEntryRules)
      : kind === 'fire_danger_levels' ? checkFireDangerLevels(input.body as FireDangerLevelTable)
      : kind === 'device_rules' ? checkDeviceRules(input.body as DeviceRules)
      : kind === 'fire_response_timers' ? checkFireResponseTimers(input.body as FireResponseTimers)
      : kind === 'pest_rules' ? checkPestRules(input.body as PestRules)
      : kind === 'working_calendar' ? checkWorkingCalendar(input.body as WorkingCalendar)
      : kind === 'carbon_parameters' ? checkCarbonParameters(input.body as CarbonParameters)
      : checkProblemDeadlineRules(input.body as ProblemDeadlineRules);
    if (findings.length) return failure({ kind: 'invalid', errors: findings.map((f) => ({ field: `/body/body${f.path}`, message: f.message })) });
    // A version may start today or later: the past stays judged by the rules that were in force then.
    if (input.effectiveFrom < shanghaiDate(this.now().getTime())) {
      return failure({ kind: 'invalid', errors: [{ field: '/body/effectiveFrom', message: '生效日期不能早于今天' }] });
    }
    const at = this.now().toISOString();
    return this.store.db.transaction().execute(async (trx) => {
      const repo = new RuleRepository(trx);
      if (await repo.exists(kind, input.effectiveFrom)) return failure({ kind: 'conflict', field: '/body/effectiveFrom', message: '该日期已有一个版本' });
      const version: StoredRuleVersion<K> = { id: newId(), kind, effectiveFrom: input.effectiveFrom, body: input.body, note: input.note ?? null, createdBy: viewer.userId, createdAt: at };
      await repo.insert(version);
      await recordAudit(trx, { userId: viewer.userId, action: 'create', entity: 'rule_version', entityId: version.id, after: version }, at);
      return success(version);
    });
  }
}
