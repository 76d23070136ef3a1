import { describe, expect, it } from 'vitest';
import { fireOrderCovers, fireOrderInForce, fireOrderStatus, fireSeasonFor, shanghaiPeriod } from './fire-ban-orders.ts';
import { checkFireBanRules, defaultFireBanRules } from './fire-ban-rules.ts';

// DOMAIN.md §5 "防火期 (fire season), 防火令 / 禁火令 issued for a period and area".
describe('fire orders and seasons (DOMAIN.md §5)', () => {
  it('covers a village inside a banned town, not the next town', () => {
    expect(fireOrderCovers(['500242101000'], '500242101200')).toBe(true);
    expect(fireOrderCovers(['500242101000'], '500242101000')).toBe(true);
    expect(fireOrderCovers(['500242101000'], '500242102001')).toBe(false);
    expect(fireOrderCovers(['500242000000'], '500242102001')).toBe(true);
  });

  it('reads Shanghai days and times as UTC instants, a day as the end meaning its end', () => {
    expect(shanghaiPeriod('2026-03-01', '2026-03-03')).toEqual({ startsAt: '2026-02-28T16:00:00.000Z', endsAt: '2026-03-03T16:00:00.000Z' });
    expect(shanghaiPeriod('2026-03-01T08:00', '2026-03-01T18:30')).toEqual({ startsAt: '2026-03-01T00:00:00.000Z', endsAt: '2026-03-01T10:30:00.000Z' });
    expect(shanghaiPeriod('2026-03-03', '2026-03-01')).toBeNull();
    expect(shanghaiPeriod('2026-02-30', '2026-03-01')).toBeNull();
  });

  it('is in force only when issued and inside its period, and shows expired after it', () => {
    const order = { status: 'issued' as const, startsAt: '2026-03-01T00:00:00Z', endsAt: '2026-03-04T00:00:00Z' };
    expect(fireOrderInForce(order, '2026-03-02T00:00:00Z')).toBe(true);
    expect(fireOrderInForce(order, '2026-03-04T00:00:00Z')).toBe(false);
    expect(fireOrderInForce({ ...order, status: 'draft' }, '2026-03-02T00:00:00Z')).toBe(false);
    expect(fireOrderStatus(order, '2026-03-05T00:00:00Z')).toBe('expired');
    expect(fireOrderStatus({ ...order, status: 'lifted' }, '2026-03-05T00:00:00Z')).toBe('lifted');
  });

  it('gives a town the county’s season unless it sets its own', () => {
    const seasons = [
      { unitCode: '500242000000', year: 2026, startsOn: '2026-01-01', endsOn: '2026-05-31' },
      { unitCode: '500242101000', year: 2026, startsOn: '2026-01-15', endsOn: '2026-06-15' },
      { unitCode: '500242000000', year: 2025, startsOn: '2025-01-01', endsOn: '2025-05-31' },
    ];
    expect(fireSeasonFor('500242102000', 2026, seasons)?.startsOn).toBe('2026-01-01');
    expect(fireSeasonFor('500242101200', 2026, seasons)?.startsOn).toBe('2026-01-15');
    expect(fireSeasonFor('500242101200', 2027, seasons)).toBeNull();
  });

  it('checks the suggestion rule', () => {
    expect(checkFireBanRules(defaultFireBanRules)).toEqual([]);
    expect(checkFireBanRules({ ...defaultFireBanRules, minLevel: 6, minDays: 0 }).map((f) => f.path)).toEqual(['/minLevel', '/minDays']);
  });
});
