import { formatArea, problemActionNames, type ProblemEventAction, type ProblemStatus } from '@linzhang/domain';

export const unitLevelNames: Record<string, string> = { province: '省级', county: '区县级', town: '镇街级', village: '村级' };
export const postRoleNames: Record<string, string> = { chief: '林长', ranger: '护林员', supervisor: '监管员', instructor: '指导员' };
export const postLevelNames: Record<string, string> = { county: '区县级', town: '镇街级', village: '村级', forest_farm: '国有林场' };
export const organisationKindNames: Record<string, string> = {
  bureau: '林业局', department: '局属科室', forest_farm: '国有林场', town_office: '镇街林业站', other: '其他',
};
export const areaKindNames: Record<string, string> = { post: '林长责任区', grid: '护林员网格' };
export const roleNames: Record<string, string> = {
  admin: '系统管理员', staff: '林业局工作人员', chief: '林长', ranger: '护林员', supervisor: '监管员', instructor: '指导员',
};

export const options = (names: Record<string, string>) => Object.entries(names).map(([value, label]) => ({ value, label }));
export const areaText = (m2: number | null | undefined): string => (m2 === null || m2 === undefined ? '—' : formatArea(m2));

export const trackFlagLabels: Record<string, string> = {
  vehicle: '疑似乘车', teleport: '轨迹跳点', outside_area: '大部分在责任区外',
  constant_speed: '速度恒定', straight_line: '轨迹过直', duplicate_track: '与以往轨迹雷同',
};
export const invalidReasonLabels: Record<string, string> = { too_short: '时长不足', too_little_distance: '里程不足', outside_area: '责任区内比例不足' };
export const dutyStatusLabels: Record<string, { text: string; color: string }> = {
  met: { text: '已达标', color: 'green' },
  behind: { text: '本期未完成', color: 'orange' },
  missed: { text: '未履职', color: 'red' },
};
export const periodLabels: Record<string, string> = { week: '周', month: '月', quarter: '季度', half: '半年', year: '年' };

/** Shanghai local date-time for display: 2024-05-08 14:00. */
export function localTime(iso: string | null): string {
  if (!iso) return '—';
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}
export const km = (m: number | null | undefined): string => (m === null || m === undefined ? '—' : `${(m / 1000).toFixed(2)} 公里`);
export const duration = (s: number | null | undefined): string =>
  s === null || s === undefined ? '—' : `${Math.floor(s / 3600)} 小时 ${Math.round((s % 3600) / 60)} 分`;

export const problemStatusColours: Record<ProblemStatus, string> = {
  reported: 'orange', accepted: 'gold', assigned: 'blue', in_handling: 'geekblue', handled: 'purple', verified: 'cyan', closed: 'green', dismissed: 'default',
};
/** Timeline entries: the workflow's actions and what the loop itself writes (report, reminders, 督办, 约谈). */
export const problemEventNames: Record<ProblemEventAction, string> = {
  ...problemActionNames, report: '上报', due_soon: '到期提醒', escalate: '逾期督办', interview: '约谈',
};

/** Server texts carry UTC instants (`…T06:00:00.000Z`); people read Shanghai local time. */
export const localiseInstants = (text: string): string =>
  text.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z/g, (iso) => localTime(iso));
