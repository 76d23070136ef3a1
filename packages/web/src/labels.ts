import { formatArea } from '@linzhang/domain';

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
