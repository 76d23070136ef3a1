import { ageGroups, authorityLevels, forestCategories, landClasses, origins } from '@linzhang/domain';

export const landClassName = (code: string | null) => (code ? (landClasses[code]?.name ?? code) : '（未填）');
export const forestCategoryName = (code: string | null) => (code ? (forestCategories[code] ?? code) : '（未填）');
export const originName = (code: string | null) => (code ? (origins[code] ?? code) : '（未填）');
export const authorityName = (code: string | null) => (code ? (authorityLevels[code] ?? code) : '—');
export const ageGroupName = (code: string | null) => (code ? (ageGroups[code] ?? code) : '—');
export const currentYear = () => new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
export const yearOptions = () => Array.from({ length: 8 }, (_, i) => currentYear() - i).map((y) => ({ value: y, label: `${y} 年度` }));
