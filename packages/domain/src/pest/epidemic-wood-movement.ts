import { epidemicPointOn, type EpidemicPointPeriod } from './epidemic-points.ts';
import type { PestFinding } from './pest-rules.ts';

// DOMAIN.md §6 (《松材线虫病防治技术方案（2022年版）》): pine wood and pine products may not leave an epidemic point
// (疫点) or epidemic area without 除害处理; a 小班 in an epidemic point is felled only with the pest approval
// (DOMAIN.md §4, the logging permit rule). Our reading for the transport quarantine (调运检疫): a consignment of
// pine wood / pine products whose origin town is an epidemic point on the shipping date is refused unless it is
// declared treated (heat, fumigation, chipping, or another treatment, with what was done noted); and wood cut
// under a logging permit in an epidemic point is refused while that permit has no pest approval number, treated
// or not (the approval is the quarantine station's say over that felling).

export const quarantineProducts = [
  'pine_logs', 'pine_sawn', 'pine_chips', 'pine_packaging', 'pine_branches', 'pine_other', 'other_wood', 'bamboo', 'seedlings', 'other',
] as const;
export type QuarantineProduct = (typeof quarantineProducts)[number];
export const quarantineProductNames: Record<QuarantineProduct, string> = {
  pine_logs: '松原木', pine_sawn: '松锯材（板方材）', pine_chips: '松木削片', pine_packaging: '松木包装材料', pine_branches: '松枝（含松针、松果）',
  pine_other: '其他松科植物及其制品', other_wood: '其他木材', bamboo: '竹材', seedlings: '苗木（非松科）', other: '其他植物及植物产品',
};
/** Hosts of pine wilt disease: the products the epidemic-point rule speaks of. */
export const isPineProduct = (p: QuarantineProduct): boolean => p.startsWith('pine_');

export const quarantineTreatments = ['none', 'heat', 'fumigation', 'chipping', 'other'] as const;
export type QuarantineTreatment = (typeof quarantineTreatments)[number];
export const quarantineTreatmentNames: Record<QuarantineTreatment, string> = {
  none: '未处理', heat: '热处理', fumigation: '熏蒸处理', chipping: '粉碎（削片）处理', other: '其他除害处理',
};

export interface WoodMovementConsignment {
  product: QuarantineProduct;
  originTownCode: string; // the town the goods come from
  originTownName: string;
  treatment: QuarantineTreatment;
  /** The logging permit the wood was cut under, when it was. */
  permit: { permitNo: string; pestApproval: string | null } | null;
}

export type WoodMovementRefusalCode = 'epidemic_untreated' | 'permit_without_approval';

/**
 * Why a transport certificate must be refused (empty = may be issued): one finding per consignment and reason,
 * `field` = `consignments/<i>/<field>`. `shipOn` is the shipping date (YYYY-MM-DD, Asia/Shanghai).
 */
export function epidemicWoodMovementRefusals(shipOn: string, consignments: readonly WoodMovementConsignment[], points: readonly EpidemicPointPeriod[]): PestFinding<WoodMovementRefusalCode>[] {
  const out: PestFinding<WoodMovementRefusalCode>[] = [];
  consignments.forEach((c, i) => {
    if (!epidemicPointOn(points, c.originTownCode, shipOn)) return;
    const what = quarantineProductNames[c.product];
    if (isPineProduct(c.product) && c.treatment === 'none') {
      out.push({ code: 'epidemic_untreated', field: `consignments/${i}/treatment`, message: `第 ${i + 1} 批${what}产自松材线虫病疫点（${c.originTownName}），${shipOn} 调运前须经除害处理（热处理、熏蒸或粉碎），未处理的不得调出` });
    }
    if (c.permit && !c.permit.pestApproval?.trim()) {
      out.push({ code: 'permit_without_approval', field: `consignments/${i}/permitNo`, message: `第 ${i + 1} 批木材的采伐许可证 ${c.permit.permitNo} 位于疫点（${c.originTownName}）却没有有害生物防治检疫审批文号，不予签发` });
    }
  });
  return out;
}
