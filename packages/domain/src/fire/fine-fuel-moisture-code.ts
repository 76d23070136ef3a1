import { ffmcMoistureConstant, moistureFromFfmc, type FireWeather } from './fwi-codes.ts';

/** Today's FFMC from yesterday's and noon weather (Van Wagner 1987 eqs. 1–10, cffdrs constants). */
export function fineFuelMoistureCode(yesterday: number, w: FireWeather): number {
  let mo = moistureFromFfmc(yesterday);
  if (w.prec > 0.5) {
    // Eq. 2: the first 0.5 mm is held by the canopy; eqs. 3a/3b: wetting by the rest.
    const rf = w.prec - 0.5;
    const wetting = 42.5 * rf * Math.exp(-100 / (251 - mo)) * (1 - Math.exp(-6.93 / rf));
    mo = mo > 150 ? mo + wetting + 0.0015 * (mo - 150) ** 2 * Math.sqrt(rf) : mo + wetting;
    mo = Math.min(mo, 250);
  }
  const { temp, rh, ws } = w;
  const common = 0.18 * (21.1 - temp) * (1 - Math.exp(-0.115 * rh));
  const ed = 0.942 * rh ** 0.679 + 11 * Math.exp((rh - 100) / 10) + common; // eq. 4: drying equilibrium
  const ew = 0.618 * rh ** 0.753 + 10 * Math.exp((rh - 100) / 10) + common; // eq. 5: wetting equilibrium
  let m = mo;
  if (mo > ed) {
    // Drying towards ed (eqs. 6a, 6b, 8).
    const ko = 0.424 * (1 - (rh / 100) ** 1.7) + 0.0694 * Math.sqrt(ws) * (1 - (rh / 100) ** 8);
    m = ed + (mo - ed) / 10 ** (ko * 0.581 * Math.exp(0.0365 * temp));
  } else if (mo < ed && mo < ew) {
    // Wetting towards ew by absorbing humidity (eqs. 7a, 7b, 9).
    const dry = (100 - rh) / 100;
    const kl = 0.424 * (1 - dry ** 1.7) + 0.0694 * Math.sqrt(ws) * (1 - dry ** 8);
    m = ew - (ew - mo) / 10 ** (kl * 0.581 * Math.exp(0.0365 * temp));
  }
  const ffmc = (59.5 * (250 - m)) / (ffmcMoistureConstant + m); // eq. 10
  return Math.min(101, Math.max(0, ffmc));
}
