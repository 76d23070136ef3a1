// Issue 5 §2: yearly versions of the ledger (年度更新) — what changed between two years, per parcel and per unit.

export interface LedgerParcelVersion {
  unitCode: string;
  parcelNo: string;
  landClass: string;
  forestCategory: string | null;
  areaM2: number;
}

export type ParcelChange =
  | { kind: 'added'; unitCode: string; parcelNo: string; to: LedgerParcelVersion }
  | { kind: 'removed'; unitCode: string; parcelNo: string; from: LedgerParcelVersion }
  | { kind: 'changed'; unitCode: string; parcelNo: string; from: LedgerParcelVersion; to: LedgerParcelVersion; fields: ('landClass' | 'forestCategory' | 'area')[] };

export interface LandClassDelta {
  landClass: string;
  fromM2: number;
  toM2: number;
  deltaM2: number;
}

/** A parcel's area is "changed" only beyond this share, so re-digitising noise does not flood the list. */
export const areaChangeTolerance = 0.001;

/** Parcels matched by unit and number between two years; what was added, removed or changed, and how. */
export function parcelChanges(from: readonly LedgerParcelVersion[], to: readonly LedgerParcelVersion[]): ParcelChange[] {
  const key = (p: LedgerParcelVersion) => `${p.unitCode}|${p.parcelNo}`;
  const before = new Map(from.map((p) => [key(p), p]));
  const out: ParcelChange[] = [];
  for (const p of to) {
    const old = before.get(key(p));
    if (!old) {
      out.push({ kind: 'added', unitCode: p.unitCode, parcelNo: p.parcelNo, to: p });
      continue;
    }
    before.delete(key(p));
    const fields: ('landClass' | 'forestCategory' | 'area')[] = [];
    if (old.landClass !== p.landClass) fields.push('landClass');
    if (old.forestCategory !== p.forestCategory) fields.push('forestCategory');
    if (Math.abs(p.areaM2 - old.areaM2) > areaChangeTolerance * Math.max(old.areaM2, 1)) fields.push('area');
    if (fields.length) out.push({ kind: 'changed', unitCode: p.unitCode, parcelNo: p.parcelNo, from: old, to: p, fields });
  }
  for (const old of before.values()) out.push({ kind: 'removed', unitCode: old.unitCode, parcelNo: old.parcelNo, from: old });
  return out.sort((a, b) => a.unitCode.localeCompare(b.unitCode) || a.parcelNo.localeCompare(b.parcelNo));
}

/** Area by land class in each year and the difference, largest change first. */
export function landClassDeltas(from: readonly LedgerParcelVersion[], to: readonly LedgerParcelVersion[]): LandClassDelta[] {
  const sums = new Map<string, LandClassDelta>();
  const row = (c: string) => sums.get(c) ?? sums.set(c, { landClass: c, fromM2: 0, toM2: 0, deltaM2: 0 }).get(c)!;
  for (const p of from) row(p.landClass).fromM2 += p.areaM2;
  for (const p of to) row(p.landClass).toM2 += p.areaM2;
  for (const r of sums.values()) r.deltaM2 = r.toM2 - r.fromM2;
  return [...sums.values()].sort((a, b) => Math.abs(b.deltaM2) - Math.abs(a.deltaM2) || a.landClass.localeCompare(b.landClass));
}
