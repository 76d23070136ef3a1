// Issue 8 §1, DOMAIN.md §10: how a plan states a target's comparison. 达到/不少于/不低于/以上/超过 → at least,
// 控制在…以内/以下/不超过/不高于 → at most, otherwise exactly. 力争 (strive for) and 确保 (make sure) say how firmly
// the bureau commits, not which way the number bounds: they leave the comparison to the words around the number.

export const targetOps = ['>=', '<=', '='] as const;
export type TargetOp = (typeof targetOps)[number];

/** Words after the unit: 64.1%以上, 2‰范围内. */
const after: [RegExp, TargetOp][] = [
  [/^\s*(?:及|或)?(?:以上|之上)/, '>='],
  [/^\s*(?:以内|以下|之内|范围内|范围之内)/, '<='],
];

/** Words before the number, the last one in the clause deciding: 达100%, 不少于1次, 控制在国家下达的指标2‰. */
const before = /(不少于|不低于|不小于|不超过|不高于|不大于|控制在|压减到|压减至|降至|降到|降低到|下降到|低于|少于|小于|达到|超过|突破|至少|高于|大于|多于|提高到|提高至|提升到|提升至|增加到|增至|(?<![下传表发送抵到转])达)/g;
const atMost = new Set(['不超过', '不高于', '不大于', '控制在', '压减到', '压减至', '降至', '降到', '降低到', '下降到', '低于', '少于', '小于']);

/**
 * The comparison of a number, from the clause text before it and the text right after its unit. The words after
 * the unit win (控制在…以内 and 达到…以上 agree anyway); 余/多 after a number ("3000余名") read as at least.
 */
export function comparisonOf(textBefore: string, textAfterUnit: string, approximateMore = false): TargetOp {
  for (const [re, op] of after) if (re.test(textAfterUnit)) return op;
  let last: string | undefined;
  for (const m of textBefore.matchAll(before)) last = m[1];
  if (last !== undefined) return atMost.has(last) ? '<=' : '>=';
  return approximateMore ? '>=' : '=';
}
