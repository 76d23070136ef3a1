import { isClockTime } from './shanghai-dates.ts';

// DOMAIN.md §6 (pine wilt disease, 《松材线虫病防治技术方案（2022年版）》) and §7 (wildlife epidemic monitoring):
// every number a province may set differently, in one object with its defaults, so that it can be registered as
// a versioned rule kind (rules/rule-versions.ts) without changing any rule. [C] values are the 技术方案's own;
// [U] values are defaults DOMAIN.md marks unconfirmed.

/** A finding about the rules themselves, same shape as rules/rule-versions.ts `RuleFinding` (JSON pointer). */
export interface PestRuleFinding {
  path: string;
  message: string;
}

/** A finding about a record checked against the rules: a code for programs, the field, a Chinese message. */
export interface PestFinding<C extends string = string> {
  code: C;
  field: string;
  message: string;
}

/** A window of months that may wrap the year end: { startMonth: 11, endMonth: 4 } is November to April. */
export interface MonthWindow {
  startMonth: number;
  endMonth: number;
}

export interface PestRules {
  sampling: {
    /** A 小班 with at most this many dead pines is a small one (see sampling-plan.ts for the exactly-100 case). */
    smallParcelMaxDead: number; // 100 [C]
    smallParcelFirstSample: number; // 10 [C]
    largeParcelFirstSample: number; // 100 [C]
    /** Follow-up share of the dead pines beyond the first sample, in percent, rounded up to whole trees. */
    followUpPercent: number; // 5 [C]
  };
  lab: {
    writtenResultWorkingDays: number; // 5 working days [C]
    firstPositivePhoneHours: number; // 1 h [C]
    firstPositiveWrittenHours: number; // 1 day = 24 h [C]
  };
  disposal: {
    maxStumpHeightCm: number; // ≤ 5 cm [C]
    maxChipSizeCm: number; // ≤ 1 cm [C]
    maxChipThicknessCm: number; // ≤ 0.6 cm [C]
    maxPeelThicknessCm: number; // < 0.3 cm [C] (strictly below)
    minTreatedBranchDiameterCm: number; // branches thicker than 1 cm are treated as well [C]
    /** 集中除治: the vector's non-emergence period; outside it every dead pine is felled and disposed the same day. */
    centralisedClearing: MonthWindow; // Nov–Apr [U: depends on the local emergence period of 松褐天牛]
  };
  epidemic: {
    clearYearsForRemoval: number; // 2 consecutive years without detection [U]
  };
  disaster: {
    targetPerMille: number; // 成灾率 ≤ 2‰ (Youyang 2024 work plan) [U]
  };
  monitoring: {
    maxIntervalMonths: number; // every 小班 at least every 2 months [C]
    autumnSurvey: MonthWindow; // 秋季专项普查 Sept–Nov [C]
    lureTreeEveryMu: number; // 1 lure tree per 10 亩 [C]
    dueSoonDays: number; // a 小班 is "due" this many days before its monitoring deadline [U, ours]
  };
  wildlife: {
    dailyReportCutoff: string; // HH:MM Asia/Shanghai, 15:00 [U]
  };
  source: string;
}

export const defaultPestRules: PestRules = {
  sampling: { smallParcelMaxDead: 100, smallParcelFirstSample: 10, largeParcelFirstSample: 100, followUpPercent: 5 },
  lab: { writtenResultWorkingDays: 5, firstPositivePhoneHours: 1, firstPositiveWrittenHours: 24 },
  disposal: {
    maxStumpHeightCm: 5,
    maxChipSizeCm: 1,
    maxChipThicknessCm: 0.6,
    maxPeelThicknessCm: 0.3,
    minTreatedBranchDiameterCm: 1,
    centralisedClearing: { startMonth: 11, endMonth: 4 },
  },
  epidemic: { clearYearsForRemoval: 2 },
  disaster: { targetPerMille: 2 },
  monitoring: { maxIntervalMonths: 2, autumnSurvey: { startMonth: 9, endMonth: 11 }, lureTreeEveryMu: 10, dueSoonDays: 14 },
  wildlife: { dailyReportCutoff: '15:00' },
  source:
    '《松材线虫病防治技术方案（2022年版）》（国家林业和草原局）：取样、检测时限、除治标准、监测频次 [已确认]；' +
    '集中除治期（默认 11 月至次年 4 月）、疫点拔除所需连续无疫情年数（默认 2 年）、成灾率目标（默认 2‰）、' +
    '疫源疫病日报截止时间（默认 15:00）为默认值，按省、县规定配置 [未确认]',
};

function numberIn(out: PestRuleFinding[], path: string, value: number, min: number, max: number, integer = false, minExclusive = false) {
  const bad = !Number.isFinite(value) || (minExclusive ? value <= min : value < min) || value > max || (integer && !Number.isInteger(value));
  if (bad) out.push({ path, message: `应为${minExclusive ? '大于' : '不小于'} ${min}、不超过 ${max} 的${integer ? '整数' : '数'}` });
}

function monthWindow(out: PestRuleFinding[], path: string, w: MonthWindow) {
  numberIn(out, `${path}/startMonth`, w.startMonth, 1, 12, true);
  numberIn(out, `${path}/endMonth`, w.endMonth, 1, 12, true);
}

/** What is wrong with a proposed set of pest rules (empty = fine). */
export function checkPestRules(rules: PestRules): PestRuleFinding[] {
  const out: PestRuleFinding[] = [];
  const s = rules.sampling;
  numberIn(out, '/sampling/smallParcelMaxDead', s.smallParcelMaxDead, 1, 100_000, true);
  numberIn(out, '/sampling/smallParcelFirstSample', s.smallParcelFirstSample, 1, 100_000, true);
  numberIn(out, '/sampling/largeParcelFirstSample', s.largeParcelFirstSample, 1, 100_000, true);
  numberIn(out, '/sampling/followUpPercent', s.followUpPercent, 0, 100, false, true);
  if (s.smallParcelFirstSample > s.smallParcelMaxDead) out.push({ path: '/sampling/smallParcelFirstSample', message: '首次取样株数不应超过小班死亡株数上限' });
  const l = rules.lab;
  numberIn(out, '/lab/writtenResultWorkingDays', l.writtenResultWorkingDays, 1, 60, true);
  numberIn(out, '/lab/firstPositivePhoneHours', l.firstPositivePhoneHours, 0, 72, false, true);
  numberIn(out, '/lab/firstPositiveWrittenHours', l.firstPositiveWrittenHours, 0, 720, false, true);
  if (l.firstPositiveWrittenHours < l.firstPositivePhoneHours) out.push({ path: '/lab/firstPositiveWrittenHours', message: '书面报告时限不应短于电话报告时限' });
  const d = rules.disposal;
  numberIn(out, '/disposal/maxStumpHeightCm', d.maxStumpHeightCm, 0, 100, false, true);
  numberIn(out, '/disposal/maxChipSizeCm', d.maxChipSizeCm, 0, 20, false, true);
  numberIn(out, '/disposal/maxChipThicknessCm', d.maxChipThicknessCm, 0, 20, false, true);
  numberIn(out, '/disposal/maxPeelThicknessCm', d.maxPeelThicknessCm, 0, 20, false, true);
  numberIn(out, '/disposal/minTreatedBranchDiameterCm', d.minTreatedBranchDiameterCm, 0, 50);
  if (d.maxChipThicknessCm > d.maxChipSizeCm) out.push({ path: '/disposal/maxChipThicknessCm', message: '削片厚度上限不应大于粒径上限' });
  monthWindow(out, '/disposal/centralisedClearing', d.centralisedClearing);
  numberIn(out, '/epidemic/clearYearsForRemoval', rules.epidemic.clearYearsForRemoval, 1, 10, true);
  numberIn(out, '/disaster/targetPerMille', rules.disaster.targetPerMille, 0, 1000);
  const m = rules.monitoring;
  numberIn(out, '/monitoring/maxIntervalMonths', m.maxIntervalMonths, 1, 12, true);
  monthWindow(out, '/monitoring/autumnSurvey', m.autumnSurvey);
  numberIn(out, '/monitoring/lureTreeEveryMu', m.lureTreeEveryMu, 0, 10_000, false, true);
  numberIn(out, '/monitoring/dueSoonDays', m.dueSoonDays, 0, 60, true);
  if (m.autumnSurvey.startMonth > m.autumnSurvey.endMonth) out.push({ path: '/monitoring/autumnSurvey', message: '秋季普查期应在同一年内（起始月不晚于结束月）' });
  if (!isClockTime(rules.wildlife.dailyReportCutoff)) out.push({ path: '/wildlife/dailyReportCutoff', message: '应为 00:00–23:59 的时间，如 15:00' });
  if (!rules.source.trim()) out.push({ path: '/source', message: '请注明依据' });
  return out;
}
