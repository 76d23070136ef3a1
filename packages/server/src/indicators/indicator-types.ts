import type { IndicatorKey } from '@linzhang/domain';
import type { Viewer } from '../auth/viewer.ts';
import type { ServiceResult } from '../http/problem.ts';

/** One unit's value of an indicator, with what it was computed from and where the records behind it are. */
export interface IndicatorReading {
  unitCode: string;
  unitName: string;
  /** null when there is nothing to compute it from (no duty periods, no ledger year, no cases …). */
  value: number | null;
  /** For rates: the counted and the counted-among (cases closed / cases), in their own units; else null. */
  numerator: number | null;
  denominator: number | null;
  /** Why the value is null, or what it rests on (e.g. 一本账 2024 年度), in Chinese. */
  note: string | null;
  /** The web page (path and query) that lists the records this value counts. */
  link: string;
}

export interface IndicatorResult {
  key: IndicatorKey;
  name: string;
  unit: string;
  better: 'higher' | 'lower';
  basis: string;
  /** The range asked (YYYY-MM-DD, both inclusive, Asia/Shanghai) and when it was computed. */
  from: string;
  to: string;
  asOf: string;
  /** The unit asked (its whole subtree) and each unit one level below it (towns for a county). */
  total: IndicatorReading;
  children: IndicatorReading[];
}

export interface IndicatorQuery {
  key: IndicatorKey;
  /** The unit; the viewer's scope unit when left out. */
  unit?: string | undefined;
  from: string;
  to: string;
}

/**
 * What reads an indicator over the records (`IndicatorService`, `./service.ts`): targets (§2), the assessment (§3)
 * and the dashboard (§5) take it by this interface.
 */
export interface IndicatorSource {
  read(viewer: Viewer, query: IndicatorQuery): Promise<ServiceResult<IndicatorResult>>;
}
