import type { FireWeather } from './fwi-codes.ts';

export interface FireWeatherFinding {
  field: keyof FireWeather;
  message: string;
}

// Beyond the recorded extremes of inhabited places (56.7 °C Death Valley, −67.8 °C Oymyakon) a reading is a
// unit or sensor error, not weather; the FWI equations would still return numbers, so refuse it here.
const minTemp = -70;
const maxTemp = 60;

/** What is wrong with one day's noon weather (empty = fine); Chinese messages, one per bad field. */
export function checkFireWeather(w: FireWeather): FireWeatherFinding[] {
  const out: FireWeatherFinding[] = [];
  const finite = (field: keyof FireWeather, name: string): boolean => {
    const v: unknown = w[field];
    if (typeof v === 'number' && Number.isFinite(v)) return true;
    out.push({ field, message: `${name}缺失或不是数值` });
    return false;
  };
  if (finite('temp', '气温') && (w.temp < minTemp || w.temp > maxTemp)) out.push({ field: 'temp', message: `气温 ${w.temp} °C 不合理（应在 ${minTemp}–${maxTemp} °C 之间）` });
  if (finite('rh', '相对湿度') && (w.rh < 0 || w.rh > 100)) out.push({ field: 'rh', message: `相对湿度 ${w.rh}% 超出 0–100%` });
  if (finite('ws', '风速') && w.ws < 0) out.push({ field: 'ws', message: `风速 ${w.ws} km/h 不能为负` });
  if (finite('prec', '降水量') && w.prec < 0) out.push({ field: 'prec', message: `降水量 ${w.prec} mm 不能为负` });
  return out;
}
