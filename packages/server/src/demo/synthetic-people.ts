// Synthetic names and phone numbers for demo people: common surnames of south-east Chongqing and
// ordinary given-name characters. Deterministic for a given random source.
const surnames = '冉田彭白杨石向陈李王张刘黄吴周何罗谢冯邓廖肖龙滕'.split('');
const given = '文明华国建平志强军林秀英兰芳春桂红玉德成福永祥海云波勇峰'.split('');

export function syntheticName(rng: () => number): string {
  const pick = (list: string[]) => list[Math.floor(rng() * list.length)]!;
  return pick(surnames) + pick(given) + (rng() < 0.7 ? pick(given) : '');
}

/** A mobile number in a reserved-looking range (139 0000 xxxx is not assigned to real subscribers). */
export function syntheticPhone(serial: number): string {
  return `1390000${String(serial % 10_000).padStart(4, '0')}`;
}
