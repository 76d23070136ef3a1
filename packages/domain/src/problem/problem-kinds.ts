// DOMAIN.md §2: what a problem is about, where it came from, and how serious it is.

/** Categories seen in the Banan and Youyang plans (DOMAIN.md §2 "Categories"). */
export const problemCategories = [
  'illegal_logging', // 盗伐滥伐
  'encroachment', // 毁林占地
  'four_chaos', // "四乱"：乱侵占、乱搭建、乱采挖、乱捕食
  'fire_hazard', // 火灾隐患 / 野外违规用火
  'dead_pine', // 松树异常死亡
  'wildlife_death', // 野生动物异常死亡
  'boar_damage', // 野猪致害
  'other', // 其他
] as const;
export type ProblemCategory = (typeof problemCategories)[number];

export const problemCategoryNames: Record<ProblemCategory, string> = {
  illegal_logging: '盗伐滥伐',
  encroachment: '毁林占地',
  four_chaos: '“四乱”问题',
  fire_hazard: '火灾隐患/违规用火',
  dead_pine: '松树异常死亡',
  wildlife_death: '野生动物异常死亡',
  boar_damage: '野猪致害',
  other: '其他',
};

/** Categories that are cases (涉林案件) for the case investigation rate 涉林案件查处率 (DOMAIN.md §2 target 100 %). */
export const caseCategories: readonly ProblemCategory[] = ['illegal_logging', 'encroachment', 'four_chaos'];

/** Sources (DOMAIN.md §2 "Sources"). */
export const problemSources = [
  'patrol', // 巡林发现
  'public', // 群众举报（扫码/短链接）
  'hotline', // 12345 热线
  'device', // 监控/卡口报警
  'satellite_patch', // 卫片/森林督查图斑
  'inspection', // 中央环保督察反馈
  'reserve_ledger', // 自然保护地人类活动问题台账
  'staff', // 工作人员录入
] as const;
export type ProblemSource = (typeof problemSources)[number];

export const problemSourceNames: Record<ProblemSource, string> = {
  patrol: '巡林发现',
  public: '群众举报',
  hotline: '12345热线',
  device: '设备报警',
  satellite_patch: '卫片图斑',
  inspection: '环保督察反馈',
  reserve_ledger: '保护地人类活动台账',
  staff: '工作人员录入',
};

export const problemSeverities = ['general', 'serious', 'urgent'] as const;
export type ProblemSeverity = (typeof problemSeverities)[number];
export const problemSeverityNames: Record<ProblemSeverity, string> = { general: '一般', serious: '较重', urgent: '紧急' };
