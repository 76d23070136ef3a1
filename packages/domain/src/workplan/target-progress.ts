// Issue 8 §2 (DOMAIN.md §10): a plan target (value, unit as written, comparison) against what has been done — a
// progress report entered in any unit of the same kind, or an indicator the system computes (DOMAIN.md §1–§7 units).
// 18.2万亩 stays 18.2 of 万亩 in the plan; progress in 亩 is converted to it here, never the other way round in
// storage.

import type { TargetOp } from './comparison.ts';

type Family = 'area' | 'length' | 'trees' | 'people' | 'money' | 'mass' | 'volume' | 'rate';

/** Units of one kind and their factor to the kind's base (亩, 公里, 株, 人, 元, 吨, 立方米, %). */
const scales: Record<string, [Family, number]> = {
  亩: ['area', 1], 万亩: ['area', 10_000], 公顷: ['area', 15], 万公顷: ['area', 150_000], 平方米: ['area', 0.0015], 平方公里: ['area', 1500],
  公里: ['length', 1], 千米: ['length', 1], 米: ['length', 0.001], 延米: ['length', 0.001],
  株: ['trees', 1], 棵: ['trees', 1], 万株: ['trees', 10_000], 亿株: ['trees', 100_000_000],
  人: ['people', 1], 名: ['people', 1], 万人: ['people', 10_000],
  元: ['money', 1], 万元: ['money', 10_000], 亿元: ['money', 100_000_000],
  吨: ['mass', 1], 万吨: ['mass', 10_000], 公斤: ['mass', 0.001], 千克: ['mass', 0.001],
  立方米: ['volume', 1], 万立方米: ['volume', 10_000],
  '%': ['rate', 1], '‰': ['rate', 0.1],
};

/**
 * `value` in `from` expressed in `to` (万亩 ↔ 亩 ↔ 公顷, 公里 ↔ 米, 万元 ↔ 亿元, ‰ ↔ % …); the same unit is itself; null
 * when the two do not measure the same kind of thing (亩 and 个) or a count unit meets another (个 and 套).
 */
export function convertQuantity(value: number, from: string, to: string): number | null {
  if (from === to) return value;
  const a = scales[from], b = scales[to];
  if (!a || !b || a[0] !== b[0]) return null;
  return (value * a[1]) / b[1];
}

/** Rates and shares are judged at the end; amounts (areas, lengths, counts) are expected to grow over the year. */
const isRate = (unit: string) => unit === '%' || unit === '‰';

export type TargetProgressStatus = 'met' | 'on_track' | 'behind' | 'not_met' | 'unknown' | 'incompatible';

export const targetProgressStatusNames: Record<TargetProgressStatus, string> = {
  met: '已达成', on_track: '按进度', behind: '滞后', not_met: '未完成', unknown: '无数据', incompatible: '单位不一致',
};

export interface TargetProgressInput {
  op: TargetOp;
  value: number;
  unit: string;
  /** What has been done so far (cumulative), in `currentUnit`; null before any report or reading. */
  current: number | null;
  currentUnit: string;
  /** The target's span: from the plan year's 1 January to `dueOn` (default 31 December), both Asia/Shanghai dates. */
  year: number;
  dueOn?: string | null | undefined;
  /** Today (YYYY-MM-DD, Asia/Shanghai). */
  today: string;
}

export interface TargetProgress {
  /** `current` in the target's unit, rounded to 4 decimals. */
  current: number | null;
  /** current ÷ target for an amount or a floor (≥, =); null for a ceiling (≤). */
  share: number | null;
  /** For an amount still running: the target scaled to the share of its span gone by today. */
  expected: number | null;
  status: TargetProgressStatus;
}

const dayMs = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));

/**
 * A target's progress. A bare quantity (op `=`, 营造林18.2万亩) is an amount to reach, like `≥`: doing more still
 * meets it. `≤` (成灾率控制在2‰以内) is met while the value stays at or under it. Before the due date an unmet
 * amount is on track when it is at least the span's elapsed share of the target, an unmet rate or ceiling is behind;
 * after it, unmet is not met.
 */
export function targetProgress(input: TargetProgressInput): TargetProgress {
  if (input.current === null) return { current: null, share: null, expected: null, status: 'unknown' };
  const converted = convertQuantity(input.current, input.currentUnit, input.unit);
  if (converted === null) return { current: null, share: null, expected: null, status: 'incompatible' };
  const current = Math.round(converted * 10_000) / 10_000;
  const eps = 1e-9 * Math.max(1, Math.abs(input.value));
  const due = input.dueOn ?? `${input.year}-12-31`;
  const over = input.today > due;
  if (input.op === '<=') {
    const met = current <= input.value + eps;
    return { current, share: null, expected: null, status: met ? 'met' : over ? 'not_met' : 'behind' };
  }
  const share = input.value === 0 ? null : Math.round((current / input.value) * 10_000) / 10_000;
  if (current >= input.value - eps) return { current, share, expected: null, status: 'met' };
  if (over) return { current, share, expected: null, status: 'not_met' };
  if (isRate(input.unit)) return { current, share, expected: null, status: 'behind' };
  const start = Date.UTC(input.year, 0, 1);
  const elapsed = Math.min(1, Math.max(0, (dayMs(input.today) + 86_400_000 - start) / (dayMs(due) + 86_400_000 - start)));
  const expected = Math.round(input.value * elapsed * 10_000) / 10_000;
  return { current, share, expected, status: current >= expected - eps ? 'on_track' : 'behind' };
}
