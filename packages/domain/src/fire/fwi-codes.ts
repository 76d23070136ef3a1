/** Yesterday's three moisture codes of the Canadian FWI system (Van Wagner 1987). */
export interface FwiCodes {
  ffmc: number; // Fine Fuel Moisture Code 细小可燃物湿度码
  dmc: number; // Duff Moisture Code 腐殖质湿度码
  dc: number; // Drought Code 干旱码
}

/** Noon weather of one day: temperature °C, relative humidity %, wind km/h (10 m), rain over the last 24 h in mm. */
export interface FireWeather {
  temp: number;
  rh: number;
  ws: number;
  prec: number;
}

/** DOMAIN.md §5: the start-up codes when no yesterday is known (spring start, Van Wagner 1987). */
export const defaultFwiStart: FwiCodes = { ffmc: 85, dmc: 6, dc: 15 };

/**
 * Moisture content (%) ↔ FFMC. cffdrs uses 250 × 59.5 / 101 = 147.27723 where Van Wagner 1987 prints 147.2,
 * so that FFMC 101 ↔ 0 % and FFMC 0 ↔ 250 % exactly; DOMAIN.md §5 says follow cffdrs.
 */
export const ffmcMoistureConstant = (250 * 59.5) / 101;

export const moistureFromFfmc = (ffmc: number): number => (ffmcMoistureConstant * (101 - ffmc)) / (59.5 + ffmc);
