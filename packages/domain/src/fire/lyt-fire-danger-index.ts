/**
 * LY/T 1172-95《全国森林火险天气等级》 factor scores [C] and their combination [U].
 *
 * Score tables as reproduced from the standard in 吕巍伟 等，《林业世界》2020, 9(3)
 * (DOI 10.12677/wjf.2020.93016), 表5–表10: A daily maximum temperature, B 14:00 relative humidity,
 * C consecutive days without rain (5 per day up to 45, 50 from 10 days), E daily maximum wind force
 * (Beaufort, 10 m), F same-day rain. The standard sums ①+②+③+④ and subtracts ⑤ the phenology correction;
 * how the same-day rain score enters and the correction's values were not found [U], so they are part of
 * the configurable table (`LytCombination`) and the page says so.
 */
export interface LytWeather {
  maxTemp: number; // °C, the day's maximum
  rh14: number; // %, relative humidity at 14:00
  noRainDays: number; // whole days since the last rain day (0 = it rained today)
  windForce: number; // Beaufort force 0–12, the day's maximum
  rainMm: number; // today's rain, mm
}

export interface LytCombination {
  /** A day with more rain than this (mm) is a rain day; 表7 注: 0.1 mm counts as no rain. */
  rainDayAboveMm: number;
  /** On a rain day: subtract the same-day rain score F from the sum, or leave it out. [U] */
  rainDay: 'subtract' | 'ignore';
  /** ⑤ Phenology correction (物候订正) by month, January first, subtracted from the sum. [U] */
  phenology: readonly number[];
}

export interface LytScores { a: number; b: number; c: number; e: number; f: number }

// Upper bounds (inclusive) of the classes and their scores.
const stepUp = (value: number, upTo: readonly number[], scores: readonly number[]): number => {
  const i = upTo.findIndex((b) => value <= b);
  return scores[i === -1 ? scores.length - 1 : i]!;
};

/** 表5: ≤5.0 → 0, 5.1–10.0 → 4, 10.1–15.0 → 8, 15.1–20.0 → 12, 20.1–25.0 → 16, above → 20. */
export const maxTemperatureScore = (t: number): number => stepUp(t, [5, 10, 15, 20, 25], [0, 4, 8, 12, 16, 20]);

/** 表6: ≥65 % → 0, 55–64 → 4, 45–54 → 8, 35–44 → 12, 25–34 → 16, ≤24 → 20. */
export const humidityScore = (rh: number): number => (rh >= 65 ? 0 : rh >= 55 ? 4 : rh >= 45 ? 8 : rh >= 35 ? 12 : rh >= 25 ? 16 : 20);

/** 表7: rain today → 0, then 5 per day without rain, 50 from 10 days on. */
export const noRainDaysScore = (days: number): number => Math.min(50, 5 * Math.max(0, Math.floor(days)));

/** 表9: force 0 → 0, each force adds 5, force 8 and above → 40. */
export const windForceScore = (force: number): number => Math.min(40, 5 * Math.max(0, Math.round(force)));

/** 表10: 0.1–9.9 mm → 25, 10.0–16.9 → 30, 17.0–24.9 → 35, 25.0–37.9 → 40, 38.0–74.9 → 45, ≥75 → 50. */
export const sameDayRainScore = (mm: number): number => (mm < 10 ? 25 : mm < 17 ? 30 : mm < 25 ? 35 : mm < 38 ? 40 : mm < 75 ? 45 : 50);

// Beaufort classes by 10 m wind speed (m/s, upper bounds), 表9 up to force 8 and the standard scale beyond.
const beaufortUpTo = [0.2, 1.5, 3.3, 5.4, 7.9, 10.7, 13.8, 17.1, 20.7, 24.4, 28.4, 32.6];

/** Beaufort force 0–12 from a 10 m wind speed in m/s (a station gives speeds, the table wants forces). */
export const windForceFromSpeed = (ms: number): number => {
  const i = beaufortUpTo.findIndex((b) => ms <= b);
  return i === -1 ? 12 : i;
};

/** Default combination [U]: rain days subtract F, no phenology correction until the county sets one. */
export const defaultLytCombination: LytCombination = { rainDayAboveMm: 0.1, rainDay: 'subtract', phenology: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] };

/** The LY/T 1172-95 fire weather index of one day, not below 0, with the factor scores that made it. */
export function lytFireDangerIndex(w: LytWeather, month: number, combination: LytCombination): { index: number; scores: LytScores; phenology: number } {
  const rainDay = w.rainMm > combination.rainDayAboveMm;
  const scores: LytScores = {
    a: maxTemperatureScore(w.maxTemp),
    b: humidityScore(w.rh14),
    c: rainDay ? 0 : noRainDaysScore(w.noRainDays),
    e: windForceScore(w.windForce),
    f: rainDay ? sameDayRainScore(w.rainMm) : 0,
  };
  const phenology = combination.phenology[month - 1] ?? 0;
  const sum = scores.a + scores.b + scores.c + scores.e - (combination.rainDay === 'subtract' ? scores.f : 0) - phenology;
  return { index: Math.max(0, sum), scores, phenology };
}
