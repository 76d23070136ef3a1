import type { TargetOp } from '@linzhang/domain';

export const opSigns: Record<TargetOp, string> = { '>=': '≥', '<=': '≤', '=': '=' };
export const opOptions = (Object.keys(opSigns) as TargetOp[]).map((op) => ({ value: op, label: `${opSigns[op]}（${op === '>=' ? '不少于' : op === '<=' ? '不超过' : '等于'}）` }));

/** The sentence with the target's number (and unit) marked, so the person checks it against the text. */
export function markNumber(text: string, value: number, unit: string): { before: string; mark: string; after: string } {
  const written = String(value);
  const cut = (at: number, length: number) => ({ before: text.slice(0, at), mark: text.slice(at, at + length), after: text.slice(at + length) });
  const exact = text.indexOf(`${written}${unit}`);
  if (exact >= 0) return cut(exact, written.length + unit.length);
  // The number standing alone (not inside 2024 or 18.2); after a corrected unit (3亿 → 亿元) the one followed by
  // the unit's first character is the one meant.
  const alone = [...text.matchAll(new RegExp(`(?<![\\d.])${written.replace('.', '\\.')}(?![\\d.])`, 'g'))].map((m) => m.index);
  const at = alone.find((i) => unit && text[i + written.length] === unit[0]) ?? alone[0];
  if (at !== undefined) return cut(at, written.length);
  const u = unit ? text.indexOf(unit) : -1;
  return u >= 0 ? cut(u, unit.length) : { before: text, mark: '', after: '' };
}
