import { isInScope } from '../units/unit-code.ts';
import { infrastructureKindInfo, type InfrastructureStatus, type InfrastructureTargetKind } from './fire-infrastructure-kinds.ts';

// Issue 6 §7 and DOMAIN.md §10 (a plan's tasks carry quantities, e.g. 视频监控点位 82个; DOMAIN.md §5 seed 2023
// Banan): the counts and lengths of fire-prevention works per unit set against the plan's targets. A unit's
// figure includes everything in its subtree (a town's includes its villages).

/** One registered work (or 十户联防 group) as progress sees it. */
export interface InfrastructureMeasure {
  unitCode: string;
  kind: InfrastructureTargetKind;
  status: InfrastructureStatus;
  builtYear: number | null;
  /** Lines only: length in metres on the ellipsoid. */
  lengthM: number | null;
}

/**
 * A target for a unit, kind and year: `new` = to be built in that year (the usual plan wording 新建…), `total` =
 * in service at the end of that year.
 */
export interface InfrastructureTarget {
  unitCode: string;
  kind: InfrastructureTargetKind;
  year: number;
  value: number;
  basis: 'new' | 'total';
  source: string | null;
}

export type InfrastructureProgressStatus = 'met' | 'ahead' | 'behind';

export interface InfrastructureProgressRow {
  unitCode: string;
  kind: InfrastructureTargetKind;
  /** Built and counted against the target (km for lines, a count otherwise), subtree included. */
  actual: number;
  /** Under construction now (same measure), not yet counted. */
  building: number;
  target: number | null;
  /** `own`: set for the unit; `descendants`: the sum of the targets set for units below it; null: none. */
  targetFrom: 'own' | 'descendants' | null;
  basis: 'new' | 'total' | null;
  /** The target scaled to the share of the year gone by `asOf` (all of it for a past year). */
  expected: number | null;
  /** met: actual ≥ target; ahead: on or ahead of the year's pace; behind: short of it. */
  status: InfrastructureProgressStatus | null;
  sources: string[];
}

/** The share of `year` gone by `asOf` (YYYY-MM-DD, Asia/Shanghai): 0 before it, 1 after it. */
export function yearElapsed(year: number, asOf: string): number {
  const y = Number(asOf.slice(0, 4));
  if (year < y) return 1;
  if (year > y) return 0;
  const start = Date.UTC(year, 0, 1), end = Date.UTC(year + 1, 0, 1);
  const day = Date.UTC(y, Number(asOf.slice(5, 7)) - 1, Number(asOf.slice(8, 10))) + 86_400_000; // the day itself counts as gone
  return Math.min(1, (day - start) / (end - start));
}

const measureOf = (m: InfrastructureMeasure): number => (infrastructureKindInfo[m.kind].measure === 'km' ? (m.lengthM ?? 0) / 1000 : 1);

const counts = (m: InfrastructureMeasure, year: number, basis: 'new' | 'total'): boolean =>
  m.status === 'built' && (basis === 'new' ? m.builtYear === year : m.builtYear === null || m.builtYear <= year);

/** The unit's own target, else the sum of the highest targets set below it (one basis only, else none). */
function targetOf(unitCode: string, kind: InfrastructureTargetKind, targets: InfrastructureTarget[]): { list: InfrastructureTarget[]; from: 'own' | 'descendants' } | null {
  const forKind = targets.filter((t) => t.kind === kind);
  const own = forKind.find((t) => t.unitCode === unitCode);
  if (own) return { list: [own], from: 'own' };
  const below = forKind.filter((t) => t.unitCode !== unitCode && isInScope(t.unitCode, unitCode));
  const highest = below.filter((t) => !below.some((o) => o !== t && o.unitCode !== t.unitCode && isInScope(t.unitCode, o.unitCode)));
  if (!highest.length || new Set(highest.map((t) => t.basis)).size > 1) return null;
  return { list: highest, from: 'descendants' };
}

/**
 * Progress of `year` per unit and kind, as of `asOf`: a row for every unit of `unitCodes` and every kind that has
 * something built, building or a target. Targets of other years are ignored.
 */
export function infrastructureProgress(
  unitCodes: string[],
  items: InfrastructureMeasure[],
  targets: InfrastructureTarget[],
  year: number,
  asOf: string,
): InfrastructureProgressRow[] {
  const ofYear = targets.filter((t) => t.year === year);
  const elapsed = yearElapsed(year, asOf);
  const rows: InfrastructureProgressRow[] = [];
  for (const unitCode of unitCodes) {
    const inUnit = items.filter((m) => isInScope(m.unitCode, unitCode));
    for (const kind of Object.keys(infrastructureKindInfo) as InfrastructureTargetKind[]) {
      const mine = inUnit.filter((m) => m.kind === kind);
      const t = targetOf(unitCode, kind, ofYear);
      const basis = t?.list[0]!.basis ?? null;
      const actual = mine.filter((m) => counts(m, year, basis ?? 'total')).reduce((s, m) => s + measureOf(m), 0);
      const building = mine.filter((m) => m.status === 'building').reduce((s, m) => s + measureOf(m), 0);
      if (!t && actual === 0 && building === 0) continue;
      const target = t ? t.list.reduce((s, x) => s + x.value, 0) : null;
      const expected = target === null ? null : target * elapsed;
      const status: InfrastructureProgressStatus | null =
        target === null ? null : actual >= target - 1e-9 ? 'met' : actual >= expected! - 1e-9 ? 'ahead' : 'behind';
      rows.push({
        unitCode, kind, actual, building, target, targetFrom: t?.from ?? null, basis, expected, status,
        sources: [...new Set((t?.list ?? []).flatMap((x) => (x.source ? [x.source] : [])))],
      });
    }
  }
  return rows;
}
