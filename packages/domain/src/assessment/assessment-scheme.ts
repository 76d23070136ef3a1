// Issue 8 §3 (DOMAIN.md §1 "Assessment 林长制督查考核"): published schemes score quarterly on 100 points across about
// eleven categories (meetings, patrols, problem solving, reporting, forest inspection, afforestation, pine wilt, fire,
// wildlife), the year being the mean of its quarters (Huangshi) [C]. Chongqing's own weights are not published [U]:
// the scheme is configuration — versioned per year — and the template below is a starting point to edit, not a
// rule.

import { indicatorCatalogue, indicatorKeys, type IndicatorKey } from '../indicators/indicator-catalogue.ts';

/** How an item's value becomes points. */
export type ScoringRule =
  /** Full points at `full` or better, none at `zero` or worse, linear between (works both ways: full < zero for "lower is better"). */
  | { kind: 'linear'; full: number; zero: number }
  /** Full points when the value meets the threshold (≥ for higher-is-better, ≤ for lower-is-better), else none. */
  | { kind: 'threshold'; op: '>=' | '<='; value: number }
  /** Full points less `per` for each unit of the value (each overdue problem, each fire), not below zero. */
  | { kind: 'deduct'; per: number }
  /** Points entered by the assessor, from 0 to the weight, with a note. */
  | { kind: 'manual' };

export interface AssessmentItem {
  /** Stable within a scheme: manual scores and reports refer to it. */
  key: string;
  name: string;
  /** Points of 100. */
  weight: number;
  /** The indicator it is computed from; null for an item the assessor scores. */
  indicator: IndicatorKey | null;
  rule: ScoringRule;
  /** What a value that cannot be computed (no cases, no duty periods) scores: full points or none. */
  noData: 'full' | 'zero';
}

export interface AssessmentSchemeInput {
  title: string;
  items: AssessmentItem[];
}

export interface SchemeError {
  path: string;
  message: string;
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/** What is wrong with a scheme: weights must add up to 100, items must be complete and their rules usable. */
export function assessmentSchemeErrors(scheme: AssessmentSchemeInput): SchemeError[] {
  const out: SchemeError[] = [];
  if (!scheme.title.trim()) out.push({ path: '/title', message: '请填写考核方案名称' });
  if (!scheme.items.length) out.push({ path: '/items', message: '至少需要一个考核项目' });
  const keys = new Set<string>();
  scheme.items.forEach((item, i) => {
    const at = `/items/${i}`;
    if (!/^[a-z0-9_-]{1,40}$/.test(item.key)) out.push({ path: `${at}/key`, message: '项目代码只能用小写字母、数字、下划线和连字符（最多 40 个）' });
    else if (keys.has(item.key)) out.push({ path: `${at}/key`, message: `项目代码 ${item.key} 重复` });
    keys.add(item.key);
    if (!item.name.trim()) out.push({ path: `${at}/name`, message: '请填写项目名称' });
    if (!(item.weight > 0 && item.weight <= 100)) out.push({ path: `${at}/weight`, message: '分值应大于 0、不超过 100' });
    if (item.indicator !== null && !(indicatorKeys as readonly string[]).includes(item.indicator)) out.push({ path: `${at}/indicator`, message: '没有这个系统指标' });
    if (item.rule.kind === 'manual' && item.indicator !== null) out.push({ path: `${at}/rule/kind`, message: '人工评分的项目不关联系统指标' });
    if (item.rule.kind !== 'manual' && item.indicator === null) out.push({ path: `${at}/indicator`, message: '按规则计分的项目须关联一个系统指标' });
    if (item.rule.kind === 'linear' && item.rule.full === item.rule.zero) out.push({ path: `${at}/rule/zero`, message: '满分值与零分值不能相同' });
    if (item.rule.kind === 'deduct' && !(item.rule.per > 0)) out.push({ path: `${at}/rule/per`, message: '每单位扣分应大于 0' });
  });
  const total = round2(scheme.items.reduce((s, i) => s + (Number.isFinite(i.weight) ? i.weight : 0), 0));
  if (scheme.items.length && total !== 100) out.push({ path: '/items', message: `各项分值合计应为 100 分，现为 ${total} 分` });
  return out;
}

export interface ItemScore {
  points: number;
  /** How the points came about, in Chinese, for the report. */
  explanation: string;
}

const fmt = (v: number, unit: string) => `${round2(v)}${unit}`;

/**
 * The points of one item for a value (in the indicator's unit); `manual` is the assessor's entry (null: not yet
 * entered, 0 points). Points are rounded to 2 decimals.
 */
export function scoreItem(item: AssessmentItem, value: number | null, manual: { points: number; note: string } | null = null): ItemScore {
  const unit = item.indicator ? indicatorCatalogue[item.indicator].unit : '';
  const rule = item.rule;
  if (rule.kind === 'manual') {
    if (!manual) return { points: 0, explanation: '人工评分，尚未评定' };
    const points = round2(Math.min(item.weight, Math.max(0, manual.points)));
    return { points, explanation: `人工评分：${manual.note}` };
  }
  if (value === null) {
    return item.noData === 'full'
      ? { points: item.weight, explanation: '无可计算的记录，按满分计' }
      : { points: 0, explanation: '无可计算的记录，按零分计' };
  }
  if (rule.kind === 'threshold') {
    const met = rule.op === '>=' ? value >= rule.value : value <= rule.value;
    return { points: met ? item.weight : 0, explanation: `${fmt(value, unit)}，${met ? '达到' : '未达到'} ${rule.op === '>=' ? '≥' : '≤'}${fmt(rule.value, unit)}` };
  }
  if (rule.kind === 'deduct') {
    const points = round2(Math.max(0, item.weight - value * rule.per));
    return { points, explanation: `${fmt(value, unit)}，每${unit || '个'}扣 ${rule.per} 分` };
  }
  const share = (value - rule.zero) / (rule.full - rule.zero);
  const points = round2(item.weight * Math.min(1, Math.max(0, share)));
  return { points, explanation: `${fmt(value, unit)}，${fmt(rule.zero, unit)}得 0 分至 ${fmt(rule.full, unit)}得满分按比例计` };
}

/** Competition ranking (1, 2, 2, 4) by total, highest first; ties keep their order. */
export function rankByTotal<T extends { total: number }>(rows: readonly T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => b.total - a.total);
  return sorted.map((r) => ({ ...r, rank: sorted.findIndex((x) => x.total === r.total) + 1 }));
}

/** The year's score: the mean of the quarters scored (DOMAIN.md §1, Huangshi), rounded to 2 decimals. */
export function yearScore(quarterTotals: readonly number[]): number | null {
  return quarterTotals.length ? round2(quarterTotals.reduce((s, v) => s + v, 0) / quarterTotals.length) : null;
}

const item = (key: string, weight: number, indicator: IndicatorKey | null, rule: ScoringRule, name = indicator ? indicatorCatalogue[indicator].name : key, noData: 'full' | 'zero' = 'full'): AssessmentItem => ({ key, name, weight, indicator, rule, noData });

/**
 * A starting scheme along the published examples' categories, on 100 points: the system's indicators where it records
 * the work, manual items for what it does not (meetings, supervision). Weights and thresholds are placeholders to
 * adjust to the county's own table [U].
 */
export const assessmentTemplate: AssessmentSchemeInput = {
  title: '林长制工作季度考核（模板，分值待按本地考核办法调整）',
  items: [
    item('meetings', 10, null, { kind: 'manual' }, '林长会议与部署'),
    item('patrols', 15, 'patrol_compliance', { kind: 'linear', full: 100, zero: 60 }),
    item('reports', 10, 'report_compliance', { kind: 'linear', full: 100, zero: 60 }),
    item('problems_on_time', 10, 'problem_on_time', { kind: 'linear', full: 100, zero: 60 }),
    item('problems_overdue', 5, 'problems_overdue', { kind: 'deduct', per: 1 }),
    item('cases', 10, 'case_investigation', { kind: 'threshold', op: '>=', value: 100 }),
    item('responsibility', 10, 'responsibility_coverage', { kind: 'linear', full: 100, zero: 80 }),
    item('pests', 10, 'pest_disaster_rate', { kind: 'threshold', op: '<=', value: 2 }),
    item('fires', 10, 'forest_fires', { kind: 'deduct', per: 5 }),
    item('wildlife', 5, 'wildlife_report_rate', { kind: 'linear', full: 100, zero: 80 }),
    item('supervision', 5, null, { kind: 'manual' }, '督查检查发现问题整改'),
  ],
};
