/** BUI from today's DMC and DC (Van Wagner 1987 eqs. 27a, 27b). */
export function buildupIndex(dmc: number, dc: number): number {
  if (dmc === 0 && dc === 0) return 0;
  const u = (0.8 * dmc * dc) / (dmc + 0.4 * dc); // eq. 27a
  if (u >= dmc) return u;
  // Eq. 27b: when the DC is small relative to the DMC, the BUI follows the DMC.
  const p = dmc === 0 ? 0 : (dmc - u) / dmc;
  return Math.max(0, dmc - p * (0.92 + (0.0114 * dmc) ** 1.7));
}
