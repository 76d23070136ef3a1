import { ageGroups, authorityLevels, forestCategories, landClasses } from './parcel-codes.ts';

// Issue 5 §1: a parcel's attributes read from the loose columns of an inventory file, each checked against the
// DOMAIN.md §3 codes; what is wrong is reported per field, never thrown.

export interface ParcelAttributes {
  parcelNo: string; // 小班号 (with 林班 when given: "林班-小班")
  landClass: string; // 地类 code
  forestCategory: string | null;
  authorityLevel: string | null;
  origin: 'natural' | 'planted' | null;
  dominantSpecies: string | null;
  ageGroup: string | null;
  canopyClosure: number | null; // 0–1
  volumeM3: number | null;
  ownerType: string | null; // 林地所有权 (国有 / 集体)
  owner: string | null; // 经营者 / 林权权利人
  unitCode: string | null; // 12-digit code when the file gives one
}

export interface AttributeFinding {
  severity: 'error' | 'warning';
  field: string; // the column's Chinese name
  message: string;
}

/** Column names seen in inventory exports for each attribute (matched case-insensitively). */
export const parcelColumns: Record<keyof ParcelAttributes | 'compartment', string[]> = {
  compartment: ['林班', '林班号', 'LIN_BAN', 'LB_H', 'LBH'],
  parcelNo: ['小班号', '小班', 'XIAO_BAN', 'XBH', 'XB_H'],
  landClass: ['地类', '地类代码', 'DI_LEI', 'DL'],
  forestCategory: ['森林类别', '林种类别', 'SEN_LIN_LB', 'SLLB'],
  authorityLevel: ['事权等级', 'SHI_QUAN_D', 'SQDJ'],
  origin: ['起源', 'QI_YUAN', 'QY'],
  dominantSpecies: ['优势树种', 'YOU_SHI_SZ', 'YSSZ'],
  ageGroup: ['龄组', 'LING_ZU', 'LZ'],
  canopyClosure: ['郁闭度', 'YU_BI_DU', 'YBD'],
  volumeM3: ['蓄积', '活立木蓄积', '小班蓄积', 'HUO_LMGQXJ', 'XJ'],
  ownerType: ['林地所有权', '土地所有权', 'LD_QS', 'TDSYQ'],
  owner: ['经营者', '林权权利人', '林地使用权人', 'JYZ'],
  unitCode: ['村代码', '行政区划代码', '区划代码', 'CUN', 'XZQHDM'],
};

const norm = (s: string) => s.replace(/\s+/g, '').toUpperCase();

/** The value of the first column present for a field, as trimmed text ('' when absent). */
function pick(props: Record<string, unknown>, names: readonly string[]): { text: string; column: string | null } {
  const keys = Object.keys(props);
  for (const n of names) {
    const k = keys.find((key) => norm(key) === norm(n));
    if (k !== undefined && props[k] !== null && props[k] !== undefined && String(props[k]).trim() !== '') return { text: String(props[k]).trim(), column: k };
  }
  return { text: '', column: null };
}

const byNameOrCode = (table: Record<string, string>, text: string): string | null =>
  table[text] !== undefined ? text : (Object.entries(table).find(([, name]) => name === text)?.[0] ?? null);

export function readParcelAttributes(props: Record<string, unknown>): { value: ParcelAttributes | null; findings: AttributeFinding[] } {
  const findings: AttributeFinding[] = [];
  const f = (field: keyof typeof parcelColumns) => pick(props, parcelColumns[field]).text;
  const err = (field: string, message: string) => findings.push({ severity: 'error', field, message });
  const warn = (field: string, message: string) => findings.push({ severity: 'warning', field, message });

  const xb = f('parcelNo');
  if (!xb) err('小班号', '缺少小班号');
  const lb = f('compartment');
  const parcelNo = lb ? `${lb}-${xb}` : xb;

  let landClass = f('landClass');
  if (!landClass) err('地类', '缺少地类');
  else {
    const code = landClasses[landClass] ? landClass : Object.entries(landClasses).find(([, v]) => v.name === landClass)?.[0];
    if (!code) err('地类', `地类“${landClass}”不在二类调查地类代码表中`);
    else landClass = code;
  }

  const categoryText = f('forestCategory');
  const forestCategory = categoryText ? byNameOrCode(forestCategories, categoryText) : null;
  if (categoryText && !forestCategory) err('森林类别', `森林类别“${categoryText}”无效（11 重点公益林、12 一般公益林、21 重点商品林、22 一般商品林）`);

  const levelText = f('authorityLevel');
  const authorityLevel = levelText ? byNameOrCode(authorityLevels, levelText) : null;
  if (levelText && !authorityLevel) err('事权等级', `事权等级“${levelText}”无效（10 国家级、20 地方级）`);

  const originText = f('origin');
  let origin: ParcelAttributes['origin'] = null;
  if (originText) {
    if (/^(1\d?|天然.*)$/.test(originText)) origin = 'natural';
    else if (/^(2\d?|人工.*)$/.test(originText)) origin = 'planted';
    else err('起源', `起源“${originText}”无效（天然 / 人工）`);
  }

  const ageText = f('ageGroup');
  const ageGroup = ageText ? byNameOrCode(ageGroups, ageText) : null;
  if (ageText && !ageGroup) warn('龄组', `龄组“${ageText}”无法识别，未导入该项`);

  const number = (field: keyof typeof parcelColumns, label: string, min: number, max: number): number | null => {
    const t = f(field);
    if (!t) return null;
    const n = Number(t);
    if (!Number.isFinite(n) || n < min || n > max) {
      err(label, `${label}“${t}”应为 ${min}–${max} 之间的数`);
      return null;
    }
    return n;
  };
  let canopyClosure = number('canopyClosure', '郁闭度', 0, 100);
  // Some exports write canopy closure in tenths or percent: bring it to 0–1.
  if (canopyClosure !== null && canopyClosure > 1) canopyClosure = canopyClosure <= 10 ? canopyClosure / 10 : canopyClosure / 100;
  const volumeM3 = number('volumeM3', '蓄积', 0, 1e7);

  const unitText = f('unitCode');
  const unitCode = unitText ? (/^\d{12}$/.test(unitText) ? unitText : null) : null;
  if (unitText && !unitCode) err('村代码', `村代码“${unitText}”应为 12 位数字`);

  if (landClass === '0111' && canopyClosure !== null && canopyClosure < 0.2) warn('郁闭度', '乔木林地郁闭度低于 0.2，不计入森林覆盖率');
  if (landClasses[landClass]?.forest === false && forestCategory) warn('森林类别', '非林地不应有森林类别');

  if (findings.some((x) => x.severity === 'error')) return { value: null, findings };
  return {
    value: {
      parcelNo, landClass, forestCategory, authorityLevel, origin,
      dominantSpecies: f('dominantSpecies') || null, ageGroup, canopyClosure, volumeM3,
      ownerType: f('ownerType') || null, owner: f('owner') || null, unitCode,
    },
    findings,
  };
}
