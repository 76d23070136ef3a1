import { readFileSync } from 'node:fs';
import { shortUnitName, unitKindOf, normaliseUnitCode, unitLevelOf, parentCodeOf } from './src/index.ts';
const d = JSON.parse(readFileSync('packages/server/seed/chongqing-divisions.json', 'utf8'));
const count: Record<string, number> = {};
for (const [c, n] of d.villages as [string, string][]) { const s = shortUnitName(n); const k = unitKindOf(s); count[k] = (count[k] ?? 0) + 1; if (k !== '村' && k !== '社区' || /委员会|委会/.test(s)) console.log(c, n, s, k); }
console.log(count);
for (const [c, n] of d.villages.filter(([c, n]: [string,string]) => /区村民委员会$/.test(n))) console.log(c, n, shortUnitName(n));
const t: Record<string, number> = {};
for (const [c, n] of [...d.towns, ...d.counties] as [string, string][]) { const k = unitKindOf(shortUnitName(n)); t[k] = (t[k] ?? 0) + 1; if (k === '其他') console.log(n); }
console.log(t);
// code consistency
const all = [d.province, ...d.counties, ...d.towns, ...d.villages] as [string, string][];
const codes = new Set(all.map((x) => x[0]));
let missingParent = 0;
for (const [c] of all) { const p = parentCodeOf(c); if (p && !codes.has(p)) missingParent++; }
console.log('missing parent', missingParent);
