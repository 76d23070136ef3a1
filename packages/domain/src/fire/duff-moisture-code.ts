import { dmcDayLength } from './day-length.ts';
import type { FireWeather } from './fwi-codes.ts';

/** Today's DMC from yesterday's (Van Wagner 1987 eqs. 11–16, in cffdrs's form of eqs. 12 and 15). */
export function duffMoistureCode(yesterday: number, w: Pick<FireWeather, 'temp' | 'rh' | 'prec'>, month: number, latitude: number): number {
  let po = yesterday;
  if (w.prec > 1.5) {
    const re = 0.92 * w.prec - 1.27; // eq. 11: effective rain
    const mo = 20 + 280 / Math.exp(0.023 * yesterday); // eq. 12 as cffdrs writes it
    const b = yesterday <= 33 ? 100 / (0.5 + 0.3 * yesterday) : yesterday <= 65 ? 14 - 1.3 * Math.log(yesterday) : 6.2 * Math.log(yesterday) - 17.2; // eqs. 13a–c
    const mr = mo + (1000 * re) / (48.77 + b * re); // eq. 14
    po = Math.max(0, 43.43 * (5.6348 - Math.log(mr - 20))); // eq. 15 as cffdrs writes it
  }
  const t = Math.max(w.temp, -1.1);
  const k = 1.894 * (t + 1.1) * (100 - w.rh) * dmcDayLength(month, latitude) * 1e-4; // eq. 16: drying
  return Math.max(0, po + k);
}
