import { defaultLytCombination, type LytCombination } from './lyt-fire-danger-index.ts';

/** The Chinese five-level fire danger (森林火险等级). */
export type FireDangerLevel = 1 | 2 | 3 | 4 | 5;
export const fireDangerLevels: readonly FireDangerLevel[] = [1, 2, 3, 4, 5];

/** QX/T 77-2007 names and colours [C]; from level 3 a warning flag is hung (黄/橙/红旗). */
export const fireDangerLevelInfo: Record<FireDangerLevel, { name: string; label: string; colour: string; colourName: string; warning: boolean }> = {
  1: { name: '低', label: '一级', colour: 'green', colourName: '绿色', warning: false },
  2: { name: '较低', label: '二级', colour: 'blue', colourName: '蓝色', warning: false },
  3: { name: '较高', label: '三级', colour: 'yellow', colourName: '黄色', warning: true },
  4: { name: '高', label: '四级', colour: 'orange', colourName: '橙色', warning: true },
  5: { name: '极高', label: '五级', colour: 'red', colourName: '红色', warning: true },
};

export type FireDangerMethod = 'fwi' | 'lyt1172';
export const fireDangerMethodNames: Record<FireDangerMethod, string> = { fwi: '加拿大火险天气指数 FWI', lyt1172: 'LY/T 1172-95 森林火险天气指数' };

/** The versioned table (rule kind `fire_danger_levels`) that turns an index into a level. */
export interface FireDangerLevelTable {
  method: FireDangerMethod;
  /** FWI from which levels 2, 3, 4, 5 start (inclusive). */
  fwiFrom: readonly number[];
  /** Highest LY/T index of levels 1, 2, 3, 4 (inclusive); above the last is level 5. */
  lytUpTo: readonly number[];
  /** How the LY/T scores combine [U]. */
  lyt: LytCombination;
  source: string;
}

/**
 * DOMAIN.md §5. FWI bounds: the EFFIS classes <5.2, 5.2–11.2, 11.2–21.3, 21.3–38, 38–50, ≥50 — six classes
 * for five levels, so 38–50 and ≥50 are both level 5; the mapping of EFFIS classes onto Chinese levels is
 * ours [U]. LY/T 1172-95 levels ≤25, 26–50, 51–72, 73–90, ≥91 are the standard's [C].
 */
export const defaultFireDangerLevelTable: FireDangerLevelTable = {
  method: 'fwi',
  fwiFrom: [5.2, 11.2, 21.3, 38],
  lytUpTo: [25, 50, 72, 90],
  lyt: defaultLytCombination,
  source:
    'FWI 分级取欧洲森林火灾信息系统（EFFIS）分级 <5.2、5.2–11.2、11.2–21.3、21.3–38、38–50、≥50，其中 38–50 与 ≥50 两档同为五级（对应关系未经确认）；'
    + 'LY/T 1172-95 指数分级 ≤25、26–50、51–72、73–90、≥91 为标准规定；各因子得分表见 LY/T 1172-95（据吕巍伟等 2020 转引），降水日与物候订正的用法未经确认。',
};

export interface FireDangerAssessment {
  level: FireDangerLevel;
  method: FireDangerMethod;
  value: number;
  explanation: string;
}

const fmt = (v: number) => (Math.round(v * 10) / 10).toString();

/** The level of a day by the table's method; null when that method's input is missing. */
export function fireDangerLevel(inputs: { fwi: number | null; lytIndex: number | null }, table: FireDangerLevelTable): FireDangerAssessment | null {
  const value = table.method === 'fwi' ? inputs.fwi : inputs.lytIndex;
  if (value === null || !Number.isFinite(value)) return null;
  let level: FireDangerLevel;
  let band: string;
  if (table.method === 'fwi') {
    const i = table.fwiFrom.filter((b) => value >= b).length; // 0–4
    level = (i + 1) as FireDangerLevel;
    band = i === 0 ? `低于 ${table.fwiFrom[0]}` : i === 4 ? `不低于 ${table.fwiFrom[3]}` : `不低于 ${table.fwiFrom[i - 1]}、低于 ${table.fwiFrom[i]}`;
  } else {
    const i = table.lytUpTo.filter((b) => value > b).length;
    level = (i + 1) as FireDangerLevel;
    band = i === 0 ? `不高于 ${table.lytUpTo[0]}` : i === 4 ? `高于 ${table.lytUpTo[3]}` : `高于 ${table.lytUpTo[i - 1]}、不高于 ${table.lytUpTo[i]}`;
  }
  const info = fireDangerLevelInfo[level];
  const explanation = `按${fireDangerMethodNames[table.method]}计算：指数 ${fmt(value)}，落在 ${band} 档，为${info.label}（${info.name}火险，${info.colourName}）。分级表依据：${table.source}`;
  return { level, method: table.method, value, explanation };
}

export interface FireDangerFinding {
  path: string;
  message: string;
}

const increasing = (xs: readonly number[]) => xs.every((x, i) => Number.isFinite(x) && x >= 0 && (i === 0 || x > xs[i - 1]!));

/** What is wrong with a proposed level table (empty = fine). */
export function checkFireDangerLevels(t: FireDangerLevelTable): FireDangerFinding[] {
  const out: FireDangerFinding[] = [];
  if (t.method !== 'fwi' && t.method !== 'lyt1172') out.push({ path: '/method', message: '方法应为 fwi 或 lyt1172' });
  if (t.fwiFrom.length !== 4 || !increasing(t.fwiFrom)) out.push({ path: '/fwiFrom', message: '应为 4 个递增的非负数（二至五级的起点）' });
  if (t.lytUpTo.length !== 4 || !increasing(t.lytUpTo)) out.push({ path: '/lytUpTo', message: '应为 4 个递增的非负数（一至四级的上限）' });
  if (!(Number.isFinite(t.lyt.rainDayAboveMm) && t.lyt.rainDayAboveMm >= 0 && t.lyt.rainDayAboveMm < 10)) out.push({ path: '/lyt/rainDayAboveMm', message: '应为 0–10 毫米之间的数' });
  if (t.lyt.rainDay !== 'subtract' && t.lyt.rainDay !== 'ignore') out.push({ path: '/lyt/rainDay', message: '应为 subtract 或 ignore' });
  if (t.lyt.phenology.length !== 12) out.push({ path: '/lyt/phenology', message: '应为 12 个月的订正值' });
  t.lyt.phenology.forEach((v, i) => {
    if (!Number.isFinite(v) || v < -100 || v > 100) out.push({ path: `/lyt/phenology/${i}`, message: '订正值应在 -100 与 100 之间' });
  });
  if (!t.source.trim()) out.push({ path: '/source', message: '请注明依据' });
  return out;
}
