import { defaultPestRules, type MonthWindow, type PestFinding, type PestRules } from './pest-rules.ts';
import { isInstant, monthInWindow, monthOf, shanghaiDate } from './shanghai-dates.ts';

// DOMAIN.md §6 Felling and disposal (技术方案 2022 疫木除治): stumps ≤ 5 cm high; chips ≤ 1 cm (thickness
// ≤ 0.6 cm); peeling < 0.3 cm; branches thicker than 1 cm are treated with the trunk. Centralised clearing in the
// vector's non-emergence window (default Nov–Apr) — the wood must be disposed of before the window closes, when
// 松褐天牛 would emerge from it; outside the window 即死即清: felled and disposed of the same day.

export const disposalMethods = ['burned', 'chipped', 'peeled', 'mesh_fumigated'] as const;
export type DisposalMethod = (typeof disposalMethods)[number];
export const disposalMethodNames: Record<DisposalMethod, string> = { burned: '烧毁', chipped: '粉碎（削片）', peeled: '剥皮（旋切）', mesh_fumigated: '钢丝网罩熏蒸' };

export interface DisposalRecord {
  method: DisposalMethod;
  felledAt: string; // ISO instant
  disposedAt: string; // ISO instant
  stumpHeightCm: number | null;
  chipSizeCm: number | null; // chipped: particle size
  chipThicknessCm: number | null; // chipped: chip thickness
  peelThicknessCm: number | null; // peeled: thickness left by peeling (DOMAIN.md "peeling < 0.3 cm")
  fumigated: boolean | null; // mesh_fumigated: the fumigant was applied under the mesh
  branchesTreated: boolean; // branches over the minimum diameter went with the trunk
}

export type DisposalFindingCode = 'unknown_method' | 'bad_time' | 'disposed_before_felled' | 'missing' | 'too_high' | 'too_coarse' | 'too_thick' | 'not_fumigated' | 'branches_untreated' | 'not_same_day' | 'after_window';

/** The last day of the centralised-clearing window that contains `date` (YYYY-MM-DD). */
export function clearingWindowEnds(date: string, window: MonthWindow): string {
  const year = Number(date.slice(0, 4));
  const wraps = window.startMonth > window.endMonth;
  const endYear = wraps && monthOf(date) >= window.startMonth ? year + 1 : year;
  return new Date(Date.UTC(endYear, window.endMonth, 0)).toISOString().slice(0, 10);
}

/** Whether felling on a Shanghai date falls in centralised clearing or calls for 即死即清, and the latest disposal day. */
export function clearingMode(felledOn: string, rules: PestRules['disposal'] = defaultPestRules.disposal): { mode: 'centralised' | 'same_day'; disposeBy: string } {
  return monthInWindow(monthOf(felledOn), rules.centralisedClearing)
    ? { mode: 'centralised', disposeBy: clearingWindowEnds(felledOn, rules.centralisedClearing) }
    : { mode: 'same_day', disposeBy: felledOn };
}

/** What is wrong with a disposal (empty = it meets the limits), each finding naming its field. */
export function checkDisposal(r: DisposalRecord, rules: PestRules['disposal'] = defaultPestRules.disposal): PestFinding<DisposalFindingCode>[] {
  const out: PestFinding<DisposalFindingCode>[] = [];
  const add = (code: DisposalFindingCode, field: string, message: string) => out.push({ code, field, message });
  if (!disposalMethods.includes(r.method)) add('unknown_method', 'method', '除害处理方式无效，应为烧毁、粉碎（削片）、剥皮（旋切）或钢丝网罩熏蒸');
  const need = (field: keyof DisposalRecord, value: number | null, name: string): value is number => {
    if (value === null || !Number.isFinite(value) || value < 0) {
      add('missing', field, `请填写${name}（不小于 0 的数，单位 cm）`);
      return false;
    }
    return true;
  };

  if (need('stumpHeightCm', r.stumpHeightCm, '伐桩高度') && r.stumpHeightCm > rules.maxStumpHeightCm) {
    add('too_high', 'stumpHeightCm', `伐桩高度 ${r.stumpHeightCm} cm，应不超过 ${rules.maxStumpHeightCm} cm`);
  }
  if (r.method === 'chipped') {
    if (need('chipSizeCm', r.chipSizeCm, '粉碎粒径') && r.chipSizeCm > rules.maxChipSizeCm) add('too_coarse', 'chipSizeCm', `粉碎粒径 ${r.chipSizeCm} cm，应不超过 ${rules.maxChipSizeCm} cm`);
    if (need('chipThicknessCm', r.chipThicknessCm, '削片厚度') && r.chipThicknessCm > rules.maxChipThicknessCm) add('too_thick', 'chipThicknessCm', `削片厚度 ${r.chipThicknessCm} cm，应不超过 ${rules.maxChipThicknessCm} cm`);
  }
  if (r.method === 'peeled' && need('peelThicknessCm', r.peelThicknessCm, '剥皮（旋切）厚度') && r.peelThicknessCm >= rules.maxPeelThicknessCm) {
    add('too_thick', 'peelThicknessCm', `剥皮（旋切）厚度 ${r.peelThicknessCm} cm，应小于 ${rules.maxPeelThicknessCm} cm`);
  }
  if (r.method === 'mesh_fumigated' && r.fumigated !== true) add('not_fumigated', 'fumigated', '钢丝网罩处理须在网罩内施药熏蒸');
  if (!r.branchesTreated) add('branches_untreated', 'branchesTreated', `直径 ${rules.minTreatedBranchDiameterCm} cm 以上的枝丫应与主干一并除害处理`);

  const timesOk = isInstant(r.felledAt) && isInstant(r.disposedAt);
  if (!isInstant(r.felledAt)) add('bad_time', 'felledAt', '伐除时间无效');
  if (!isInstant(r.disposedAt)) add('bad_time', 'disposedAt', '除害处理时间无效');
  if (timesOk) {
    if (Date.parse(r.disposedAt) < Date.parse(r.felledAt)) add('disposed_before_felled', 'disposedAt', '除害处理时间早于伐除时间');
    const felledOn = shanghaiDate(r.felledAt);
    const disposedOn = shanghaiDate(r.disposedAt);
    const mode = clearingMode(felledOn, rules);
    if (mode.mode === 'same_day' && disposedOn !== felledOn) {
      add('not_same_day', 'disposedAt', `${felledOn} 不在集中除治期（${rules.centralisedClearing.startMonth}月至${rules.centralisedClearing.endMonth}月）内，应即死即清：当日伐除、当日除害处理，实际处理于 ${disposedOn}`);
    }
    if (mode.mode === 'centralised' && disposedOn > mode.disposeBy) {
      add('after_window', 'disposedAt', `集中除治期内伐除的疫木应在 ${mode.disposeBy}（媒介昆虫羽化前）前完成除害处理，实际处理于 ${disposedOn}`);
    }
  }
  return out;
}
