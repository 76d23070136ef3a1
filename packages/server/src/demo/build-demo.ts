import type { MultiPolygon, Position } from 'geojson';
import { ellipsoidalArea, shortUnitName, unitKindOf } from '@linzhang/domain';
import type { Store } from '../db/connect.ts';
import { UnitRepository, type UnitRow } from '../units/repository.ts';
import { OrganisationRepository, type Organisation } from '../organisations/repository.ts';
import { PersonRepository, type Person } from '../people/repository.ts';
import { PostRepository, type PostRecord } from '../posts/repository.ts';
import { AreaRepository, type AreaWithGeometry } from '../areas/repository.ts';
import { AuthRepository, type NewUser } from '../auth/repository.ts';
import { hashPassword } from '../auth/password.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Role } from '../auth/viewer.ts';
import { chongqingDivisions } from './divisions.ts';
import { demoCounties, type DemoCounty } from './demo-counties.ts';
import { countyOutline, mulberry32, partitionRing } from './synthetic-geometry.ts';
import { syntheticName, syntheticPhone } from './synthetic-people.ts';
import { buildDemoPatrols, type DemoPatrolSummary } from './demo-patrols.ts';
import { buildDemoProblems, type DemoProblemSummary } from './demo-problems.ts';
import { buildDemoLogging, type DemoLoggingSummary } from './demo-logging.ts';
import { buildDemoCompensation } from './demo-compensation.ts';
import { buildDemoTrees } from './demo-trees.ts';
import { buildDemoFireWeather } from './demo-fire-weather.ts';
import { buildDemoFires } from './demo-fires.ts';
import { buildDemoFireInfrastructure } from './demo-fire-infrastructure.ts';
import { buildDemoLandUse } from './demo-land-use.ts';
import { buildDemoDevices } from './demo-devices.ts';
import { buildDemoParcels } from './demo-parcels.ts';
import { buildDemoFireBansEntry } from './demo-fire-bans-entry.ts';
import { buildDemoTracking, buildDemoWorkplans } from './demo-workplans.ts';
import { buildDemoDeadTrees } from './demo-dead-trees.ts';
import { buildDemoPestQuarantine, type DemoPestQuarantineSummary } from './demo-pest-quarantine.ts';
import { buildDemoPestSurveys, type DemoPestSurveySummary } from './demo-pest-surveys.ts';
import { buildDemoWildlife, type DemoWildlifeSummary } from './demo-wildlife.ts';
import { buildDemoCarbon, type DemoCarbonSummary } from './demo-carbon.ts';

export const DEMO_PASSWORD = 'demo123';
export const DEMO_ADMIN = { username: 'admin', password: 'admin123' };
const TERM_START = '2024-01-01';

export interface DemoSummary {
  county: { code: string; name: string };
  towns: number;
  villages: number;
  users: number;
  rangers: number;
  skipped: boolean;
  activity: DemoPatrolSummary | null;
  problems: DemoProblemSummary | null;
  parcels: number;
  logging?: DemoLoggingSummary | null;
  compensation?: { batches: number; lines: number } | null;
  trees?: number;
  fires?: number;
  landUse?: number;
  fireBansEntry?: { points: number; entries: number } | null;
  fireWeather?: { stations: number; observations: number } | null;
  devices?: number;
  fireInfrastructure?: { works: number; groups: number; targets: number } | null;
  workplanTargets?: number;
  /** Plan targets tracked and assessment schemes made (issue 8 §2–§3). */
  workplanTracking?: { tracked: number; schemes: number } | null;
  deadTrees?: number;
  pestQuarantine?: DemoPestQuarantineSummary | null;
  pestSurveys?: DemoPestSurveySummary | null;
  wildlife?: DemoWildlifeSummary | null;
  carbon?: DemoCarbonSummary | null;
}

type Ring = Position[];
const multi = (ring: Ring): MultiPolygon => ({ type: 'MultiPolygon', coordinates: [[ring]] });

/** Builds one demo county (real NBS towns and villages, synthetic boundaries, people and accounts). */
export async function buildDemo(
  store: Store,
  countyCode6: string,
  now: Date = new Date(),
  /** parcels: how many 小班 the ledger gets (default 16 a village; the full county is ~100,000). */
  options: { activity?: boolean; activityDays?: number; parcels?: number } = {},
): Promise<DemoSummary> {
  const config: DemoCounty | undefined = demoCounties[countyCode6];
  if (!config) throw new Error(`No demo for county ${countyCode6}; choose one of ${Object.keys(demoCounties).join(', ')}`);
  const divisions = chongqingDivisions();
  const county = divisions.counties.find(([code]) => code === config.code);
  if (!county) throw new Error(`County ${config.code} is not in the Chongqing division seed`);
  const towns = divisions.towns.filter(([code]) => code.startsWith(countyCode6));
  const villagesOf = (town: string) => divisions.villages.filter(([code]) => code.startsWith(town.slice(0, 9)));
  const at = now.toISOString();
  const rng = mulberry32(config.seed);

  const existing = await store.db.selectFrom('units').select('code').where('code', '=', config.code).executeTakeFirst();
  if (existing) {
    return { county: { code: config.code, name: county[1] }, towns: towns.length, villages: 0, users: 0, rangers: 0, skipped: true, activity: null, problems: null, parcels: 0, logging: null };
  }
  const [passwordHash, adminHash] = await Promise.all([hashPassword(DEMO_PASSWORD), hashPassword(DEMO_ADMIN.password)]);

  // Geometry: a county outline of the real land area, cut into towns, each cut into its villages.
  const radiusKm = Math.sqrt(config.landAreaKm2 / Math.PI);
  const outline = countyOutline({ centre: config.centre, radiusKm, rng });
  const townRings = partitionRing(outline, towns.length, rng);

  const units: UnitRow[] = [];
  const unitRow = (code: string, name: string, level: UnitRow['level'], parentCode: string | null, ring: Ring | null): UnitRow => {
    const geometry = ring ? multi(ring) : null;
    const shortName = shortUnitName(name);
    return { code, name, shortName, level, kind: unitKindOf(shortName), parentCode, areaM2: geometry ? ellipsoidalArea(geometry) : null, geometry };
  };
  const [provinceCode, provinceName] = divisions.province;
  const hasProvince = await store.db.selectFrom('units').select('code').where('code', '=', provinceCode).executeTakeFirst();
  if (!hasProvince) units.push(unitRow(provinceCode, provinceName, 'province', null, null));
  units.push(unitRow(config.code, county[1], 'county', provinceCode, outline));

  const organisations: Organisation[] = [];
  const people: Person[] = [];
  const posts: PostRecord[] = [];
  const areas: AreaWithGeometry[] = [];
  const users: NewUser[] = [];
  let serial = 0;
  const id = (kind: string) => `demo-${countyCode6}-${kind}-${(serial++).toString(36)}`;
  const countyShort = shortUnitName(county[1]).replace(/土家族苗族自治县$/, '县');

  const bureau: Organisation = { id: id('org'), name: `${countyShort}林业局`, kind: 'bureau', unitCode: config.code };
  organisations.push(bureau);
  for (const dept of ['林长制工作办公室', '森林资源管理科', '森林防火办公室', '林业有害生物防治检疫站', '野生动植物保护科']) {
    organisations.push({ id: id('org'), name: `${countyShort}林业局${dept}`, kind: 'department', unitCode: config.code });
  }
  const farm: Organisation = { id: id('org'), name: `${countyShort}国有林场（示例）`, kind: 'forest_farm', unitCode: config.code };
  organisations.push(farm);

  const addPerson = (unitCode: string, organisationId: string | null): Person => {
    const person: Person = { id: id('person'), name: syntheticName(rng), phone: syntheticPhone(serial), unitCode, organisationId };
    people.push(person);
    return person;
  };
  const addPost = (role: PostRecord['role'], level: PostRecord['level'], unitCode: string, person: Person, organisationId: string | null = null): PostRecord => {
    const post: PostRecord = { id: id('post'), role, level, unitCode, personId: person.id, organisationId, termStart: TERM_START, termEnd: null };
    posts.push(post);
    return post;
  };
  const addUser = (username: string, person: Person | null, name: string, roles: Role[], scopeUnitCode: string, hash = passwordHash) =>
    users.push({ id: id('user'), username, name, passwordHash: hash, roles, scopeUnitCode, personId: person?.id ?? null, createdAt: at });

  const countyChief = addPerson(config.code, bureau.id);
  addPost('chief', 'county', config.code, countyChief);
  addUser(`chief-${config.code}`, countyChief, countyChief.name, ['chief'], config.code);
  addPost('chief', 'forest_farm', config.code, addPerson(config.code, farm.id), farm.id);

  const allVillages = towns.flatMap(([code]) => villagesOf(code));
  const rangerCounts = allVillages.map((_, i) =>
    typeof config.rangers === 'number'
      ? Math.floor(config.rangers / allVillages.length) + (i < config.rangers % allVillages.length ? 1 : 0)
      : config.rangers.perVillage,
  );
  let villageIndex = 0;
  let rangerTotal = 0;

  towns.forEach(([townCode, townName], t) => {
    const townRing = townRings[t]!;
    units.push(unitRow(townCode, townName, 'town', config.code, townRing));
    const office: Organisation = { id: id('org'), name: `${shortUnitName(townName)}林业站`, kind: 'town_office', unitCode: townCode };
    organisations.push(office);
    const townChief = addPerson(townCode, office.id);
    addPost('chief', 'town', townCode, townChief);
    addUser(`chief-${townCode}`, townChief, townChief.name, ['chief'], townCode);
    // The town's forestry station clerk: staff of the town, who reports on the plan targets the town owns.
    addUser(`office-${townCode}`, null, office.name, ['staff'], townCode);

    const villages = villagesOf(townCode);
    const villageRings = partitionRing(townRing, villages.length, rng);
    villages.forEach(([villageCode, villageName], v) => {
      const villageRing = villageRings[v]!;
      const villageShort = shortUnitName(villageName);
      units.push(unitRow(villageCode, villageName, 'village', townCode, villageRing));
      const chief = addPerson(villageCode, null);
      const chiefPost = addPost('chief', 'village', villageCode, chief);
      addUser(`chief-${villageCode}`, chief, chief.name, ['chief'], villageCode);
      const villageGeometry = multi(villageRing);
      areas.push({ id: id('area'), name: `${villageShort}村级林长责任区`, kind: 'post', unitCode: villageCode, postId: chiefPost.id, areaM2: ellipsoidalArea(villageGeometry), geometry: villageGeometry });
      for (const role of ['supervisor', 'instructor'] as const) {
        const person = addPerson(villageCode, null);
        addPost(role, 'village', villageCode, person);
        addUser(`${role}-${villageCode}`, person, person.name, [role], villageCode);
      }
      const rangers = rangerCounts[villageIndex++]!;
      const gridRings = partitionRing(villageRing, rangers, rng);
      for (let n = 1; n <= rangers; n++) {
        const person = addPerson(villageCode, null);
        const post = addPost('ranger', 'village', villageCode, person);
        addUser(`ranger-${villageCode}-${n}`, person, person.name, ['ranger'], villageCode);
        const geometry = multi(gridRings[n - 1]!);
        areas.push({ id: id('area'), name: `${villageShort}第${n}护林网格`, kind: 'grid', unitCode: villageCode, postId: post.id, areaM2: ellipsoidalArea(geometry), geometry });
        rangerTotal++;
      }
    });
  });

  const hasAdmin = await store.db.selectFrom('users').select('id').where('username', '=', DEMO_ADMIN.username).executeTakeFirst();
  if (!hasAdmin) addUser(DEMO_ADMIN.username, null, '系统管理员', ['admin'], provinceCode, adminHash);

  await store.db.transaction().execute(async (trx) => {
    await new UnitRepository(trx, store.spatial).insertMany(units, at);
    await new OrganisationRepository(trx).insertMany(organisations, at);
    await new PersonRepository(trx).insertMany(people, at);
    await new PostRepository(trx).insertMany(posts, at);
    await new AreaRepository(trx, store.spatial).insertMany(areas, at);
    await AuthRepository.insertUsers(trx, users);
    await recordAudit(
      trx,
      { userId: null, action: 'create', entity: 'demo', entityId: config.code, after: { units: units.length, people: people.length, users: users.length } },
      at,
    );
  });
  const activity = options.activity === false ? null : await buildDemoPatrols(store, config.code, now, options.activityDays);
  const problems = options.activity === false ? null : await buildDemoProblems(store, config.code, now);
  const parcels = options.activity === false && options.parcels === undefined ? 0
    : await buildDemoParcels(store, config.code, Number(new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 4)), options.parcels);
  const logging = options.activity === false ? null : await buildDemoLogging(store, config.code, now);
  // After the logging demo: its epidemic point is the one the surveys find still infected.
  const pestSurveys = options.activity === false ? null : await buildDemoPestSurveys(store, config.code, now);
  const compensation = options.activity === false ? null : await buildDemoCompensation(store, config.code, now);
  const trees = options.activity === false ? 0 : await buildDemoTrees(store, config.code, now);
  const landUse = options.activity === false ? 0 : await buildDemoLandUse(store, config.code, now);
  // After the weather: the ban suggestions are made from the demo's fire danger levels.
  const fireWeather = options.activity === false ? null : await buildDemoFireWeather(store, config.code, now);
  const fireBansEntry = options.activity === false ? null : await buildDemoFireBansEntry(store, config.code, now);
  const fires = options.activity === false ? 0 : await buildDemoFires(store, config.code, now);
  const devices = options.activity === false ? 0 : await buildDemoDevices(store, config.code, now);
  const fireInfrastructure = options.activity === false ? null : await buildDemoFireInfrastructure(store, config.code, now);
  const workplanTargets = options.activity === false ? 0 : await buildDemoWorkplans(store, config.code, now);
  // After the parcels and the epidemic points: the dead pines lie in the pine 小班, the positives in the points.
  const deadTrees = options.activity === false ? 0 : await buildDemoDeadTrees(store, config.code, now);
  // After the parcels and the logging demo's epidemic point.
  const pestQuarantine = options.activity === false ? null : await buildDemoPestQuarantine(store, config.code, now);
  const wildlife = options.activity === false ? null : await buildDemoWildlife(store, config.code, now);
  const carbon = options.activity === false ? null : await buildDemoCarbon(store, config.code, now);
  // Last: the tracked targets and the assessment read every other module's records.
  const workplanTracking = options.activity === false ? null : await buildDemoTracking(store, config.code, now);
  return {
    county: { code: config.code, name: county[1] },
    towns: towns.length,
    villages: allVillages.length,
    users: users.length,
    rangers: rangerTotal,
    skipped: false,
    activity,
    problems,
    parcels,
    logging,
    compensation,
    trees,
    landUse,
    fireBansEntry,
    fireWeather,
    fires,
    devices,
    fireInfrastructure,
    workplanTargets,
    workplanTracking,
    deadTrees,
    pestQuarantine,
    pestSurveys,
    wildlife,
    carbon,
  };
}
