import { moistureFromFfmc } from './fwi-codes.ts';

/** ISI from today's FFMC and wind (km/h) (Van Wagner 1987 eqs. 24–26; cffdrs's fwi() without its FBP wind cap). */
export function initialSpreadIndex(ffmc: number, ws: number): number {
  const m = moistureFromFfmc(ffmc);
  const fw = Math.exp(0.05039 * ws); // eq. 24
  const ff = 91.9 * Math.exp(-0.1386 * m) * (1 + m ** 5.31 / 4.93e7); // eq. 25
  return 0.208 * fw * ff; // eq. 26
}
