import { defaultTrackRules, type TrackRules } from '../patrol/track-rules.ts';
import { defaultDutyRules, type DutyRule } from '../patrol/duty-rules.ts';
import { postLevels, postRoles } from '../chiefs/post-rules.ts';
import { periodKinds } from '../time/periods.ts';
import { defaultProblemDeadlineRules, type ProblemDeadlineRules } from '../problem/problem-deadline-rules.ts';
import { defaultFireBanRules, type FireBanRules } from '../fire/fire-ban-rules.ts';
import { defaultForestEntryRules, type ForestEntryRules } from '../fire/forest-entry-rules.ts';
import { defaultFireDangerLevelTable, type FireDangerLevelTable } from '../fire/fire-danger-level.ts';
import { defaultDeviceRules, type DeviceRules } from '../fire/device-rules.ts';
import { defaultFireResponseTimers, type FireResponseTimers } from '../fire/fire-response-timers.ts';
import { defaultPestRules, type PestRules } from '../pest/pest-rules.ts';
import { chinaWorkingCalendar2024to2026, type WorkingCalendar } from '../pest/working-calendar.ts';
import { defaultCarbonParameters, type CarbonParameters } from '../carbon/carbon-parameters.ts';

// DESIGN.md conventions: rules a province may set differently are versioned configuration with an
// effective date, never constants. A version applies from its date until the next one's.

export interface RuleSets {
  track_rules: TrackRules;
  duty_rules: readonly DutyRule[];
  problem_deadlines: ProblemDeadlineRules;
  fire_danger_levels: FireDangerLevelTable; // checked by checkFireDangerLevels (fire/fire-danger-level.ts)
  fire_ban_rules: FireBanRules;
  forest_entry_rules: ForestEntryRules;
  fire_response_timers: FireResponseTimers;
  device_rules: DeviceRules;
  pest_rules: PestRules; // checked by checkPestRules (pest/pest-rules.ts)
  working_calendar: WorkingCalendar; // checked by checkWorkingCalendar (pest/working-calendar.ts)
  carbon_parameters: CarbonParameters; // checked by checkCarbonParameters (carbon/carbon-parameters.ts)
}
export type RuleKind = keyof RuleSets;
export const ruleKinds: readonly RuleKind[] = ['track_rules', 'duty_rules', 'problem_deadlines', 'fire_danger_levels', 'fire_ban_rules', 'forest_entry_rules', 'fire_response_timers', 'device_rules', 'pest_rules', 'working_calendar', 'carbon_parameters'];

export const ruleDefaults: RuleSets = { track_rules: defaultTrackRules, duty_rules: defaultDutyRules, problem_deadlines: defaultProblemDeadlineRules,
  fire_danger_levels: defaultFireDangerLevelTable, fire_ban_rules: defaultFireBanRules, forest_entry_rules: defaultForestEntryRules,
  fire_response_timers: defaultFireResponseTimers,
  device_rules: defaultDeviceRules,
  pest_rules: defaultPestRules,
  working_calendar: chinaWorkingCalendar2024to2026,
  carbon_parameters: defaultCarbonParameters,
};

export interface RuleVersion<K extends RuleKind = RuleKind> {
  kind: K;
  effectiveFrom: string; // YYYY-MM-DD, Asia/Shanghai
  body: RuleSets[K];
}

/** The rules in force on a date: the latest version effective on or before it, else the shipped default. */
export function rulesInForce<K extends RuleKind>(kind: K, versions: readonly RuleVersion<K>[], date: string): RuleSets[K] {
  let best: RuleVersion<K> | null = null;
  for (const v of versions) {
    if (v.kind === kind && v.effectiveFrom <= date && (!best || v.effectiveFrom > best.effectiveFrom)) best = v;
  }
  return best ? best.body : ruleDefaults[kind];
}

export interface RuleFinding {
  path: string;
  message: string;
}

const positive = (path: string, value: number, out: RuleFinding[], max = Infinity) => {
  if (!Number.isFinite(value) || value <= 0 || value > max) out.push({ path, message: max < Infinity ? `应为大于 0、不超过 ${max} 的数` : '应为大于 0 的数' });
};

/** What is wrong with a proposed set of track rules (empty = fine). */
export function checkTrackRules(rules: TrackRules): RuleFinding[] {
  const out: RuleFinding[] = [];
  positive('/maxAccuracyM', rules.maxAccuracyM, out);
  positive('/maxSpeedMps', rules.maxSpeedMps, out);
  positive('/movingSpeedMps', rules.movingSpeedMps, out);
  positive('/vehicleSpeedMps', rules.vehicleSpeedMps, out);
  positive('/vehicleMinSeconds', rules.vehicleMinSeconds, out);
  positive('/minDurationMinutes', rules.minDurationMinutes, out);
  positive('/minDistanceM', rules.minDistanceM, out);
  positive('/duplicateToleranceM', rules.duplicateToleranceM, out);
  if (!(rules.minInAreaShare >= 0 && rules.minInAreaShare <= 1)) out.push({ path: '/minInAreaShare', message: '应在 0 与 1 之间' });
  if (rules.vehicleSpeedMps >= rules.maxSpeedMps) out.push({ path: '/vehicleSpeedMps', message: '乘车速度应小于不可能速度' });
  if (rules.movingSpeedMps >= rules.vehicleSpeedMps) out.push({ path: '/movingSpeedMps', message: '移动速度应小于乘车速度' });
  return out;
}

/** What is wrong with a proposed duty table (empty = fine): one rule per role, level and duty. */
export function checkDutyRules(rules: readonly DutyRule[]): RuleFinding[] {
  const out: RuleFinding[] = [];
  const seen = new Set<string>();
  rules.forEach((r, i) => {
    if (!postRoles.includes(r.role)) out.push({ path: `/${i}/role`, message: '岗位无效' });
    if (!postLevels.includes(r.level)) out.push({ path: `/${i}/level`, message: '层级无效' });
    if (!periodKinds.includes(r.period)) out.push({ path: `/${i}/period`, message: '周期无效' });
    if (!Number.isInteger(r.count) || r.count < 1 || r.count > 100) out.push({ path: `/${i}/count`, message: '次数应为 1–100 的整数' });
    if (!r.source.trim()) out.push({ path: `/${i}/source`, message: '请注明依据' });
    const key = `${r.role}|${r.level}|${r.duty}`;
    if (seen.has(key)) out.push({ path: `/${i}`, message: '同一岗位、层级和职责只能有一条规则' });
    seen.add(key);
  });
  return out;
}
