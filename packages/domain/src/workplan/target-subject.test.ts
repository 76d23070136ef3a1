import { describe, expect, it } from 'vitest';
import { quantitiesIn } from './quantities.ts';
import { targetSubject } from './target-subject.ts';

/** The subject of every quantity in a sentence, in order. */
const subjects = (s: string) => quantitiesIn(s).map((q) => targetSubject(s, q.start, q.end));

// Issue 8 §1, DOMAIN.md §10 (营造林 18.2万亩, 油茶新造 3万亩, 生态护林员 3000名): the sample plan's own sentences.
describe('targetSubject', () => {
  it('finds the noun phrase before the number, without verbs, scope and comparison words', () => {
    expect(subjects('全县森林覆盖率稳定保持在64.1%以上，林业及相关产业产值达10亿元以上。')).toEqual(['森林覆盖率', '林业及相关产业产值']);
    expect(subjects('选聘生态护林员3000名，强化巡林护林工作，全县管护责任覆盖率达100%。')).toEqual(['生态护林员', '管护责任覆盖率']);
    expect(subjects('三是实施完成重点生态区位非国有林生态赎买1500亩。')).toEqual(['重点生态区位非国有林生态赎买']);
    expect(subjects('二是全面实施渝东南生物多样性保护与综合治理，实施营造林任务18.2万亩。')).toEqual(['营造林']);
    expect(subjects('提质建设“两岸青山·千里林带”，全面完成2024年建设任务0.41万亩。')).toEqual(['建设任务']);
    expect(subjects('三是申报市级绿色示范村建设3个、实施乡村振兴生态补贴项目（农村“四旁”植树）1.5万亩。')).toEqual(['市级绿色示范村', '乡村振兴生态补贴项目（农村“四旁”植树）']);
    expect(subjects('全县林业有害生物成灾率控制在国家下达的指标2‰范围内。')).toEqual(['林业有害生物成灾率']);
    expect(subjects('完成新造油茶3万亩，改造油茶1.45万亩，培育油茶良种苗木1500万株，开发油茶附属产品2款以上，加工茶油1.3万吨，实现茶油加工产值3亿以上。'))
      .toEqual(['新造油茶', '改造油茶', '油茶良种苗木', '油茶附属产品', '加工茶油', '茶油加工产值']);
    expect(subjects('开展国家储备林经营10万亩，新收储林地12万亩，累计流转林地52万亩以上。')).toEqual(['国家储备林经营', '新收储林地', '流转林地']);
    expect(subjects('四是以“酉阳800”林下养蜂1000群直供基地为示范带动。')).toEqual(['林下养蜂']);
  });
  it('takes the phrase after the unit when the number comes first', () => {
    expect(subjects('加快“森林之子”10大森林主体营地建设和1万亩城市彩色森林景观带建设。')).toEqual(['城市彩色森林景观带']);
    expect(subjects('启动10万亩储备林VCS林业碳汇项目策划、包装和立项工作，探索开发100万亩林业碳汇经济。')).toEqual(['储备林VCS林业碳汇项目', '林业碳汇经济']);
  });
  it('reads other plans\' phrasing', () => {
    expect(subjects('新建防火步道20公里，安装视频监控点位82个。')).toEqual(['防火步道', '视频监控点位']);
    expect(subjects('森林火灾受害率控制在0.9‰以内')).toEqual(['森林火灾受害率']);
  });
});
