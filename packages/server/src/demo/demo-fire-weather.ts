import type { MultiPolygon } from 'geojson';
import { interiorPoint } from '@linzhang/domain';
import type { Store } from '../db/connect.ts';
import { FireWeatherService } from '../fire/weather/service.ts';
import { RuleService } from '../rules/service.ts';
import { viewerOf, type Role } from '../auth/viewer.ts';
import { mulberry32 } from './synthetic-geometry.ts';
import { addDays } from '../fire/weather/fwi-chain.ts';

// Rough noon climate of south-east Chongqing by month (temperature °C, relative humidity %, chance of a rain day):
// synthetic, only to make the demo's weather look like the place.
const climate: [number, number, number][] = [
  [8, 74, 0.35], [10, 70, 0.35], [15, 66, 0.45], [20, 66, 0.5], [24, 68, 0.55], [27, 72, 0.55],
  [30, 68, 0.45], [30, 66, 0.4], [26, 70, 0.4], [19, 76, 0.45], [14, 76, 0.35], [9, 76, 0.3],
];
const STATIONS = 5;
const DAYS = 60; // observed days up to today
const DRY_SPELL = 14; // the last days are a synthetic dry, windy spell so that some towns reach level ≥ 4

/**
 * A few weather stations for the demo county, each serving several towns, with two months of daily fire weather up
 * to `now` and two forecast days, imported through the real service (one CSV, as a bureau would), so that the FWI
 * chain and the towns' daily levels exist. The last weeks are dry and windy so that the ban suggestion has days at
 * level 4 or above to show.
 */
export async function buildDemoFireWeather(store: Store, countyCode: string, now: Date): Promise<{ stations: number; observations: number }> {
  const county = countyCode.slice(0, 6);
  const rng = mulberry32(Number(county) + 61);
  const admin = await store.db.selectFrom('users').selectAll().where('username', '=', 'admin').executeTakeFirstOrThrow();
  const viewer = viewerOf({ id: admin.id, username: admin.username, personId: admin.person_id, roles: JSON.parse(admin.roles) as Role[], scopeUnitCode: `${county}000000` });
  const service = new FireWeatherService(store, () => now, new RuleService(store, () => now));
  const towns = await store.db.selectFrom('units').select(['code', 'short_name', 'geom_json']).where('level', '=', 'town').where('code', 'like', `${county}%`)
    .where('geom_json', 'is not', null).orderBy('code').execute();
  if (!towns.length) return { stations: 0, observations: 0 };
  const size = Math.ceil(towns.length / STATIONS);
  const stations: { code: string; dryness: number }[] = [];
  for (let s = 0; s < STATIONS && s * size < towns.length; s++) {
    // Consecutive towns in code order, and the next group's first town too: that town has two stations.
    const served = towns.slice(s * size, Math.min(towns.length, (s + 1) * size + 1));
    const home = served[0]!;
    const [lon, lat] = interiorPoint(JSON.parse(home.geom_json!) as MultiPolygon)!;
    const code = `${county}Q${String(s + 1).padStart(2, '0')}`;
    const made = await service.createStation(viewer, {
      code, name: `${home.short_name.replace(/(镇|乡|街道)$/, '')}气象站`, lon, lat, elevationM: Math.round(400 + rng() * 600), unitCodes: served.map((t) => t.code),
      note: '演示数据：位置与观测为合成数据',
    });
    if (!made.ok) throw new Error(`demo weather station ${code}: ${JSON.stringify(made.error)}`);
    stations.push({ code, dryness: s / Math.max(1, STATIONS - 1) }); // the later stations are drier and windier
  }
  const today = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  const lines = ['站号,日期,气温,相对湿度,风速,降水量,最高气温,14时湿度,预报'];
  const round1 = (x: number) => Math.round(x * 10) / 10;
  for (const st of stations) {
    for (let i = -(DAYS - 1); i <= 2; i++) {
      const date = addDays(today, i);
      const [t, rh, rainChance] = climate[Number(date.slice(5, 7)) - 1]!;
      const dry = i > -DRY_SPELL;
      const peak = i > -6; // the spell's last days bring strong wind
      const temp = t + (dry ? 3 + 3 * st.dryness : 0) + (rng() - 0.5) * 4;
      const humidity = Math.max(12, Math.min(100, dry ? 44 - 16 * st.dryness + (rng() - 0.5) * 8 : rh + (rng() - 0.5) * 20));
      const wind = dry ? (peak ? 12 + 16 * st.dryness : 8 + 6 * st.dryness) + rng() * 5 : 4 + rng() * 12;
      const rain = !dry && rng() < rainChance ? round1(0.5 - Math.log(1 - rng()) * 7) : 0;
      lines.push([st.code, date, round1(temp), Math.round(humidity), round1(wind), rain, round1(temp + 2 + rng() * 2), Math.round(Math.max(10, humidity - 3)), i > 0 ? '是' : '否'].join(','));
    }
  }
  const r = await service.importFile(viewer, { fileName: '演示气象观测.csv', content: new TextEncoder().encode(lines.join('\n')), commit: true });
  if (!r.ok || !r.value.committed) throw new Error(`demo weather import: ${JSON.stringify(r.ok ? r.value.rows.filter((x) => !x.ok).slice(0, 3) : r.error)}`);
  return { stations: stations.length, observations: r.value.written };
}
