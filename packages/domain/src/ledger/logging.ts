// DOMAIN.md §4: the logging quota (森林采伐限额) and the permits (林木采伐许可证) that consume it.

/** The quota's forest class: 公益林 (森林类别 11, 12) or 商品林 (21, 22). */
export const quotaForestClasses = ['public_welfare', 'commercial'] as const;
export type QuotaForestClass = (typeof quotaForestClasses)[number];
export const quotaForestClassNames: Record<QuotaForestClass, string> = { public_welfare: '公益林', commercial: '商品林' };

/** 起源, with the keys the parcel attributes use (`origins` in parcel-codes.ts). */
export const quotaOrigins = ['natural', 'planted'] as const;
export type QuotaOrigin = (typeof quotaOrigins)[number];
export const quotaOriginNames: Record<QuotaOrigin, string> = { natural: '天然', planted: '人工' };

/** 采伐类型 (DOMAIN.md §4 [C]). */
export const cuttingTypes = ['main', 'tending', 'regeneration', 'low_yield', 'other'] as const;
export type CuttingType = (typeof cuttingTypes)[number];
export const cuttingTypeNames: Record<CuttingType, string> = {
  main: '主伐', tending: '抚育采伐', regeneration: '更新采伐', low_yield: '低产(效)林改造', other: '其他采伐',
};

/** 采伐方式. */
export const cuttingMethods = ['clear', 'selective', 'shelterwood'] as const;
export type CuttingMethod = (typeof cuttingMethods)[number];
export const cuttingMethodNames: Record<CuttingMethod, string> = { clear: '皆伐', selective: '择伐', shelterwood: '渐伐' };

/** The quota's forest class of a parcel's 森林类别, or null when the parcel carries none. */
export function quotaForestClassOf(forestCategory: string | null | undefined): QuotaForestClass | null {
  if (forestCategory === '11' || forestCategory === '12') return 'public_welfare';
  if (forestCategory === '21' || forestCategory === '22') return 'commercial';
  return null;
}

export interface QuotaCellKey {
  forestClass: QuotaForestClass;
  origin: QuotaOrigin;
  cuttingType: CuttingType;
}
export interface QuotaCell extends QuotaCellKey {
  volumeM3: number;
}
/** One quota unit's annual quota: the total cap and the item caps (分项限额), in m³ of standing volume. */
export interface QuotaTable {
  totalM3: number;
  items: readonly QuotaCell[];
}

export const cellLabel = (k: QuotaCellKey): string => `${quotaForestClassNames[k.forestClass]}·${quotaOriginNames[k.origin]}·${cuttingTypeNames[k.cuttingType]}`;
export const sameCell = (a: QuotaCellKey, b: QuotaCellKey): boolean => a.forestClass === b.forestClass && a.origin === b.origin && a.cuttingType === b.cuttingType;

/**
 * Volumes are compared in whole litres (0.001 m³): the sum of many permits must not drift past a cap by
 * floating-point error, and nobody writes a permit finer than that.
 */
export const litres = (m3: number): number => Math.round(m3 * 1000);
const m3 = (l: number): string => (l / 1000).toLocaleString('zh-CN', { maximumFractionDigits: 3 });

export interface QuotaFinding {
  field: string;
  message: string;
}

/** Checks a quota table before it is saved: caps are finite and non-negative, cells unique, items within the total. */
export function validateQuotaTable(table: QuotaTable): QuotaFinding[] {
  const out: QuotaFinding[] = [];
  if (!Number.isFinite(table.totalM3) || table.totalM3 < 0) out.push({ field: 'totalM3', message: '总限额须为不小于 0 的数' });
  const seen: QuotaCellKey[] = [];
  let sum = 0;
  table.items.forEach((item, i) => {
    if (!Number.isFinite(item.volumeM3) || item.volumeM3 < 0) out.push({ field: `items/${i}/volumeM3`, message: '分项限额须为不小于 0 的数' });
    if (seen.some((s) => sameCell(s, item))) out.push({ field: `items/${i}`, message: `分项“${cellLabel(item)}”重复` });
    seen.push(item);
    sum += litres(item.volumeM3);
  });
  if (out.length === 0 && sum > litres(table.totalM3)) {
    out.push({ field: 'items', message: `分项限额之和 ${m3(sum)} m³ 超过总限额 ${m3(litres(table.totalM3))} m³` });
  }
  return out;
}

/** What a permit asks for, with what is known of its parcel and of the quota when it is checked. */
export interface PermitCheck {
  cell: QuotaCellKey;
  volumeM3: number;
  areaM2: number;
  parcel: {
    areaM2: number;
    volumeM3: number | null;
    /** Volume and area already granted on this parcel by permits of the same year that are not revoked. */
    grantedVolumeM3: number;
    grantedAreaM2: number;
  };
  /** The pine-wilt epidemic point (疫点) the parcel lies in on the issue date, if any (its town's name). */
  epidemicPoint: string | null;
  pestApproval: string | null;
  quota: {
    unitName: string;
    year: number;
    table: QuotaTable | null;
    /** Volume already consumed by the year's permits in this cell and in the whole table. */
    usedCellM3: number;
    usedTotalM3: number;
  };
}

export type PermitRefusalCode = 'natural_commercial' | 'epidemic_point' | 'parcel_area' | 'parcel_volume' | 'no_quota' | 'no_cell' | 'cell_exceeded' | 'total_exceeded';
export interface PermitRefusal extends QuotaFinding {
  code: PermitRefusalCode;
}

/**
 * Why a permit may not be issued (empty when it may), DOMAIN.md §4: it consumes standing volume from exactly
 * one quota cell and is refused if that cell or the total would be exceeded; natural forest gets no commercial
 * logging (主伐); a parcel in a pine-wilt epidemic point needs the pest control approval first (issue 5 §3).
 */
export function permitRefusals(c: PermitCheck): PermitRefusal[] {
  const out: PermitRefusal[] = [];
  if (c.cell.origin === 'natural' && c.cell.cuttingType === 'main') {
    out.push({ code: 'natural_commercial', field: 'cuttingType', message: '天然林禁止商业性采伐：天然林小班不得办理主伐' });
  }
  if (c.epidemicPoint && !c.pestApproval?.trim()) {
    out.push({ code: 'epidemic_point', field: 'pestApproval', message: `小班位于松材线虫病疫点（${c.epidemicPoint}），须先取得林业有害生物防治检疫机构的采伐审批，并填写审批文号` });
  }
  const areaLeft = c.parcel.areaM2 - c.parcel.grantedAreaM2;
  if (c.areaM2 > areaLeft * 1.001) {
    out.push({ code: 'parcel_area', field: 'areaMu', message: `采伐面积超过小班可采面积（小班 ${(c.parcel.areaM2 * 15 / 10000).toFixed(2)} 亩，本年已许可 ${(c.parcel.grantedAreaM2 * 15 / 10000).toFixed(2)} 亩）` });
  }
  const volume = litres(c.volumeM3);
  if (c.parcel.volumeM3 !== null && volume > litres(c.parcel.volumeM3) - litres(c.parcel.grantedVolumeM3)) {
    out.push({ code: 'parcel_volume', field: 'volumeM3', message: `采伐蓄积超过小班蓄积（小班 ${m3(litres(c.parcel.volumeM3))} m³，本年已许可 ${m3(litres(c.parcel.grantedVolumeM3))} m³）` });
  }
  const q = c.quota;
  if (!q.table) {
    out.push({ code: 'no_quota', field: 'volumeM3', message: `${q.unitName}${q.year} 年未下达采伐限额，不能发放采伐许可证` });
    return out;
  }
  const cell = q.table.items.find((i) => sameCell(i, c.cell));
  if (!cell) {
    out.push({ code: 'no_cell', field: 'cuttingType', message: `${q.unitName}${q.year} 年未下达“${cellLabel(c.cell)}”分项限额` });
    return out;
  }
  const cellLeft = litres(cell.volumeM3) - litres(q.usedCellM3);
  if (volume > cellLeft) {
    out.push({
      code: 'cell_exceeded', field: 'volumeM3',
      message: `超出采伐限额：${q.unitName}${q.year} 年“${cellLabel(c.cell)}”分项限额 ${m3(litres(cell.volumeM3))} m³，已用 ${m3(litres(q.usedCellM3))} m³，剩余 ${m3(Math.max(0, cellLeft))} m³，本证申请 ${m3(volume)} m³`,
    });
  }
  const totalLeft = litres(q.table.totalM3) - litres(q.usedTotalM3);
  if (volume > totalLeft) {
    out.push({
      code: 'total_exceeded', field: 'volumeM3',
      message: `超出采伐总限额：${q.unitName}${q.year} 年总限额 ${m3(litres(q.table.totalM3))} m³，已用 ${m3(litres(q.usedTotalM3))} m³，剩余 ${m3(Math.max(0, totalLeft))} m³，本证申请 ${m3(volume)} m³`,
    });
  }
  return out;
}

/**
 * The default re-planting deadline (更新期限 [U]): the end of the year after the cutting period ends — the
 * 森林法实施条例 asks for re-planting "在采伐后的当年或者次年内". A permit may carry another date.
 */
export function defaultReplantingDeadline(cuttingEnds: string): string {
  const year = Number(cuttingEnds.slice(0, 4));
  return `${year + 1}-12-31`;
}

export type ReplantingState = 'not_required' | 'done' | 'pending' | 'overdue';
export const replantingStateNames: Record<ReplantingState, string> = { not_required: '无需更新', done: '已完成更新', pending: '待更新', overdue: '逾期未更新' };

/**
 * Re-planting of a permit (DOMAIN.md §4 [C]: re-planting area ≥ felled area). Tending (抚育采伐) thins a stand
 * that stays standing and needs none; every other permit is done when the planted area reaches the felled
 * area, and overdue after the deadline day (Shanghai dates).
 */
export function replantingState(p: { cuttingType: CuttingType; areaM2: number; deadline: string; plantedM2: number }, today: string): ReplantingState {
  if (p.cuttingType === 'tending') return 'not_required';
  if (p.plantedM2 >= p.areaM2 * 0.999) return 'done';
  return today > p.deadline ? 'overdue' : 'pending';
}

/** 林木采伐许可证编号: county code, year and a serial number. */
export const permitNumber = (countyCode: string, year: number, serial: number): string => `${countyCode.slice(0, 6)}-${year}-${String(serial).padStart(4, '0')}`;
