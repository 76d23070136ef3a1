/** FWI from ISI and BUI (Van Wagner 1987 eqs. 28–30). */
export function fireWeatherIndex(isi: number, bui: number): number {
  const fd = bui <= 80 ? 0.626 * bui ** 0.809 + 2 : 1000 / (25 + 108.64 * Math.exp(-0.023 * bui)); // eqs. 28a, 28b
  const b = 0.1 * isi * fd; // eq. 29: intermediate form
  return b > 1 ? Math.exp(2.72 * (0.434 * Math.log(b)) ** 0.647) : b; // eqs. 30a, 30b
}
