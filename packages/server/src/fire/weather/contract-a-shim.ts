// TEMPORARY: contract A (fire-fwi) stand-in until branch fire-fwi lands; removed at the merge. Names are contract A's.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

export interface FwiCodes { ffmc: number; dmc: number; dc: number }
export const defaultFwiStart: FwiCodes = { ffmc: 85, dmc: 6, dc: 15 };
export interface FireWeather { temp: number; rh: number; ws: number; prec: number }
export interface FwiResult extends FwiCodes { isi: number; bui: number; fwi: number; dsr: number }
export type FireDangerLevel = 1 | 2 | 3 | 4 | 5;
export const fireDangerLevelInfo: Record<FireDangerLevel, { name: string; colour: string; warning: boolean }> = {
  1: { name: '低', colour: '#2e9e44', warning: false }, 2: { name: '较低', colour: '#1e6fd9', warning: false }, 3: { name: '较高', colour: '#f2c200', warning: true },
  4: { name: '高', colour: '#f07c00', warning: true }, 5: { name: '极高', colour: '#d62020', warning: true },
};
export interface FireDangerLevelTable { method: 'fwi' | 'lyt1172'; fwiBounds: number[]; source: string }

const le1 = [6.5, 7.5, 9, 12.8, 13.9, 13.9, 12.4, 10.9, 9.4, 8, 7, 6];
const le2 = [7.9, 8.4, 8.9, 9.5, 9.9, 10.2, 10.1, 9.7, 9.1, 8.6, 8.1, 7.8];
const lf = [-1.6, -1.6, -1.6, 0.9, 3.8, 5.8, 6.4, 5, 2.4, 0.4, -1.6, -1.6];

export function fwiDay(p: FwiCodes, w: FireWeather, month: number, latitude: number): FwiResult {
  const { temp, rh, ws, prec } = w;
  let mo = (147.27723 * (101 - p.ffmc)) / (59.5 + p.ffmc);
  if (prec > 0.5) {
    const rf = prec - 0.5;
    mo += 42.5 * rf * Math.exp(-100 / (251 - mo)) * (1 - Math.exp(-6.93 / rf)) + (mo > 150 ? 0.0015 * (mo - 150) ** 2 * Math.sqrt(rf) : 0);
    mo = Math.min(mo, 250);
  }
  const ed = 0.942 * rh ** 0.679 + 11 * Math.exp((rh - 100) / 10) + 0.18 * (21.1 - temp) * (1 - 1 / Math.exp(0.115 * rh));
  const ew = 0.618 * rh ** 0.753 + 10 * Math.exp((rh - 100) / 10) + 0.18 * (21.1 - temp) * (1 - 1 / Math.exp(0.115 * rh));
  let m = mo;
  if (mo < ed && mo < ew) {
    const kl = 0.424 * (1 - ((100 - rh) / 100) ** 1.7) + 0.0694 * Math.sqrt(ws) * (1 - ((100 - rh) / 100) ** 8);
    m = ew - (ew - mo) / 10 ** (kl * 0.581 * Math.exp(0.0365 * temp));
  } else if (mo > ed) {
    const kl = 0.424 * (1 - (rh / 100) ** 1.7) + 0.0694 * Math.sqrt(ws) * (1 - (rh / 100) ** 8);
    m = ed + (mo - ed) / 10 ** (kl * 0.581 * Math.exp(0.0365 * temp));
  }
  const ffmc = Math.min(101, Math.max(0, (59.5 * (250 - m)) / (147.27723 + m)));
  const ell = latitude > 30 ? le1[month - 1]! : le2[month - 1]!;
  const rk = 1.894 * (Math.max(temp, -1.1) + 1.1) * (100 - rh) * ell * 1e-4;
  let pr = p.dmc;
  if (prec > 1.5) {
    const rw = 0.92 * prec - 1.27;
    const wmi = 20 + 280 / Math.exp(0.023 * p.dmc);
    const b = p.dmc <= 33 ? 100 / (0.5 + 0.3 * p.dmc) : p.dmc <= 65 ? 14 - 1.3 * Math.log(p.dmc) : 6.2 * Math.log(p.dmc) - 17.2;
    const wmr = wmi + (1000 * rw) / (48.77 + b * rw);
    pr = 43.43 * (5.6348 - Math.log(wmr - 20));
  }
  const dmc = Math.max(0, Math.max(pr, 0) + rk);
  const pe = Math.max(0, (0.36 * (Math.max(temp, -2.8) + 2.8) + lf[month - 1]!) / 2);
  let dr = p.dc;
  if (prec > 2.8) {
    const rw = 0.83 * prec - 1.27;
    const smi = 800 * Math.exp(-p.dc / 400);
    dr = Math.max(0, p.dc - 400 * Math.log(1 + (3.937 * rw) / smi));
  }
  const dc = Math.max(0, dr + pe);
  const fm = (147.27723 * (101 - ffmc)) / (59.5 + ffmc);
  const isi = 0.208 * Math.exp(0.05039 * ws) * 91.9 * Math.exp(-0.1386 * fm) * (1 + fm ** 5.31 / 49300000);
  const bui1 = dmc === 0 && dc === 0 ? 0 : (0.8 * dc * dmc) / (dmc + 0.4 * dc);
  const pp = dmc === 0 ? 0 : (dmc - bui1) / dmc;
  const bui = bui1 < dmc ? Math.max(0, dmc - (0.92 + (0.0114 * dmc) ** 1.7) * pp) : bui1;
  const bb = bui > 80 ? 0.1 * isi * (1000 / (25 + 108.64 / Math.exp(0.023 * bui))) : 0.1 * isi * (0.626 * bui ** 0.809 + 2);
  const fwi = bb <= 1 ? bb : Math.exp(2.72 * (0.434 * Math.log(bb)) ** 0.647);
  return { ffmc, dmc, dc, isi, bui, fwi, dsr: 0.0272 * fwi ** 1.77 };
}

export function checkFireWeather(w: FireWeather): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  if (!(w.temp >= -50 && w.temp <= 60)) out.push({ field: 'temp', message: '气温应在 -50～60 ℃ 之间' });
  if (!(w.rh >= 0 && w.rh <= 100)) out.push({ field: 'rh', message: '相对湿度应在 0～100 % 之间' });
  if (!(w.ws >= 0 && w.ws <= 200)) out.push({ field: 'ws', message: '风速应在 0～200 km/h 之间' });
  if (!(w.prec >= 0 && w.prec <= 1000)) out.push({ field: 'prec', message: '降水量应在 0～1000 mm 之间' });
  return out;
}

export function fireDangerLevel(inputs: { fwi: number | null; lytIndex: number | null }, table: FireDangerLevelTable):
  { level: FireDangerLevel; method: 'fwi' | 'lyt1172'; value: number; explanation: string } | null {
  if (inputs.fwi === null) return null;
  const level = (1 + table.fwiBounds.filter((b) => inputs.fwi! >= b).length) as FireDangerLevel;
  return { level, method: 'fwi', value: inputs.fwi, explanation: `FWI ${inputs.fwi.toFixed(1)}（${table.source}）` };
}

export async function fireDangerLevelsAt(_date: string, _db?: Kysely<Database>): Promise<FireDangerLevelTable> {
  return { method: 'fwi', fwiBounds: [5.2, 11.2, 21.3, 38], source: 'EFFIS FWI 分级（临时）' };
}
