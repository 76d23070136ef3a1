import { describe, expect, it } from 'vitest';
import { quantitiesIn } from './quantities.ts';

const read = (s: string) => quantitiesIn(s).map((q) => [q.value, q.unit, q.op]);

// Issue 8 §1, DOMAIN.md §10: 营造林 18.2万亩, 生态护林员 3000名, 森林覆盖率 ≥ 64.1%, 成灾率 ≤ 2‰, 视频监控点位 82个.
describe('quantitiesIn', () => {
  it('reads the sample plan\'s quantities with the unit as written', () => {
    expect(read('实施营造林任务18.2万亩。')).toEqual([[18.2, '万亩', '=']]);
    expect(read('选聘生态护林员3000名，强化巡林护林工作，全县管护责任覆盖率达100%。')).toEqual([[3000, '名', '='], [100, '%', '>=']]);
    expect(read('全县森林覆盖率稳定保持在64.1%以上，林业及相关产业产值达10亿元以上。')).toEqual([[64.1, '%', '>='], [10, '亿元', '>=']]);
    expect(read('全县林业有害生物成灾率控制在国家下达的指标2‰范围内。')).toEqual([[2, '‰', '<=']]);
    expect(read('培育油茶良种苗木1500万株，开发油茶附属产品2款以上，实现茶油加工产值3亿以上。')).toEqual([[1500, '万株', '='], [2, '款', '>='], [3, '亿', '>=']]);
  });
  it('reads Chinese numerals and full-width digits', () => {
    expect(read('新建瞭望塔三座，选聘护林员两千名')).toEqual([[3, '座', '='], [2000, '名', '=']]);
    expect(read('完成营造林十八万亩')).toEqual([[18, '万亩', '=']]);
    expect(read('新建防火步道２０公里，覆盖率达到９５％以上')).toEqual([[20, '公里', '='], [95, '%', '>=']]);
    expect(read('良种使用率达到百分之七十五')).toEqual([[75, '%', '>=']]);
    expect(read('选聘护林员1,200名')).toEqual([[1200, '名', '=']]);
  });
  it('reads a range as at least its low and at most its high end', () => {
    expect(read('每村建设3—5个示范点')).toEqual([[3, '个', '>='], [5, '个', '<=']]);
    expect(read('新造林1至2万亩')).toEqual([[1, '万亩', '>='], [2, '万亩', '<=']]);
    expect(read('低产林改造5000亩至8000亩')).toEqual([[5000, '亩', '>='], [8000, '亩', '<=']]);
    expect(quantitiesIn('低产林改造5000亩至8000亩')[1]).toMatchObject({ rangeEnd: true });
  });
  it('does not read years, dates, document numbers, ordinals, quotations or set phrases as targets', () => {
    expect(read('全面完成2024年建设任务0.41万亩')).toEqual([[0.41, '万亩', '=']]);
    expect(read('6月30日前完成，2023—2027年')).toEqual([]);
    expect(read('细化落实《实施方案》（渝委办发〔2024〕2号）')).toEqual([]);
    expect(read('做好第三轮中央环保督察，经第 5 次会议审议')).toEqual([]);
    expect(read('增强“四个意识”，落实森林火情“135”早期处理机制，以“酉阳800”林下养蜂1000群直供基地为示范')).toEqual([[1000, '群', '=']]);
    expect(read('严格落实中央八项规定精神，一是坚持，二是巩固')).toEqual([]);
    expect(read('1.新建防火步道20公里')).toEqual([[20, '公里', '=']]);
  });
  it('does not read an article 一个 / 一批 / 一次性 or a duration as a count', () => {
    expect(read('打造一个示范基地，推出一批品牌，一次性补贴，3个月内完成')).toEqual([]);
    expect(read('每村至少建设一个示范点')).toEqual([[1, '个', '>=']]);
    expect(read('完成一万亩')).toEqual([[1, '万亩', '=']]);
  });
  it('reads 余/多 as at least', () => {
    expect(read('培训护林员3000余名')).toEqual([[3000, '名', '>=']]);
  });
  it('skips spans read as something else', () => {
    const s = '村级林长每周巡林不少于1次';
    expect(quantitiesIn(s, [{ start: s.indexOf('1'), end: s.length }])).toEqual([]);
  });
});
