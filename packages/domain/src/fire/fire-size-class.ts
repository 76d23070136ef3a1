// DOMAIN.md §5, fire size classes [C] (国家森林草原火灾应急预案 灾害分级, by forest area burned 受害森林面积):
// < 1 ha 一般, 1–100 ha 较大, 100–1000 ha 重大, ≥ 1000 ha 特别重大 (a lower bound belongs to the class above it).
// The plan also grades by casualties; DOMAIN.md gives only the area classes, so only those are computed here.

export const fireSizeClasses = ['general', 'larger', 'major', 'especially_major'] as const;
export type FireSizeClass = (typeof fireSizeClasses)[number];
export const fireSizeClassNames: Record<FireSizeClass, string> = { general: '一般', larger: '较大', major: '重大', especially_major: '特别重大' };

/** The class of a fire from its burned forest area in hectares (null when the area is not known yet). */
export function fireSizeClass(forestBurnedHa: number | null): FireSizeClass | null {
  if (forestBurnedHa === null || !Number.isFinite(forestBurnedHa) || forestBurnedHa < 0) return null;
  if (forestBurnedHa < 1) return 'general';
  if (forestBurnedHa < 100) return 'larger';
  if (forestBurnedHa < 1000) return 'major';
  return 'especially_major';
}
