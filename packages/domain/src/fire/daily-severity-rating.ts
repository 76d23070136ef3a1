/** DSR = 0.0272 × FWI^1.77 (DOMAIN.md §5; Van Wagner 1987 eq. 31). */
export function dailySeverityRating(fwi: number): number {
  return 0.0272 * fwi ** 1.77;
}
