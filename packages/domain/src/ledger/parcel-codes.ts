// DOMAIN.md §3: the codes of the forest resource inventory (二类调查) a parcel (小班) carries.

/** 地类 land classes; `forest` marks 林地 (the rest are non-forest land inside the inventory). */
export const landClasses: Record<string, { name: string; forest: boolean }> = {
  '0111': { name: '乔木林地', forest: true },
  '0113': { name: '竹林地', forest: true },
  '0120': { name: '疏林地', forest: true },
  '0131': { name: '国家特别规定灌木林地', forest: true },
  '0132': { name: '其他灌木林地', forest: true },
  '0141': { name: '未成林造林地', forest: true },
  '0142': { name: '未成林封育地', forest: true },
  '0150': { name: '苗圃地', forest: true },
  '0161': { name: '采伐迹地', forest: true },
  '0162': { name: '火烧迹地', forest: true },
  '0163': { name: '其他无立木林地', forest: true },
  '0171': { name: '宜林荒山荒地', forest: true },
  '0172': { name: '宜林沙荒地', forest: true },
  '0173': { name: '其他宜林地', forest: true },
  '0180': { name: '林业辅助生产用地', forest: true },
  '0210': { name: '耕地', forest: false },
  '0220': { name: '牧草地', forest: false },
  '0230': { name: '水域', forest: false },
  '0240': { name: '未利用地', forest: false },
  '0250': { name: '建设用地', forest: false },
};

/** 森林类别 */
export const forestCategories: Record<string, string> = { '11': '重点公益林', '12': '一般公益林', '21': '重点商品林', '22': '一般商品林' };
/** 事权等级 */
export const authorityLevels: Record<string, string> = { '10': '国家级', '20': '地方级' };
/** 起源: the inventory writes 1/2 or the words. */
export const origins: Record<string, string> = { natural: '天然', planted: '人工' };
/** 龄组 */
export const ageGroups: Record<string, string> = { '1': '幼龄林', '2': '中龄林', '3': '近熟林', '4': '成熟林', '5': '过熟林' };
