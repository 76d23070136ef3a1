import { problemCategories, problemCategoryNames, problemSeverityNames, type ProblemCategory, type ProblemSeverity } from '@linzhang/domain';

// Reading the loose columns of the bureaus' spreadsheets: the same meaning under several headings.

export const ledgerColumns = {
  externalRef: ['问题编号', '台账编号', '编号', '序号'],
  description: ['问题描述', '问题内容', '问题情况', '具体问题', '描述'],
  category: ['问题类别', '问题类型', '类别', '类型'],
  severity: ['紧急程度', '严重程度'],
  lon: ['经度', 'lon', 'longitude', 'x'],
  lat: ['纬度', 'lat', 'latitude', 'y'],
  unitCode: ['区划代码', '行政区划代码', '村代码', '乡镇代码'],
  deadline: ['整改时限', '整改期限', '办结时限', '完成时限'],
  title: ['问题名称', '标题'],
} as const;
export type LedgerField = keyof typeof ledgerColumns;

export const patchRefKeys = ['图斑编号', 'TBBH', 'tbbh', 'BH', 'bh', '编号', 'JCTB_BH', 'id', 'ID'];
export const patchKindKeys = ['变化类型', '图斑类型', '问题类型', 'BHLX', 'bhlx', '类型'];

/** Which column holds each field: header text matched case- and space-insensitively. */
export function mapHeaders(headers: string[]): Partial<Record<LedgerField, number>> {
  const norm = (s: string) => s.replace(/\s+/g, '').toLowerCase();
  const out: Partial<Record<LedgerField, number>> = {};
  for (const [field, names] of Object.entries(ledgerColumns) as [LedgerField, readonly string[]][]) {
    const i = headers.findIndex((h) => names.some((n) => norm(h) === norm(n)));
    if (i >= 0) out[field] = i;
  }
  return out;
}

const keywordCategories: [RegExp, ProblemCategory][] = [
  [/盗伐|滥伐|采伐/, 'illegal_logging'],
  [/四乱|乱侵占|乱搭|乱建|乱采|乱挖|乱捕/, 'four_chaos'],
  [/占地|毁林|开垦|建设|侵占|改变用途|用地|采石|采矿/, 'encroachment'],
  [/火/, 'fire_hazard'],
  [/松/, 'dead_pine'],
  [/野猪/, 'boar_damage'],
  [/野生动物|疫/, 'wildlife_death'],
];

/** A category from what a spreadsheet or a patch attribute says; null when nothing matches. */
export function categoryFromText(text: string): ProblemCategory | null {
  const t = text.trim();
  if (!t) return null;
  const exact = problemCategories.find((c) => problemCategoryNames[c] === t || c === t);
  if (exact) return exact;
  return keywordCategories.find(([re]) => re.test(t))?.[1] ?? null;
}

export function severityFromText(text: string): ProblemSeverity | null {
  const t = text.trim();
  if (!t) return 'general';
  const hit = (Object.entries(problemSeverityNames) as [ProblemSeverity, string][]).find(([k, name]) => name === t || k === t);
  if (hit) return hit[0];
  if (/重大|紧急|特急/.test(t)) return 'urgent';
  if (/较大|较重|严重/.test(t)) return 'serious';
  return null;
}

/** A date written in a cell: YYYY-MM-DD, YYYY/M/D, YYYY年M月D日, or an Excel date → the end of that day in Shanghai. */
export function deadlineFromCell(value: unknown): string | null {
  if (value instanceof Date) return new Date(Date.UTC(value.getUTCFullYear(), value.getUTCMonth(), value.getUTCDate(), 15, 59, 59)).toISOString();
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(String(value ?? '').trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1) return null;
  return new Date(Date.UTC(y, mo - 1, d, 15, 59, 59)).toISOString(); // 23:59:59 Asia/Shanghai
}
