import { Type } from '@sinclair/typebox';
import { deviceKinds, fireSteps, periodKinds, postLevels, postRoles, problemCategories, problemSeverities } from '@linzhang/domain';
import { viewer, type TypedApp } from '../http/app.ts';
import { unwrap } from '../http/problem.ts';
import { IsoDate, Strict, lit } from '../http/schemas.ts';
import type { RuleService } from './service.ts';

const num = (description: string) => Type.Number({ description });
const TrackRulesSchema = Strict({
  maxAccuracyM: num('定位精度差于此值（米）的点被剔除'),
  maxSpeedMps: num('两点间速度超过此值（米/秒）视为跳点'),
  movingSpeedMps: num('不低于此速度（米/秒）计为移动时间'),
  vehicleSpeedMps: num('持续高于此速度（米/秒）视为乘车'),
  vehicleMinSeconds: num('高速持续至少此秒数才标记乘车'),
  minDurationMinutes: num('有效巡林最短时长（分钟，不含暂停）'),
  minDistanceM: num('有效巡林最短里程（米）'),
  minInAreaShare: num('有效巡林在责任区内的最低比例（0–1）'),
  duplicateToleranceM: num('与以往轨迹平均相距小于此值（米）视为雷同'),
});
const DutyRulesSchema = Type.Array(
  Strict({
    role: lit(postRoles), level: lit(postLevels), duty: lit(['patrol', 'report'] as const),
    count: Type.Integer({ minimum: 1, maximum: 100 }), period: lit(periodKinds), source: Type.String({ minLength: 1, maxLength: 200 }),
  }),
  { maxItems: 100 },
);
const ProblemDeadlinesSchema = Strict({
  items: Type.Array(
    Strict({
      category: lit(['*', ...problemCategories] as const), severity: lit(['*', ...problemSeverities] as const),
      handleHours: num('自上报起的办理时限（小时）'), dueSoonHours: num('到期前多少小时提醒'),
    }),
    { maxItems: 100 },
  ),
  supervisionHours: num('逾期督办后的督办期限（小时），再逾期则再次督办'),
  interviewAtEscalation: Type.Integer({ minimum: 1, maximum: 10, description: '第几次督办时约谈责任林长' }),
  source: Type.String({ minLength: 1, maxLength: 200 }),
});
const FireBanRulesSchema = Strict({
  minLevel: Type.Integer({ minimum: 1, maximum: 5, description: '火险等级达到此级（1–5）的一天计入' }),
  minDays: Type.Integer({ minimum: 1, maximum: 60, description: '连续达到的天数，满此天数即建议发布禁火令' }),
  includeForecast: Type.Boolean({ description: '预报的火险等级也计入' }),
  source: Type.String({ minLength: 1, maxLength: 200 }),
});
const ForestEntryRulesSchema = Strict({
  retentionDays: Type.Integer({ minimum: 1, maximum: 3650, description: '入林登记的姓名、电话等个人信息保存天数，到期删除（保留统计数）' }),
  maxHours: num('入林超过此小时数未出林视为滞留'),
  darkAfter: Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: '入林当天此时刻（HH:mm，北京时间）后仍未出林视为天黑未出林' }),
  notice: Type.String({ minLength: 1, maxLength: 2000, description: '登记页显示的防火须知' }),
  source: Type.String({ minLength: 1, maxLength: 200 }),
});
const bounds = (description: string) => Type.Array(Type.Number(), { minItems: 4, maxItems: 4, description });
const FireDangerLevelsSchema = Strict({
  method: lit(['fwi', 'lyt1172'] as const),
  fwiFrom: bounds('FWI 达到此值起为二、三、四、五级'),
  lytUpTo: bounds('LY/T 1172-95 指数不超过此值为一、二、三、四级'),
  lyt: Strict({
    rainDayAboveMm: num('日降水量超过此值（毫米）计为降水日'),
    rainDay: lit(['subtract', 'ignore'] as const),
    phenology: Type.Array(Type.Number(), { minItems: 12, maxItems: 12, description: '各月物候订正值（从总分中减去），一月起' }),
  }),
  source: Type.String({ minLength: 1, maxLength: 1000 }),
});
const DeviceRulesSchema = Strict({
  silenceMinutes: Strict(Object.fromEntries(deviceKinds.map((k) => [k, Type.Integer({ minimum: 1, maximum: 10080, description: '无消息超过此分钟数即报离线' })])) as Record<(typeof deviceKinds)[number], ReturnType<typeof Type.Integer>>),
  source: Type.String({ minLength: 1, maxLength: 200 }),
});
const FireResponseTimersSchema = Strict({
  timers: Type.Array(
    Strict({
      name: Type.String({ minLength: 1, maxLength: 40 }), fromStep: lit(fireSteps), toStep: lit(fireSteps),
      minutes: num('自起点环节起的时限（分钟）'),
    }),
    { minItems: 1, maxItems: 6 },
  ),
  source: Type.String({ minLength: 1, maxLength: 500 }),
});
const Month = (description: string) => Type.Integer({ minimum: 1, maximum: 12, description });
const MonthWindowSchema = (description: string) => Strict({ startMonth: Month(`${description}起始月`), endMonth: Month(`${description}结束月（可跨年）`) });
const PestRulesSchema = Strict({
  sampling: Strict({
    smallParcelMaxDead: Type.Integer({ description: '死亡松树不超过此株数的小班按小班取样规则' }),
    smallParcelFirstSample: Type.Integer({ description: '小班首次取样株数（不足则全部取样）' }),
    largeParcelFirstSample: Type.Integer({ description: '大小班首次取样株数' }),
    followUpPercent: num('首次取样均未检出时，对其余死亡松树补充取样的百分比（向上取整）'),
  }),
  lab: Strict({
    writtenResultWorkingDays: Type.Integer({ description: '收到样品后出具书面检测结果的工作日数' }),
    firstPositivePhoneHours: num('县级首次检出后电话报告时限（小时）'),
    firstPositiveWrittenHours: num('县级首次检出后书面报告时限（小时）'),
  }),
  disposal: Strict({
    maxStumpHeightCm: num('伐桩高度上限（厘米）'), maxChipSizeCm: num('粉碎粒径上限（厘米）'), maxChipThicknessCm: num('削片厚度上限（厘米）'),
    maxPeelThicknessCm: num('旋切厚度上限（厘米，须小于此值）'), minTreatedBranchDiameterCm: num('直径超过此值（厘米）的枝桠须一并处理'),
    centralisedClearing: MonthWindowSchema('集中除治期'),
  }),
  epidemic: Strict({ clearYearsForRemoval: Type.Integer({ description: '连续多少年未检出可申请拔除疫点' }) }),
  disaster: Strict({ targetPerMille: num('成灾率目标（‰）') }),
  monitoring: Strict({
    maxIntervalMonths: Type.Integer({ description: '每个小班至少每隔几个月监测一次' }), autumnSurvey: MonthWindowSchema('秋季普查'),
    lureTreeEveryMu: num('每多少亩设一株诱木'), dueSoonDays: Type.Integer({ description: '监测到期前多少天提示' }),
  }),
  wildlife: Strict({ dailyReportCutoff: Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: '疫源疫病监测日报截止时间（HH:mm，北京时间）' }) }),
  source: Type.String({ minLength: 1, maxLength: 1000 }),
});
const Dates = (description: string) => Type.Array(IsoDate, { maxItems: 2000, description });
const WorkingCalendarSchema = Strict({
  years: Type.Array(Type.Integer({ minimum: 2000, maximum: 2100 }), { minItems: 1, maxItems: 50, description: '数据覆盖的年份' }),
  holidays: Dates('放假日（含周末）'), workdays: Dates('调休上班的周末日'), source: Type.String({ minLength: 1, maxLength: 1000 }),
});
const Factor = (description: string) => Type.Number({ minimum: 0, maximum: 10, description });
const CarbonParametersSchema = Strict({
  rows: Type.Array(Strict({
    species: Type.String({ minLength: 1, maxLength: 50, description: '树种（组），与一本账的优势树种同名' }),
    aliases: Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 20, description: '一本账中的其他写法' }),
    woodDensity: Factor('WD 基本木材密度（t/m³）'), bef: Factor('BEF 生物量扩展因子'), rootShootRatio: Factor('R 根茎比'), carbonFraction: Factor('CF 含碳率'),
    source: Type.String({ minLength: 1, maxLength: 500, description: '参数来源' }),
  }), { minItems: 1, maxItems: 200 }),
  fallbackSpecies: Type.String({ minLength: 1, maxLength: 50, description: '未列出的树种使用的行（默认/其他）' }),
  source: Type.String({ minLength: 1, maxLength: 1000 }),
});
const Note = Type.Optional(Type.String({ maxLength: 500 }));

export async function ruleRoutes(app: TypedApp, rules: RuleService): Promise<void> {
  app.get('/api/rules/track_rules', { schema: { tags: ['rules'], summary: '轨迹判定规则：现行、默认与各版本' } }, async () => unwrap(await rules.overview('track_rules')));
  app.get('/api/rules/duty_rules', { schema: { tags: ['rules'], summary: '巡林与报告职责规则：现行、默认与各版本' } }, async () => unwrap(await rules.overview('duty_rules')));
  app.get('/api/rules/problem_deadlines', { schema: { tags: ['rules'], summary: '问题办理时限与督办规则：现行、默认与各版本' } }, async () => unwrap(await rules.overview('problem_deadlines')));
  app.get('/api/rules/fire_ban_rules', { schema: { tags: ['rules'], summary: '禁火令建议规则：现行、默认与各版本' } }, async () => unwrap(await rules.overview('fire_ban_rules')));
  app.get('/api/rules/forest_entry_rules', { schema: { tags: ['rules'], summary: '扫码入林规则（个人信息保存天数、滞留判定、防火须知）：现行、默认与各版本' } }, async () => unwrap(await rules.overview('forest_entry_rules')));
  app.post(
    '/api/rules/fire_ban_rules',
    { bodyLimit: 16 * 1024, schema: { tags: ['rules'], summary: '新增禁火令建议规则版本（仅管理员）', body: Strict({ effectiveFrom: IsoDate, body: FireBanRulesSchema, note: Note }) } },
    async (request, reply) => reply.status(201).send(unwrap(await rules.addVersion(viewer(request), 'fire_ban_rules', request.body))),
  );
  app.post(
    '/api/rules/forest_entry_rules',
    { bodyLimit: 16 * 1024, schema: { tags: ['rules'], summary: '新增扫码入林规则版本（仅管理员）', body: Strict({ effectiveFrom: IsoDate, body: ForestEntryRulesSchema, note: Note }) } },
    async (request, reply) => reply.status(201).send(unwrap(await rules.addVersion(viewer(request), 'forest_entry_rules', request.body))),
  );
  app.get('/api/rules/fire_danger_levels', { schema: { tags: ['rules'], summary: '森林火险等级划分表：现行、默认与各版本' } }, async () => unwrap(await rules.overview('fire_danger_levels')));
  app.post(
    '/api/rules/fire_danger_levels',
    { bodyLimit: 16 * 1024, schema: { tags: ['rules'], summary: '新增森林火险等级划分表版本（仅管理员）', body: Strict({ effectiveFrom: IsoDate, body: FireDangerLevelsSchema, note: Note }) } },
    async (request, reply) => reply.status(201).send(unwrap(await rules.addVersion(viewer(request), 'fire_danger_levels', request.body))),
  );
  app.get('/api/rules/device_rules', { schema: { tags: ['rules'], summary: '设备离线判定规则：现行、默认与各版本' } }, async () => unwrap(await rules.overview('device_rules')));
  app.post(
    '/api/rules/device_rules',
    { bodyLimit: 16 * 1024, schema: { tags: ['rules'], summary: '新增设备离线判定规则版本（仅管理员）', body: Strict({ effectiveFrom: IsoDate, body: DeviceRulesSchema, note: Note }) } },
    async (request, reply) => reply.status(201).send(unwrap(await rules.addVersion(viewer(request), 'device_rules', request.body))),
  );
  app.get('/api/rules/fire_response_timers', { schema: { tags: ['rules'], summary: '森林火情早期处置“135”计时规则：现行、默认与各版本' } }, async () => unwrap(await rules.overview('fire_response_timers')));
  app.post(
    '/api/rules/fire_response_timers',
    { bodyLimit: 16 * 1024, schema: { tags: ['rules'], summary: '新增火情处置计时规则版本（仅管理员）', body: Strict({ effectiveFrom: IsoDate, body: FireResponseTimersSchema, note: Note }) } },
    async (request, reply) => reply.status(201).send(unwrap(await rules.addVersion(viewer(request), 'fire_response_timers', request.body))),
  );
  app.get('/api/rules/pest_rules', { schema: { tags: ['rules'], summary: '松材线虫病防治与疫源疫病监测规则：现行、默认与各版本' } }, async () => unwrap(await rules.overview('pest_rules')));
  app.post(
    '/api/rules/pest_rules',
    { bodyLimit: 16 * 1024, schema: { tags: ['rules'], summary: '新增有害生物防治规则版本（仅管理员）', body: Strict({ effectiveFrom: IsoDate, body: PestRulesSchema, note: Note }) } },
    async (request, reply) => reply.status(201).send(unwrap(await rules.addVersion(viewer(request), 'pest_rules', request.body))),
  );
  app.get('/api/rules/carbon_parameters', { schema: { tags: ['rules'], summary: '森林碳汇树种参数（WD、BEF、R、CF 及来源）：现行、默认与各版本' } }, async () => unwrap(await rules.overview('carbon_parameters')));
  app.post(
    '/api/rules/carbon_parameters',
    { bodyLimit: 64 * 1024, schema: { tags: ['rules'], summary: '新增森林碳汇树种参数版本（仅管理员）', body: Strict({ effectiveFrom: IsoDate, body: CarbonParametersSchema, note: Note }) } },
    async (request, reply) => reply.status(201).send(unwrap(await rules.addVersion(viewer(request), 'carbon_parameters', request.body))),
  );
  app.get('/api/rules/working_calendar', { schema: { tags: ['rules'], summary: '工作日历（法定节假日与调休）：现行、默认与各版本' } }, async () => unwrap(await rules.overview('working_calendar')));
  app.post(
    '/api/rules/working_calendar',
    { bodyLimit: 128 * 1024, schema: { tags: ['rules'], summary: '新增工作日历版本（仅管理员；每年国务院办公厅公布次年安排后补充）', body: Strict({ effectiveFrom: IsoDate, body: WorkingCalendarSchema, note: Note }) } },
    async (request, reply) => reply.status(201).send(unwrap(await rules.addVersion(viewer(request), 'working_calendar', request.body))),
  );
  app.post(
    '/api/rules/problem_deadlines',
    { bodyLimit: 64 * 1024, schema: { tags: ['rules'], summary: '新增问题办理时限规则版本（仅管理员）', body: Strict({ effectiveFrom: IsoDate, body: ProblemDeadlinesSchema, note: Note }) } },
    async (request, reply) => reply.status(201).send(unwrap(await rules.addVersion(viewer(request), 'problem_deadlines', request.body))),
  );
  app.post(
    '/api/rules/track_rules',
    { bodyLimit: 16 * 1024, schema: { tags: ['rules'], summary: '新增轨迹判定规则版本（仅管理员）', body: Strict({ effectiveFrom: IsoDate, body: TrackRulesSchema, note: Note }) } },
    async (request, reply) => reply.status(201).send(unwrap(await rules.addVersion(viewer(request), 'track_rules', request.body))),
  );
  app.post(
    '/api/rules/duty_rules',
    { bodyLimit: 64 * 1024, schema: { tags: ['rules'], summary: '新增职责规则版本（仅管理员）', body: Strict({ effectiveFrom: IsoDate, body: DutyRulesSchema, note: Note }) } },
    async (request, reply) => reply.status(201).send(unwrap(await rules.addVersion(viewer(request), 'duty_rules', request.body))),
  );
}
