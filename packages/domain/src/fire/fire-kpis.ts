import { fireSizeClass } from './fire-size-class.ts';
import type { FireStatus } from './fire-timeline.ts';

// DOMAIN.md §5, Chongqing KPIs [C]: ordinary fires (一般森林火灾) out within 24 h in more than 95 % of cases; fire
// damage rate (森林火灾受害率) within 0.3‰ = burned forest area ÷ forest area × 1000.
export const ordinaryOutWithin24hTarget = 0.95;
export const damageRateTargetPermille = 0.3;
const DAY = 86_400_000;

export interface FireForKpi {
  status: FireStatus;
  discoveredAt: string;
  outAt: string | null;
  forestBurnedHa: number | null;
}

export interface FireKpis {
  fires: number; // real fires (not false alarms or dismissed)
  ordinaryFires: number; // 一般 fires whose 24 h are decided (out, or burning for more than 24 h)
  ordinaryOutWithin24h: number;
  ordinaryUndecided: number; // 一般 fires burning for less than 24 h at `asOf`
  shareOutWithin24h: number | null;
  meetsOutWithin24h: boolean | null;
  burnedForestHa: number;
  forestAreaHa: number | null;
  damageRatePermille: number | null;
  meetsDamageRate: boolean | null;
}

/** The two KPIs for a set of fire records as of `asOf`; the forest area (ha) of the territory is passed in. */
export function fireKpis(fires: readonly FireForKpi[], forestAreaHa: number | null, asOf: string): FireKpis {
  const real = fires.filter((f) => f.status !== 'false_alarm' && f.status !== 'dismissed');
  let decided = 0, within = 0, undecided = 0, burned = 0;
  for (const f of real) {
    burned += f.forestBurnedHa ?? 0;
    // A fire whose area is not yet known counts as ordinary: most fires are, and it must not escape the KPI.
    if ((fireSizeClass(f.forestBurnedHa) ?? 'general') !== 'general') continue;
    const start = Date.parse(f.discoveredAt);
    if (f.outAt) {
      decided++;
      if (Date.parse(f.outAt) - start <= DAY) within++;
    } else if (Date.parse(asOf) - start > DAY) decided++;
    else undecided++;
  }
  const share = decided ? within / decided : null;
  const rate = forestAreaHa && forestAreaHa > 0 ? (burned / forestAreaHa) * 1000 : null;
  return {
    fires: real.length, ordinaryFires: decided, ordinaryOutWithin24h: within, ordinaryUndecided: undecided,
    shareOutWithin24h: share, meetsOutWithin24h: share === null ? null : share > ordinaryOutWithin24hTarget,
    burnedForestHa: Math.round(burned * 10_000) / 10_000, forestAreaHa: forestAreaHa ?? null,
    damageRatePermille: rate, meetsDamageRate: rate === null ? null : rate <= damageRateTargetPermille,
  };
}
