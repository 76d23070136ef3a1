import type { OtherPest, PestSeverity, QuarantineProduct, QuarantineTreatment } from '@linzhang/domain';
import type { Store } from '../db/connect.ts';
import { viewerOf, type Role } from '../auth/viewer.ts';
import { PestOccurrenceService } from '../pests/occurrences/service.ts';
import { QuarantineService, type ConsignmentInput } from '../pests/quarantine/service.ts';
import { mulberry32 } from './synthetic-geometry.ts';

export interface DemoPestQuarantineSummary {
  occurrences: number;
  inspections: number;
  certificates: number;
  refused: number;
}

const DAY = 86_400_000;
const dateOf = (t: number) => new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);
/** Which pest lives on which host of the demo ledger. */
const pestOn: Record<string, OtherPest[]> = { 马尾松: ['pine_caterpillar', 'pine_sawfly', 'bark_beetle'], 柏木: ['cypress_tussock_moth'], 毛竹: ['bamboo_locust', 'bamboo_tussock_moth'], 杉木: ['longhorn_beetle'] };

/**
 * Other pests and quarantine (issue 7 §5–§6) through the real services, after the parcels and the logging demo
 * (which declares the second town an epidemic point): occurrences of 松毛虫, 蜀柏毒蛾, 竹蝗… over three years in a
 * few towns (one 小班 a year whose host died, counted whole), origin inspections of nurseries (one failed), and a
 * dozen transport certificates, one refused for untreated pine logs from the epidemic-point town.
 */
export async function buildDemoPestQuarantine(store: Store, countyCode: string, now: Date): Promise<DemoPestQuarantineSummary> {
  const county6 = countyCode.slice(0, 6);
  const rng = mulberry32(Number(county6) + 71);
  let clock = now;
  const occurrences = new PestOccurrenceService(store, () => clock);
  const quarantine = new QuarantineService(store, () => clock);
  const admin = await store.db.selectFrom('users').selectAll().where('username', '=', 'admin').executeTakeFirstOrThrow();
  const viewer = viewerOf({ id: admin.id, username: admin.username, personId: admin.person_id, roles: JSON.parse(admin.roles) as Role[], scopeUnitCode: `${county6}000000` });
  const summary: DemoPestQuarantineSummary = { occurrences: 0, inspections: 0, certificates: 0, refused: 0 };
  const towns = await store.db.selectFrom('units').select(['code', 'short_name']).where('level', '=', 'town').where('code', 'like', `${county6}%`).orderBy('code').execute();
  if (towns.length < 6) return summary;
  const point = await store.db.selectFrom('epidemic_points').select('unit_code').where('unit_code', 'like', `${county6}%`).where('removed_on', 'is', null).orderBy('declared_on').executeTakeFirst();
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
  const thisYear = Number(dateOf(now.getTime()).slice(0, 4));

  // Occurrences: the same six towns each year (pests come back), hosts from the ledger.
  const hostTowns = towns.filter((t) => t.code !== point?.unit_code).slice(2, 8);
  const parcels = await store.db.selectFrom('parcels').select(['id', 'unit_code', 'area_m2', 'dominant_species'])
    .where('unit_code', 'like', `${county6}%`).where('dominant_species', 'in', Object.keys(pestOn)).orderBy('unit_code').orderBy('parcel_no').execute();
  const inTowns = parcels.filter((p) => hostTowns.some((t) => p.unit_code.startsWith(t.code.slice(0, 9))));
  for (const [k, year] of [thisYear - 2, thisYear - 1, thisYear].entries()) {
    const last = year === thisYear ? now.getTime() - DAY : Date.UTC(year, 9, 31);
    // Each year a pine caterpillar outbreak in one town kills the pines of a few 小班 (counted whole: the town
    // exceeds the 2‰ target), besides scattered light and moderate occurrences.
    const hot = hostTowns[k % 3]!.code.slice(0, 9);
    const outbreak = inTowns.filter((p) => p.unit_code.startsWith(hot) && p.dominant_species === '马尾松');
    const count = year === thisYear ? 7 : 10;
    for (let i = 0; i < count && inTowns.length; i++) {
      const killed = i < 4 && outbreak.length > 0;
      const p = killed ? outbreak[Math.floor(rng() * outbreak.length)]! : pick(inTowns);
      const pest = killed ? 'pine_caterpillar' : pick(pestOn[p.dominant_species!]!);
      const areaMu = Math.round((p.area_m2 * 15) / 10_000 * (killed ? 0.9 : 0.2 + rng() * 0.6) * 10) / 10;
      const share = rng();
      const severity: PestSeverity = killed ? 'severe' : share < 0.55 ? 'light' : 'moderate';
      const disasterAreaMu = severity === 'light' ? 0 : Math.round(areaMu * (severity === 'moderate' ? 0.2 : 0.6) * 10) / 10;
      const observed = Date.UTC(year, 3, 1) + ((last - Date.UTC(year, 3, 1)) * (i + 0.5)) / count;
      const r = await occurrences.create(viewer, {
        parcelId: p.id, pest, observedOn: dateOf(observed), areaMu, disasterAreaMu, severity, hostDeath: killed,
        controlledAreaMu: Math.round(areaMu * 0.8 * 10) / 10, surveyor: pick(['森防站 冉小春', '森防站 田家明', '测报员 白云飞']),
      });
      if (!r.ok) throw new Error(`demo occurrence: ${JSON.stringify(r.error)}`);
      summary.occurrences++;
    }
  }

  // Origin quarantine of nurseries: two passed this year, one failed last autumn.
  const nurseryTown = towns[3]!;
  const inspect = async (daysAgo: number, siteName: string, subject: string, passed: boolean) => {
    clock = new Date(now.getTime() - daysAgo * DAY);
    const r = await quarantine.createInspection(viewer, {
      unitCode: nurseryTown.code, siteName, siteKind: 'nursery', subject, quantity: 20_000 + Math.round(rng() * 30_000), quantityUnit: 'plants',
      inspectedOn: dateOf(clock.getTime()), inspector: '检疫员 杨明', result: passed ? 'passed' : 'failed',
      ...(passed ? { validUntil: dateOf(clock.getTime() + 90 * DAY) } : { pestsFound: '蜀柏毒蛾幼虫', measures: '就地喷药除害，复检合格前不得调出' }),
    });
    if (!r.ok) throw new Error(`demo inspection: ${JSON.stringify(r.error)}`);
    summary.inspections++;
    return r.value.id;
  };
  await inspect(200, `${nurseryTown.short_name}苗圃`, '柏木苗', false);
  const nursery = await inspect(30, `${nurseryTown.short_name}苗圃`, '柏木苗', true);
  await inspect(12, `${nurseryTown.short_name}林木良种基地`, '杉木苗', true);

  // Transport certificates over the past year.
  const apply = async (daysAgo: number, town: { code: string; short_name: string }, consignments: ConsignmentInput[], extra: { originInspectionId?: string; destination?: string } = {}) => {
    clock = new Date(now.getTime() - daysAgo * DAY);
    const shipOn = dateOf(clock.getTime() + DAY);
    const r = await quarantine.applyCertificate(viewer, {
      unitCode: town.code, shipOn, validFrom: dateOf(clock.getTime()), validTo: dateOf(clock.getTime() + 10 * DAY), consignor: `${town.short_name}${pick(['木材加工厂', '林业专业合作社', '苗木公司'])}`,
      consignee: pick(['秀山县某板材有限公司', '黔江区某家具厂', '湖南省龙山县某木业公司', '贵州省沿河县某建材公司']), destination: extra.destination ?? pick(['重庆市秀山县', '重庆市黔江区', '湖南省龙山县', '贵州省沿河县']),
      carrier: pick(['酉阳顺达物流', '武陵山运输公司', '个体 冉海']), vehicleNo: `渝H·${String(10_000 + Math.floor(rng() * 89_999))}`,
      ...(extra.originInspectionId ? { originInspectionId: extra.originInspectionId } : {}), consignments,
    });
    if (!r.ok) throw new Error(`demo certificate: ${JSON.stringify(r.error)}`);
    summary.certificates++;
    if (r.value.status === 'refused') summary.refused++;
  };
  const goods = (product: QuarantineProduct, species: string, quantity: number, unit: ConsignmentInput['quantityUnit'], treatment: QuarantineTreatment = 'none', treatmentNote?: string): ConsignmentInput =>
    ({ product, species, quantity, quantityUnit: unit, treatment, ...(treatmentNote ? { treatmentNote } : {}) });
  const others = towns.filter((t) => t.code !== point?.unit_code);
  const plan: [number, ConsignmentInput[]][] = [
    [330, [goods('pine_logs', '马尾松', 24, 'm3')]], [290, [goods('other_wood', '杉木', 30, 'm3')]], [250, [goods('bamboo', '毛竹', 12, 't')]],
    [210, [goods('pine_sawn', '马尾松', 15.5, 'm3'), goods('other_wood', '杉木', 8, 'm3')]], [160, [goods('pine_logs', '马尾松', 20, 'm3')]],
    [120, [goods('other_wood', '柏木', 18, 'm3')]], [75, [goods('pine_packaging', '马尾松', 300, 'pieces', 'heat', '热处理 56℃ 30 分钟，IPPC 标识')]], [40, [goods('bamboo', '毛竹', 9, 't')]],
  ];
  for (const [i, [daysAgo, items]] of plan.entries()) await apply(daysAgo, others[(i * 5) % others.length]!, items);
  await apply(25, nurseryTown, [goods('seedlings', '柏木苗', 8_000, 'plants')], { originInspectionId: nursery });
  if (point) {
    const town = towns.find((t) => t.code === point.unit_code)!;
    // Untreated pine logs from the epidemic point: refused, the reason kept; the same wood heat-treated goes.
    await apply(18, town, [goods('pine_logs', '马尾松', 16, 'm3')]);
    await apply(15, town, [goods('pine_logs', '马尾松', 16, 'm3', 'heat', '除害处理厂窑内热处理，木材中心 56℃ 持续 30 分钟')]);
    await apply(6, town, [goods('pine_chips', '马尾松', 40, 't', 'chipping', '削片粒径 ≤1 厘米，现场监督')]);
  }
  return summary;
}
