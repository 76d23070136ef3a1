import { describe, expect, it } from 'vitest';
import { clauses, nestingDepths, sentences } from './sentences.ts';

// DOMAIN.md §10: every target keeps the sentence it came from, so the splitting must respect titles and quotes.
describe('sentences', () => {
  it('splits at 。 but never inside a title or a quotation', () => {
    const text = '推进落实《重庆市全面推深做实林长制行动方案（2023—2027年）》。全面推行“一长三员。”基层管护体系！好';
    expect(sentences(text).map((s) => s.text)).toEqual(['推进落实《重庆市全面推深做实林长制行动方案（2023—2027年）》。', '全面推行“一长三员。”基层管护体系！', '好']);
  });
  it('keeps positions into the text', () => {
    const text = '甲。乙丙。';
    expect(sentences(text).map((s) => text.slice(s.start, s.end))).toEqual(['甲。', '乙丙。']);
  });
  it('cuts clauses at commas and enumeration commas outside brackets', () => {
    expect(clauses('申报市级绿色示范村建设3个、实施项目（农村“四旁”植树、护林）1.5万亩，完成').map((c) => c.text)).toEqual(['申报市级绿色示范村建设3个、', '实施项目（农村“四旁”植树、护林）1.5万亩，', '完成']);
  });
  it('treats an unbalanced bracket as running text rather than swallowing the rest', () => {
    expect(nestingDepths('（甲。乙')).toEqual([0, 0, 0, 0]);
  });
});
