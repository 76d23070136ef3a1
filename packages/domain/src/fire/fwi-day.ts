import { buildupIndex } from './buildup-index.ts';
import { dailySeverityRating } from './daily-severity-rating.ts';
import { droughtCode } from './drought-code.ts';
import { duffMoistureCode } from './duff-moisture-code.ts';
import { fineFuelMoistureCode } from './fine-fuel-moisture-code.ts';
import { fireWeatherIndex } from './fire-weather-index.ts';
import type { FireWeather, FwiCodes } from './fwi-codes.ts';
import { initialSpreadIndex } from './initial-spread-index.ts';

export interface FwiResult extends FwiCodes {
  isi: number; // Initial Spread Index 初始蔓延指数
  bui: number; // Buildup Index 累积指数
  fwi: number; // Fire Weather Index 火险天气指数
  dsr: number; // Daily Severity Rating 日严重度
}

/**
 * One day of the FWI system: yesterday's codes + today's noon weather → today's codes and indices.
 * `month` 1–12 and `latitude` (degrees, north positive) choose the day-length factors. The weather must
 * pass `checkFireWeather`; this is the calculation only.
 */
export function fwiDay(previous: FwiCodes, weather: FireWeather, month: number, latitude: number): FwiResult {
  const ffmc = fineFuelMoistureCode(previous.ffmc, weather);
  const dmc = duffMoistureCode(previous.dmc, weather, month, latitude);
  const dc = droughtCode(previous.dc, weather, month, latitude);
  const isi = initialSpreadIndex(ffmc, weather.ws);
  const bui = buildupIndex(dmc, dc);
  const fwi = fireWeatherIndex(isi, bui);
  return { ffmc, dmc, dc, isi, bui, fwi, dsr: dailySeverityRating(fwi) };
}
