import type { PeriodKind } from '../time/periods.ts';
import type { PostLevel, PostRole } from '../chiefs/post-rules.ts';

export type DutyKind = 'patrol' | 'report';

/** "At least `count` of `duty` per `period`" for posts of a role at a level (DOMAIN.md §1). */
export interface DutyRule {
  role: PostRole;
  level: PostLevel;
  duty: DutyKind;
  count: number;
  period: PeriodKind;
  source: string; // where the number comes from, shown where it is edited
}

/**
 * Defaults from the Banan 2023 work plan (DOMAIN.md §1, confirmed for Banan, unconfirmed as a national rule):
 * a deployment replaces them through its versioned rule table. The ranger's frequency is not fixed by any
 * source we have ("often daily"): the default is weekly, like a village chief's, until a county sets it.
 */
export const defaultDutyRules: readonly DutyRule[] = [
  { role: 'chief', level: 'town', duty: 'patrol', count: 1, period: 'quarter', source: '巴南区2023年林长制工作要点' },
  { role: 'chief', level: 'village', duty: 'patrol', count: 1, period: 'week', source: '巴南区2023年林长制工作要点' },
  { role: 'chief', level: 'forest_farm', duty: 'patrol', count: 1, period: 'week', source: '巴南区2023年林长制工作要点' },
  { role: 'ranger', level: 'village', duty: 'patrol', count: 1, period: 'week', source: '默认值（未确认），由区县配置' },
  { role: 'chief', level: 'village', duty: 'report', count: 1, period: 'month', source: '巴南区2023年林长制工作要点：村级林长每月向镇街级林长报告' },
  { role: 'chief', level: 'town', duty: 'report', count: 1, period: 'half', source: '巴南区2023年林长制工作要点：镇街级林长每半年向区县级林长报告' },
];
