import type { DisasterParcel } from './disaster-rate.ts';

// DOMAIN.md §6: host death → the whole 小班 counts as disaster area [C]. This turns what was recorded in a year
// (小班 with a pine dead of pine wilt disease, occurrences of other pests) into the 小班 list `disasterRate` sums:
// one entry per 小班, host death if anything killed its host there; the occurrences' disaster areas of one 小班
// are added up to at most the 小班 (two pests may share ground; never more than the 小班 itself); an occurrence
// without a 小班 counts its own disaster area.

export interface HostDeathParcel {
  key: string; // the 小班 (village code / 小班 number: the same across ledger years)
  areaM2: number;
}

export interface OccurrenceDisaster {
  id: string;
  parcelKey: string | null;
  parcelAreaM2: number | null;
  disasterAreaM2: number;
  hostDeath: boolean;
}

export function disasterParcels(hostDeaths: readonly HostDeathParcel[], occurrences: readonly OccurrenceDisaster[]): DisasterParcel[] {
  const byKey = new Map<string, DisasterParcel>();
  const at = (key: string, areaM2: number) => {
    const p = byKey.get(key) ?? { code: key, areaM2, hostDeath: false, disasterAreaM2: 0 };
    p.areaM2 = Math.max(p.areaM2, areaM2); // two ledger years may give the same 小班 slightly different areas
    byKey.set(key, p);
    return p;
  };
  for (const h of hostDeaths) at(h.key, h.areaM2).hostDeath = true;
  const loose: DisasterParcel[] = [];
  for (const o of occurrences) {
    if (o.parcelKey === null || o.parcelAreaM2 === null) {
      loose.push({ code: o.id, areaM2: o.disasterAreaM2, hostDeath: false, disasterAreaM2: o.disasterAreaM2 });
      continue;
    }
    const p = at(o.parcelKey, o.parcelAreaM2);
    if (o.hostDeath) p.hostDeath = true;
    p.disasterAreaM2 += o.disasterAreaM2;
  }
  for (const p of byKey.values()) p.disasterAreaM2 = Math.min(p.disasterAreaM2, p.areaM2);
  return [...byKey.values(), ...loose];
}

/** The 二类调查 land classes of the rate's base: 有林地 (乔木林地, 竹林地) and 未成林造林地 (DOMAIN.md §3, §6). */
export const disasterBaseLandClasses = { forest: ['0111', '0113'], unforested: ['0141'] } as const;
