import { err, ok, type Result } from '../result.ts';
import { defaultPestRules, type PestFinding, type PestRules } from './pest-rules.ts';

// DOMAIN.md §6: forest pest disaster rate 成灾率 (‰) = disaster area ÷ (forest area + 未成林 area) × 1000 [C];
// where a pest kills its host (pine wilt: a pine dead of the disease) the whole 小班 counts as disaster area [C];
// target ≤ 2‰ (Youyang 2024 work plan, configurable).

export interface DisasterParcel {
  code: string; // 小班 code
  areaM2: number; // the 小班's area
  hostDeath: boolean; // the pest killed host trees in it
  disasterAreaM2: number; // the surveyed disaster area otherwise (0 when none)
}

export interface DisasterRateInput {
  forestAreaM2: number; // 有林地 of the unit
  unforestedAreaM2: number; // 未成林造林地 of the unit
  parcels: readonly DisasterParcel[]; // the 小班 with pest occurrence
}

export interface DisasterRate {
  disasterAreaM2: number;
  baseAreaM2: number;
  ratePerMille: number; // unrounded; show with 2 decimals
  targetPerMille: number;
  meetsTarget: boolean;
  hostDeathParcels: number;
}

export type DisasterFindingCode = 'bad_area' | 'no_base' | 'exceeds_parcel';

/** The disaster rate of a unit (county, town) and whether it meets the target. */
export function disasterRate(input: DisasterRateInput, rules: PestRules['disaster'] = defaultPestRules.disaster): Result<DisasterRate, PestFinding<DisasterFindingCode>[]> {
  const out: PestFinding<DisasterFindingCode>[] = [];
  const area = (field: string, v: number) => {
    if (!Number.isFinite(v) || v < 0) out.push({ code: 'bad_area', field, message: '面积应为不小于 0 的数（平方米）' });
  };
  area('forestAreaM2', input.forestAreaM2);
  area('unforestedAreaM2', input.unforestedAreaM2);
  input.parcels.forEach((p, i) => {
    area(`parcels/${i}/areaM2`, p.areaM2);
    area(`parcels/${i}/disasterAreaM2`, p.disasterAreaM2);
    if (p.disasterAreaM2 > p.areaM2) out.push({ code: 'exceeds_parcel', field: `parcels/${i}/disasterAreaM2`, message: `小班 ${p.code} 的成灾面积大于小班面积` });
  });
  const baseAreaM2 = input.forestAreaM2 + input.unforestedAreaM2;
  if (out.length === 0 && baseAreaM2 <= 0) out.push({ code: 'no_base', field: 'forestAreaM2', message: '有林地与未成林造林地面积之和应大于 0' });
  if (out.length) return err(out);
  let disasterAreaM2 = 0;
  for (const p of input.parcels) disasterAreaM2 += p.hostDeath ? p.areaM2 : p.disasterAreaM2;
  const ratePerMille = (disasterAreaM2 / baseAreaM2) * 1000;
  return ok({ disasterAreaM2, baseAreaM2, ratePerMille, targetPerMille: rules.targetPerMille, meetsTarget: ratePerMille <= rules.targetPerMille + 1e-12, hostDeathParcels: input.parcels.filter((p) => p.hostDeath).length });
}
