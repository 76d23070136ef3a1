import { describe, expect, it } from 'vitest';
import { headingMark, inlineOrdinalAt } from './heading-styles.ts';

// DOMAIN.md §10: a plan is a numbered list; GB/T 9704 orders the heading levels 一、 （一） 1. （1）.
describe('headingMark', () => {
  it('reads every heading style, full- and half-width', () => {
    const cases: [string, string, number, string][] = [
      ['第二部分 重点任务', 'part', 2, '重点任务'],
      ['一、推进全面从严治党。', 'chinese', 1, '推进全面从严治党。'],
      ['十一、提升基础支撑能力。', 'chinese', 11, '提升基础支撑能力。'],
      ['（三）加强森林防火', 'paren-chinese', 3, '加强森林防火'],
      ['(三)加强森林防火', 'paren-chinese', 3, '加强森林防火'],
      ['1.新建防火步道', 'arabic', 1, '新建防火步道'],
      ['１２．完善制度', 'arabic', 12, '完善制度'],
      ['2、完善制度', 'arabic', 2, '完善制度'],
      ['（1）巡山护林', 'paren-arabic', 1, '巡山护林'],
      ['（１）巡山护林', 'paren-arabic', 1, '巡山护林'],
      ['③建设瞭望塔', 'circled', 3, '建设瞭望塔'],
    ];
    for (const [line, style, number, rest] of cases) expect(headingMark(line), line).toMatchObject({ style, number, rest });
  });
  it('does not take a number at the start of running text for a heading', () => {
    expect(headingMark('1.5万亩油茶基地已建成。')).toBeNull();
    expect(headingMark('2024年，全县林业工作坚持…')).toBeNull();
    expect(headingMark('一是坚持政治铸魂强基')).toBeNull();
    expect(headingMark('三、')).toBeNull();
  });
});

describe('inlineOrdinalAt', () => {
  it('reads 一是 … 十二是', () => {
    expect(inlineOrdinalAt('一是坚持政治铸魂强基')).toEqual({ number: 1, length: 2 });
    expect(inlineOrdinalAt('十二是加强宣传')).toEqual({ number: 12, length: 3 });
    expect(inlineOrdinalAt('这是')).toBeNull();
  });
});
