// DOMAIN.md §3 units: 1 亩 = 10000/15 m²; 1 公顷 = 15 亩; plans count in 万亩.
export const SQUARE_METRES_PER_MU = 10000 / 15;

export const squareMetresToMu = (m2: number): number => m2 / SQUARE_METRES_PER_MU;
export const muToSquareMetres = (mu: number): number => mu * SQUARE_METRES_PER_MU;
export const squareMetresToHectares = (m2: number): number => m2 / 10000;

const format = (n: number, digits: number) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** An area as a bureau writes it: 亩 below 10,000 亩, else 万亩. */
export function formatArea(m2: number): string {
  const mu = squareMetresToMu(m2);
  return mu >= 10000 ? `${format(mu / 10000, 2)} 万亩` : `${format(mu, 1)} 亩`;
}
