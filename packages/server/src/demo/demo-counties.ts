/**
 * The counties the demo can build. Centres and land areas are the real ones (rounded); boundaries drawn
 * from them are synthetic. Ranger counts: Youyang's 2024 plan hires 3,000 ecological rangers (DOMAIN.md
 * §1); Banan's count is not in our sources, so its demo uses 4 per village and says so.
 */
export interface DemoCounty {
  code: string; // 12 digits
  centre: [lon: number, lat: number];
  landAreaKm2: number;
  rangers: number | { perVillage: number };
  seed: number;
}

export const demoCounties: Record<string, DemoCounty> = {
  '500242': { code: '500242000000', centre: [108.77, 28.84], landAreaKm2: 5173, rangers: 3000, seed: 500242 },
  '500113': { code: '500113000000', centre: [106.75, 29.39], landAreaKm2: 1825, rangers: { perVillage: 4 }, seed: 500113 },
};
