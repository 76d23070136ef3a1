import { ageGroups, authorityLevels, forestCategories, landClasses, origins } from '@linzhang/domain';

export const landClassName = (code: string | null) => (code ? (landClasses[code]?.name ?? code) : '（未填）');
export const forestCategoryName = (code: string | null) => (code ? (forestCategories[code] ?? code) : '（未填）');
export const originName = (code: string | null) => (code ? (origins[code] ?? code) : '（未填）');
export const authorityName = (code: string | null) => (code ? (authorityLevels[code] ?? code) : '—');
export const ageGroupName = (code: string | null) => (code ? (ageGroups[code] ?? code) : '—');
export const currentYear = () => new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
export const yearOptions = () => Array.from({ length: 8 }, (_, i) => currentYear() - i).map((y) => ({ value: y, label: `${y} 年度` }));

/**
 * The ledger map's fixed palette: one colour per group of 地类 (DOMAIN.md §3 codes), the order of the legend.
 * Forest land in greens, shrubs in olive, land without trees in tans, then farmland, grass, water, built-up and
 * unused land.
 */
export const landClassGroups: { name: string; color: string; codes: string[] }[] = [
  { name: '乔木林地', color: '#1b7a3a', codes: ['0111'] },
  { name: '竹林地', color: '#5fbf4a', codes: ['0113'] },
  { name: '疏林地', color: '#9fd38a', codes: ['0120'] },
  { name: '灌木林地', color: '#8f9f3a', codes: ['0131', '0132'] },
  { name: '未成林地、苗圃地', color: '#c9d98a', codes: ['0141', '0142', '0150'] },
  { name: '迹地、宜林地、辅助用地', color: '#d9c08a', codes: ['0161', '0162', '0163', '0171', '0172', '0173', '0180'] },
  { name: '耕地', color: '#f2d94e', codes: ['0210'] },
  { name: '牧草地', color: '#c8e6a0', codes: ['0220'] },
  { name: '水域', color: '#5ba3d9', codes: ['0230'] },
  { name: '建设用地', color: '#c0504d', codes: ['0250'] },
  { name: '未利用地', color: '#bdbdbd', codes: ['0240'] },
];
export const OTHER_LAND_CLASS_COLOR = '#e0e0e0';
