import { isInScope } from '../units/unit-code.ts';

// DOMAIN.md §5: 防火期 (fire season) per unit and year; 防火令 / 禁火令 issued for a period and an area.

export const fireOrderKinds = ['fire_prevention', 'fire_ban'] as const;
export type FireOrderKind = (typeof fireOrderKinds)[number];
export const fireOrderKindNames: Record<FireOrderKind, string> = { fire_prevention: '防火令', fire_ban: '禁火令' };

/** Stored states; `expired` is never stored: an issued order whose period has ended. */
export const fireOrderStatuses = ['draft', 'issued', 'lifted', 'expired'] as const;
export type FireOrderStatus = (typeof fireOrderStatuses)[number];
export const fireOrderStatusNames: Record<FireOrderStatus, string> = { draft: '草稿', issued: '已发布', lifted: '已解除', expired: '已到期' };

export interface FireOrderPeriod {
  status: 'draft' | 'issued' | 'lifted';
  startsAt: string; // ISO UTC
  endsAt: string; // ISO UTC, exclusive
}

/** The status an order shows at `now`: an issued order past its end has expired. */
export function fireOrderStatus(order: FireOrderPeriod, now: string): FireOrderStatus {
  if (order.status === 'issued' && Date.parse(order.endsAt) <= Date.parse(now)) return 'expired';
  return order.status;
}

/** True when an issued order is in force at `now`. */
export const fireOrderInForce = (order: FireOrderPeriod, now: string): boolean =>
  order.status === 'issued' && Date.parse(order.startsAt) <= Date.parse(now) && Date.parse(now) < Date.parse(order.endsAt);

/** True when an order for `areas` covers the unit: the unit is one of them or lies under one (a village of a banned town). */
export const fireOrderCovers = (areas: readonly string[], unitCode: string): boolean => areas.some((a) => isInScope(unitCode, a));

const SHANGHAI = '+08:00';
const dateOnly = /^\d{4}-\d{2}-\d{2}$/;
const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/**
 * A period given in Shanghai days (`2026-03-01` → that day's 00:00) or Shanghai times (`2026-03-01T08:00`) as UTC
 * instants; a day as the end means the end of that day. Null when either end is malformed or the end is not after the start.
 */
export function shanghaiPeriod(from: string, to: string): { startsAt: string; endsAt: string } | null {
  const instant = (text: string, end: boolean): number | null => {
    if (dateOnly.test(text)) {
      const ms = Date.parse(`${text}T00:00:00${SHANGHAI}`);
      if (Number.isNaN(ms) || new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10) !== text) return null;
      return end ? ms + 86_400_000 : ms;
    }
    if (dateTime.test(text)) {
      const ms = Date.parse(`${text}:00${SHANGHAI}`);
      return Number.isNaN(ms) ? null : ms;
    }
    return null;
  };
  const a = instant(from, false);
  const b = instant(to, true);
  if (a === null || b === null || b <= a) return null;
  return { startsAt: new Date(a).toISOString(), endsAt: new Date(b).toISOString() };
}

export interface FireSeason {
  unitCode: string;
  year: number;
  startsOn: string;
  endsOn: string;
}

/** The fire season a unit keeps in a year: its own, else its nearest ancestor's (towns inherit the county's). */
export function fireSeasonFor(unitCode: string, year: number, seasons: readonly FireSeason[]): FireSeason | null {
  let best: FireSeason | null = null;
  for (const s of seasons) {
    if (s.year !== year || !isInScope(unitCode, s.unitCode)) continue;
    if (!best || s.unitCode.replace(/0+$/, '').length > best.unitCode.replace(/0+$/, '').length) best = s;
  }
  return best;
}
