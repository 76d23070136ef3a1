import type { PestFinding } from './pest-rules.ts';
import type { QuarantineTreatment } from './epidemic-wood-movement.ts';

// The form of a transport quarantine certificate (调运检疫证书): the dates must make sense and every treated
// consignment says what was done. Wrong input is a finding (the request is refused as a whole, nothing stored);
// the epidemic-point rule (epidemic-wood-movement.ts) is a refusal the station records.

export const quantityUnits = ['m3', 't', 'kg', 'pieces', 'plants'] as const;
export type QuantityUnit = (typeof quantityUnits)[number];
export const quantityUnitNames: Record<QuantityUnit, string> = { m3: '立方米', t: '吨', kg: '千克', pieces: '件', plants: '株' };

export interface CertificateForm {
  shipOn: string; // YYYY-MM-DD
  validFrom: string;
  validTo: string;
  consignments: readonly { quantity: number; treatment: QuarantineTreatment; treatmentNote?: string | null | undefined }[];
}

export type CertificateFindingCode = 'no_consignment' | 'bad_validity' | 'ship_outside_validity' | 'bad_quantity' | 'treatment_note';

/** Longest validity of one certificate, in days (a consignment is shipped and arrives within it). */
export const maxCertificateValidityDays = 60;

const days = (a: string, b: string) => (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;

/** What is wrong with a certificate application (empty = well formed). */
export function checkCertificateForm(f: CertificateForm): PestFinding<CertificateFindingCode>[] {
  const out: PestFinding<CertificateFindingCode>[] = [];
  if (f.consignments.length === 0) out.push({ code: 'no_consignment', field: 'consignments', message: '至少登记一批货物' });
  if (f.validTo < f.validFrom) out.push({ code: 'bad_validity', field: 'validTo', message: '有效期截止日期不能早于起始日期' });
  else if (days(f.validFrom, f.validTo) > maxCertificateValidityDays) out.push({ code: 'bad_validity', field: 'validTo', message: `有效期不超过 ${maxCertificateValidityDays} 天` });
  if (f.shipOn < f.validFrom || f.shipOn > f.validTo) out.push({ code: 'ship_outside_validity', field: 'shipOn', message: '调运日期应在有效期内' });
  f.consignments.forEach((c, i) => {
    if (!Number.isFinite(c.quantity) || c.quantity <= 0) out.push({ code: 'bad_quantity', field: `consignments/${i}/quantity`, message: '数量应大于 0' });
    if (c.treatment !== 'none' && !c.treatmentNote?.trim()) out.push({ code: 'treatment_note', field: `consignments/${i}/treatmentNote`, message: '已除害处理的货物须注明处理方式、条件与时间（如 56℃ 30 分钟热处理）' });
  });
  return out;
}

// Origin quarantine (产地检疫): an inspection of a production site — a nursery, a timber yard, a forest — with its result.
export const originSiteKinds = ['nursery', 'timber_yard', 'forest', 'storage', 'other'] as const;
export type OriginSiteKind = (typeof originSiteKinds)[number];
export const originSiteKindNames: Record<OriginSiteKind, string> = { nursery: '苗圃', timber_yard: '木材经营加工场所', forest: '林地（采伐作业区）', storage: '储存场所', other: '其他' };
export const originInspectionResults = ['passed', 'failed'] as const;
export type OriginInspectionResult = (typeof originInspectionResults)[number];
export const originInspectionResultNames: Record<OriginInspectionResult, string> = { passed: '合格', failed: '不合格' };
