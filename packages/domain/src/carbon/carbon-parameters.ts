// DOMAIN.md §9: species parameters for the stock from stand volume (IPCC 2006 vol. 4):
// WD basic wood density (t/m³), BEF biomass expansion factor (stem → above ground), R root:shoot ratio,
// CF carbon fraction of dry matter. [U]: shipped as a configurable default with a source per row.

export interface CarbonSpeciesRow {
  species: string; // 树种（组），as the ledger's 优势树种 names it
  aliases: string[]; // other ledger spellings that use this row
  woodDensity: number; // WD 基本木材密度 t/m³
  bef: number; // BEF 生物量扩展因子
  rootShootRatio: number; // R 根茎比
  carbonFraction: number; // CF 含碳率
  source: string;
}

export interface CarbonParameters {
  rows: readonly CarbonSpeciesRow[];
  fallbackSpecies: string; // the row used for a species no row names (默认/其他)
  source: string;
}

// The values are the ones commonly quoted from these tables; the tables themselves could not be read here to check
// them row by row, so every row says so. Edit them (kind `carbon_parameters`) once checked against the published table.
const CITED = '常引自《造林项目碳汇计量与监测指南》LY/T 2253-2014 附录及《省级温室气体清单编制指南（试行）》树种参数表';
const UNCONFIRMED = '[未确认] 未能对照原表核实';

export const defaultCarbonParameters: CarbonParameters = {
  rows: [
    { species: '马尾松', aliases: [], woodDensity: 0.380, bef: 1.472, rootShootRatio: 0.187, carbonFraction: 0.460, source: `${CITED}（马尾松）${UNCONFIRMED}` },
    { species: '杉木', aliases: [], woodDensity: 0.307, bef: 1.634, rootShootRatio: 0.246, carbonFraction: 0.520, source: `${CITED}（杉木）${UNCONFIRMED}` },
    { species: '柏木', aliases: [], woodDensity: 0.478, bef: 1.732, rootShootRatio: 0.220, carbonFraction: 0.510, source: `${CITED}（柏木）${UNCONFIRMED}` },
    { species: '栎类', aliases: ['栎树', '麻栎', '青冈'], woodDensity: 0.676, bef: 1.355, rootShootRatio: 0.292, carbonFraction: 0.500, source: `${CITED}（栎类）${UNCONFIRMED}` },
    { species: '桤木', aliases: [], woodDensity: 0.443, bef: 1.586, rootShootRatio: 0.289, carbonFraction: 0.490, source: `${CITED}（其他软阔类，桤木按此取值）${UNCONFIRMED}` },
    { species: '阔叶混交', aliases: ['阔叶混交林'], woodDensity: 0.482, bef: 1.514, rootShootRatio: 0.262, carbonFraction: 0.490, source: `${CITED}（阔叶混交林）${UNCONFIRMED}` },
    { species: '针阔混交', aliases: ['针阔混交林'], woodDensity: 0.486, bef: 1.656, rootShootRatio: 0.248, carbonFraction: 0.498, source: `${CITED}（针阔混交林）${UNCONFIRMED}` },
    { species: '其他', aliases: ['默认'], woodDensity: 0.482, bef: 1.514, rootShootRatio: 0.262, carbonFraction: 0.490, source: `默认/其他：取阔叶混交林的参数作保守近似（本项目的选择，非出自原表）${UNCONFIRMED}` },
  ],
  fallbackSpecies: '其他',
  source: `IPCC 2006 国家温室气体清单指南 第4卷 的蓄积-生物量法；树种参数${CITED}，${UNCONFIRMED}`,
};

export interface CarbonFinding {
  path: string;
  message: string;
}

const within = (path: string, value: number, min: number, max: number, out: CarbonFinding[], minExclusive = true) => {
  const ok = Number.isFinite(value) && (minExclusive ? value > min : value >= min) && value <= max;
  if (!ok) out.push({ path, message: `应为${minExclusive ? '大于' : '不小于'} ${min}、不超过 ${max} 的数` });
};

/** What is wrong with a proposed parameter table (empty = fine). */
export function checkCarbonParameters(p: CarbonParameters): CarbonFinding[] {
  const out: CarbonFinding[] = [];
  if (!p.rows.length) out.push({ path: '/rows', message: '至少需要一个树种' });
  const names = new Map<string, number>();
  p.rows.forEach((r, i) => {
    if (!r.species.trim()) out.push({ path: `/rows/${i}/species`, message: '请填写树种' });
    within(`/rows/${i}/woodDensity`, r.woodDensity, 0, 1.5, out);
    within(`/rows/${i}/bef`, r.bef, 1, 5, out, false);
    within(`/rows/${i}/rootShootRatio`, r.rootShootRatio, 0, 2, out, false);
    within(`/rows/${i}/carbonFraction`, r.carbonFraction, 0, 1, out);
    if (!r.source.trim()) out.push({ path: `/rows/${i}/source`, message: '请注明参数来源' });
    [r.species, ...r.aliases].forEach((name, j) => {
      const key = name.trim();
      const path = j === 0 ? `/rows/${i}/species` : `/rows/${i}/aliases/${j - 1}`;
      if (j > 0 && !key) out.push({ path, message: '别名不能为空' });
      if (key && names.has(key)) out.push({ path, message: `“${key}”已在第 ${names.get(key)! + 1} 行出现` });
      if (key) names.set(key, i);
    });
  });
  if (!p.rows.some((r) => r.species === p.fallbackSpecies)) out.push({ path: '/fallbackSpecies', message: '默认树种应为表中的一行' });
  if (!p.source.trim()) out.push({ path: '/source', message: '请注明依据' });
  return out;
}

/** The row for a ledger species: by name or alias, else the fallback row (flagged). */
export function carbonRowFor(species: string | null, p: CarbonParameters): { row: CarbonSpeciesRow; fallback: boolean } {
  const key = species?.trim() ?? '';
  const row = key ? p.rows.find((r) => r.species === key || r.aliases.includes(key)) : undefined;
  if (row) return { row, fallback: false };
  const fallback = p.rows.find((r) => r.species === p.fallbackSpecies);
  if (!fallback) throw new Error('carbon parameters without their fallback row (checkCarbonParameters refuses such a table)');
  return { row: fallback, fallback: true };
}
