import { fireOrderKindNames, fireOrderStatusNames, type FireOrderKind, type FireOrderStatus } from '@linzhang/domain';

export { fireOrderKindNames, fireOrderStatusNames };

/** QX/T 77-2007 colours of the five fire danger levels (DOMAIN.md §5). */
export const dangerLevelColours: Record<number, string> = { 1: '#2e9e44', 2: '#2f6fd6', 3: '#e0b400', 4: '#f07800', 5: '#d4202a' };
export const dangerLevelNames: Record<number, string> = { 1: '低', 2: '较低', 3: '较高', 4: '高', 5: '极高' };
export const orderStatusColours: Record<FireOrderStatus, string> = { draft: 'default', issued: 'red', lifted: 'green', expired: 'default' };

export interface FireOrder {
  id: string; countyCode: string; kind: FireOrderKind; docNo: string; title: string; body: string; startsAt: string; endsAt: string; areas: string[]; areaNames: string[];
  issuer: string; status: FireOrderStatus; inForce: boolean; suggestionId: string | null; issuedAt: string | null; liftedAt: string | null; liftReason: string | null;
}

/** An order's period in Shanghai time; an end at midnight is shown as the whole previous day. */
export function orderPeriod(o: Pick<FireOrder, 'startsAt' | 'endsAt'>): string {
  const local = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
  const from = local(o.startsAt);
  const to = local(o.endsAt);
  if (from.endsWith('00:00') && to.endsWith('00:00')) {
    const last = new Date(Date.parse(o.endsAt) + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
    return `${from.slice(0, 10)} 至 ${last}`;
  }
  return `${from} 至 ${to}`;
}
