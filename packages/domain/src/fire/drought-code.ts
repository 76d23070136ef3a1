import { dcDayLengthFactor } from './day-length.ts';
import type { FireWeather } from './fwi-codes.ts';

/** Today's DC from yesterday's (Van Wagner 1987 eqs. 18–23, as cffdrs computes them). */
export function droughtCode(yesterday: number, w: Pick<FireWeather, 'temp' | 'prec'>, month: number, latitude: number): number {
  let d = yesterday;
  if (w.prec > 2.8) {
    const rd = 0.83 * w.prec - 1.27; // eq. 18: effective rain
    const qo = 800 * Math.exp(-yesterday / 400); // eq. 19: moisture equivalent
    d = Math.max(0, yesterday - 400 * Math.log(1 + (3.937 * rd) / qo)); // eqs. 20–21 combined
  }
  const t = Math.max(w.temp, -2.8);
  // Eq. 22: potential evapotranspiration, not below 0 (cffdrs: no negative drying in winter months).
  const v = Math.max(0, (0.36 * (t + 2.8) + dcDayLengthFactor(month, latitude)) / 2);
  return Math.max(0, d + v);
}
