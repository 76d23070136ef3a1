// DOMAIN.md §3 units: 1 亩 = 10000/15 m²; 1 公顷 = 15 亩; plans count in 万亩.
export const MU_PER_SQUARE_METRE = 15 / 10000;
export const SQUARE_METRES_PER_MU = 10000 / 15;

// Multiply and divide by the exact integers rather than by the rounded constants, so round figures stay round.
export const squareMetresToMu = (m2: number): number => (m2 * 15) / 10000;
export const muToSquareMetres = (mu: number): number => (mu * 10000) / 15;
export const squareMetresToHectares = (m2: number): number => m2 / 10000;

const grouped = (n: number, digits: number): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/**
 * An area as a bureau writes it: 万亩 with two decimals from 10,000 亩 up ('18.20 万亩'), else 亩 with one
 * ('1,234.5 亩'), or two under 10 亩 so that a small plot does not read as nothing ('0.03 亩').
 */
export function formatArea(m2: number): string {
  if (!Number.isFinite(m2)) return '—';
  const mu = squareMetresToMu(m2);
  if (Math.abs(mu) < 0.005) return '0.00 亩'; // no '-0.00 亩' from a rounding residue
  // Decide on the value as it will be printed: 9,999.96 亩 prints as 1.00 万亩, not as 10,000.0 亩.
  if (Math.abs(Math.round(mu * 10) / 10) >= 10000) return `${grouped(mu / 10000, 2)} 万亩`;
  return `${grouped(mu, Math.abs(mu) < 9.995 ? 2 : 1)} 亩`;
}
