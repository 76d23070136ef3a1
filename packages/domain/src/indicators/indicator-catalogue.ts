// Issue 8 §2, §3, §5: the figures the system itself can compute, each from the records of one capability. A plan
// target can be linked to one (it then moves when the records change), an assessment indicator can score towns by
// one, and the leadership dashboard shows them. The numbers behind each come from DOMAIN.md: §1 (patrol and report
// duty compliance, management responsibility coverage), §2 (case investigation rate 涉林案件查处率, handling on time),
// §3 (forest coverage), §5 (fires, the works built), §6 (the pest disaster rate 成灾率), §7 (wildlife daily reports).
// `server/src/indicators/service.ts` computes them through each capability's own service.

import { infrastructureKindInfo, type InfrastructureTargetKind } from '../fire/fire-infrastructure-kinds.ts';

export const indicatorKeys = [
  'patrol_compliance', // 巡林履职率: duty periods met ÷ duty periods judged (completed, or already met)
  'report_compliance', // 林长报告履职率: the same for the report duty
  'case_investigation', // 涉林案件查处率: cases closed ÷ cases reported in the range
  'problem_on_time', // 问题按期办结率: handled by the deadline ÷ handled or overdue
  'problems_overdue', // 超期问题: open past their deadline, or handled after it
  'responsibility_coverage', // 管护责任覆盖率: forest land inside some ranger's area ÷ forest land
  'forest_coverage', // 森林覆盖率 (ledger year of the range's end)
  'pest_disaster_rate', // 林业有害生物成灾率 ‰ (year of the range's end)
  'forest_fires', // 森林火灾起数 discovered in the range
  'fire_out_within_24h', // 一般森林火灾24小时扑灭率
  'afforestation_area', // 营造林（未成林造林地）面积, ledger year of the range's end, 亩
  'rangers', // 在岗护林员（人数）at the range's end
  'wildlife_report_rate', // 疫源疫病监测日报率: days reported ÷ days due
  'video_points', // 视频监控点位 built (fire-prevention works), 个
  'fire_trails', // 防火通道 built, 公里
  'firebreaks', // 防火隔离带 built, 公里
  'water_tanks', // 蓄水池 built, 套
  'ten_household_groups', // 十户联防组, 个
] as const;
export type IndicatorKey = (typeof indicatorKeys)[number];

export interface IndicatorInfo {
  name: string;
  /** The unit its values are given in (%, ‰, 个, 公里, 亩, 名, 起, 套). */
  unit: string;
  /** Which way is better: what an assessment or a target's comparison reads. */
  better: 'higher' | 'lower';
  /** Over what span a value is taken: the date range given, the year of the range's end, or the state at its end. */
  span: 'range' | 'year' | 'at_end';
  /** How it is computed, in Chinese, for the page that shows it. */
  basis: string;
}

// The works' names and units are those the fire-prevention works register uses (DOMAIN.md §5).
const works = (kind: InfrastructureTargetKind, basis: string): IndicatorInfo => ({
  name: infrastructureKindInfo[kind].name, unit: infrastructureKindInfo[kind].unitLabel, better: 'higher', span: 'at_end', basis,
});

export const indicatorCatalogue: Record<IndicatorKey, IndicatorInfo> = {
  patrol_compliance: { name: '巡林履职率', unit: '%', better: 'higher', span: 'range', basis: '区间内已结束（或已达标）的巡林周期中达标周期所占比例，按各岗位的巡林频次规则判断' },
  report_compliance: { name: '林长报告履职率', unit: '%', better: 'higher', span: 'range', basis: '区间内已结束（或已达标）的报告周期中达标周期所占比例' },
  case_investigation: { name: '涉林案件查处率', unit: '%', better: 'higher', span: 'range', basis: '区间内上报的涉林案件中已办结销号的比例' },
  problem_on_time: { name: '问题按期办结率', unit: '%', better: 'higher', span: 'range', basis: '区间内上报的问题中按期办结的比例（已办结或已超期者计入分母）' },
  problems_overdue: { name: '超期问题', unit: '个', better: 'lower', span: 'range', basis: '区间内上报、超期未办结或超期后办结的问题数' },
  responsibility_coverage: { name: '管护责任覆盖率', unit: '%', better: 'higher', span: 'year', basis: '林地落在护林员责任区内的面积 ÷ 林地面积（一本账年度）' },
  forest_coverage: { name: '森林覆盖率', unit: '%', better: 'higher', span: 'year', basis: '一本账年度的森林面积 ÷ 国土面积（DOMAIN.md §3 公式）' },
  pest_disaster_rate: { name: '林业有害生物成灾率', unit: '‰', better: 'lower', span: 'year', basis: '成灾面积 ÷（有林地 + 未成林造林地）面积' },
  forest_fires: { name: '森林火灾', unit: '起', better: 'lower', span: 'range', basis: '区间内发现、核实为森林火灾的起数' },
  fire_out_within_24h: { name: '森林火灾24小时扑灭率', unit: '%', better: 'higher', span: 'range', basis: '区间内发现的一般森林火灾中24小时内扑灭的比例' },
  afforestation_area: { name: '营造林面积（未成林造林地）', unit: '亩', better: 'higher', span: 'year', basis: '一本账年度中地类为未成林造林地（0141）的小班面积' },
  rangers: { name: '在岗护林员', unit: '名', better: 'higher', span: 'at_end', basis: '区间末日在岗的护林员人数' },
  wildlife_report_rate: { name: '疫源疫病监测日报率', unit: '%', better: 'higher', span: 'range', basis: '监测站应报日中已报（含零报告）的比例' },
  video_points: works('video_point', '防火设施中已建成的视频监控点位数'),
  fire_trails: works('fire_trail', '防火设施中已建成的防火通道长度'),
  firebreaks: works('firebreak', '防火设施中已建成的防火隔离带长度'),
  water_tanks: works('water_tank', '防火设施中已建成的蓄水池数'),
  ten_household_groups: works('ten_household_group', '登记的十户联防组数'),
};
