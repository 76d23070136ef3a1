import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseWorkPlan, workPlanContract } from './parse-work-plan.ts';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const read = (name: string) => readFileSync(fixture(name), 'utf8');

/**
 * Data-driven cases (maplibre-style-spec habit): each fixture's parse is compared with its expected file;
 * `UPDATE=1 npx vitest run packages/domain/src/workplan` rewrites them, and the diff is reviewed by hand.
 */
function expectMatchesFile(plan: Parameters<typeof workPlanContract>[0], expectedName: string): void {
  const actual = workPlanContract(plan);
  if (process.env.UPDATE) writeFileSync(fixture(expectedName), `${JSON.stringify(actual, null, 2)}\n`);
  expect(actual).toEqual(JSON.parse(read(expectedName)));
}

const targetsOf = (plan: ReturnType<typeof parseWorkPlan>) =>
  plan.sections.flatMap((s) => s.tasks.flatMap((t) => t.targets.map((g) => [s.number, t.number, g.subject, g.op, g.value, g.unit])));

// Issue 8 §1 done-when: importing the sample plan (Youyang 2024, DOMAIN.md §10) yields its sections and every
// quantity in it with the right unit and comparison, each with its sentence. The table below was checked by
// reading the sample sentence by sentence; the numbers it leaves out are years (2024年, 2023—2027年), a meeting
// ordinal (第 5 次, in the cover letter), ordinals (第二轮, 第三轮), a document number (渝委办发〔2024〕2号), quoted
// names ("酉阳800", "135", "千名专家进千村" …), set phrases (八项规定) and "10大森林主体营地" (大 is no unit).
describe('parseWorkPlan on the Youyang 2024 sample', () => {
  const plan = parseWorkPlan(read('youyang-2024.txt'));

  it('reads the title, the year and the eleven sections, dropping the cover letter', () => {
    expect(plan.title).toBe('酉阳土家族苗族自治县林业局2024年工作要点');
    expect(plan.year).toBe(2024);
    expect(plan.sections.map((s) => s.number)).toEqual([null, '一、', '二、', '三、', '四、', '五、', '六、', '七、', '八、', '九、', '十、', '十一、']);
    expect(plan.sections[2]!.title).toBe('推深做实林长制'); // written "二是推深做实林长制。" in the sample
    expect(plan.findings.map((f) => f.line)).toEqual([1, 9]);
    expect(plan.sections.slice(1).map((s) => s.tasks.length)).toEqual([8, 5, 4, 5, 7, 6, 6, 7, 5, 4, 7]);
    expect(JSON.stringify(plan)).not.toContain('bookmark');
  });

  it('finds every quantity with its unit and comparison', () => {
    expect(targetsOf(plan)).toEqual([
      [null, null, '森林覆盖率', '>=', 64.1, '%'],
      [null, null, '林业及相关产业产值', '>=', 10, '亿元'],
      ['二、', '二是', '生态护林员', '=', 3000, '名'],
      ['二、', '二是', '管护责任覆盖率', '>=', 100, '%'],
      ['三、', '三是', '重点生态区位非国有林生态赎买', '=', 1500, '亩'],
      ['四、', '一是', '国家储备林经营', '=', 10, '万亩'],
      ['四、', '一是', '新收储林地', '=', 12, '万亩'],
      ['四、', '一是', '流转林地', '>=', 52, '万亩'],
      ['四、', '二是', '城市彩色森林景观带', '=', 1, '万亩'],
      ['四、', '四是', '林下养蜂', '=', 1000, '群'],
      ['四、', '五是', '储备林VCS林业碳汇项目', '=', 10, '万亩'],
      ['四、', '五是', '林业碳汇经济', '=', 100, '万亩'],
      ['五、', '一是', '建设任务', '=', 0.41, '万亩'],
      ['五、', '二是', '营造林', '=', 18.2, '万亩'],
      ['五、', '三是', '市级绿色示范村', '=', 3, '个'],
      ['五、', '三是', '乡村振兴生态补贴项目（农村“四旁”植树）', '=', 1.5, '万亩'],
      ['五、', '四是', '义务植树尽责率', '>=', 95, '%'],
      ['五、', '六是', '主要造林树种良种使用率', '>=', 75, '%'],
      ['八、', '六是', '林业有害生物成灾率', '<=', 2, '‰'],
      ['九、', '一是', '新造油茶', '=', 3, '万亩'],
      ['九、', '一是', '改造油茶', '=', 1.45, '万亩'],
      ['九、', '一是', '油茶良种苗木', '=', 1500, '万株'],
      ['九、', '一是', '油茶附属产品', '>=', 2, '款'],
      ['九、', '一是', '加工茶油', '=', 1.3, '万吨'],
      ['九、', '一是', '茶油加工产值', '>=', 3, '亿'],
    ]);
  });

  it('keeps each target\'s sentence, which contains its number', () => {
    const all = plan.sections.flatMap((s) => s.tasks.flatMap((t) => t.targets));
    for (const t of all) expect(t.text).toContain(String(t.value));
    expect(all.find((t) => t.subject === '营造林')!.text).toBe('二是全面实施渝东南生物多样性保护与综合治理，实施营造林任务18.2万亩。'.slice(2));
  });

  it('states no duty rule or deadline (the sample writes none)', () => {
    expect(plan.sections.flatMap((s) => s.tasks.flatMap((t) => t.rules))).toEqual([]);
    expect(plan.sections.flatMap((s) => s.tasks.filter((t) => t.deadline))).toEqual([]);
  });

  it('matches the reviewed expected file', () => {
    expectMatchesFile(plan, 'youyang-2024.expected.json');
  });
});

// Other plans number differently: (一) tasks on their own lines with deeper 1. 2.; 1. tasks with (1) inside;
// 第一部分 sections with 一、 tasks and ①②. These fixtures are written for the parser, not taken from a county.
describe('parseWorkPlan on other numbering styles', () => {
  it('reads （一） tasks, duty rules and deadlines (DOMAIN.md §1 Banan duty table)', () => {
    const plan = parseWorkPlan(read('district-2023-paren.txt'));
    expect(plan.title).toBe('示例区林业局2023年林长制工作要点');
    expect(plan.sections.map((s) => [s.number, s.title, s.tasks.map((t) => t.number)])).toEqual([
      [null, '总体要求', [null]], ['一、', '压实林长责任', ['（一）', '（二）']], ['二、', '加强森林防火', ['（一）', '（二）']], ['三、', '推进国土绿化', ['（一）', '（二）']],
    ]);
    const rules = plan.sections[1]!.tasks[0]!.rules.map((r) => [r.role, r.action, r.period, r.min]);
    expect(rules).toEqual([
      ['town_chief', 'patrol', 'quarter', 1], ['village_chief', 'patrol', 'week', 1], ['forest_farm_chief', 'patrol', 'week', 1],
      ['village_chief', 'report', 'month', 1], ['town_chief', 'report', 'half-year', 1],
    ]);
    expect(plan.sections[1]!.tasks[0]!.targets).toEqual([]); // the rules' "1次" are not targets
    expect(plan.sections[1]!.tasks[1]!.deadline).toBe('2023-12-15');
    expect(plan.sections[3]!.tasks[0]!.deadline).toBe('2023-06-30');
    expect(targetsOf(plan).map((t) => t.slice(2))).toEqual([
      ['森林覆盖率', '>=', 52, '%'], ['防火步道', '=', 20, '公里'], ['视频监控点位', '=', 82, '个'], ['改造蓄水池', '=', 5, '座'],
      ['森林火灾受害率', '<=', 0.9, '‰'], ['营造林', '=', 1.2, '万亩'], ['人工造林', '=', 0.3, '万亩'], ['义务植树', '=', 30, '万株'],
    ]);
    expectMatchesFile(plan, 'district-2023-paren.expected.json');
  });

  it('reads 1. tasks with (1) inside them, ranges and half-width brackets', () => {
    const plan = parseWorkPlan(read('county-arabic.txt'));
    expect(plan.year).toBe(2025);
    expect(plan.sections.map((s) => s.tasks.map((t) => t.number))).toEqual([['1.', '2.'], ['1.', '2.', '3.']]);
    expect(targetsOf(plan).map((t) => t.slice(2))).toEqual([
      ['林地保有量', '>=', 350, '万亩'], ['征占用林地', '<=', 300, '亩'], ['林地执法专项行动', '>=', 2, '次'], ['林地管理示范点', '>=', 3, '个'], ['林地管理示范点', '<=', 5, '个'],
      ['管护天然林', '=', 120, '万亩'], ['油茶基地', '=', 1, '万亩'], ['低产林改造', '>=', 5000, '亩'], ['低产林改造', '<=', 8000, '亩'],
      ['林下经济示范基地', '=', 10, '家'], ['林业总产值', '>=', 50, '亿元'], ['生态护林员', '=', 1500, '名'],
    ]);
    expect(plan.sections[1]!.tasks[2]!.rules.map((r) => [r.role, r.action, r.period, r.min])).toEqual([['ranger', 'patrol', 'week', 3], ['ranger', 'report', 'month', 1]]);
    expect(plan.sections[0]!.tasks[1]!.deadline).toBe('2025-06-30');
    expectMatchesFile(plan, 'county-arabic.expected.json');
  });

  it('reads 第一部分 sections with 一、 tasks and circled numbers inside', () => {
    const plan = parseWorkPlan(read('city-parts.txt'));
    expect(plan.sections.map((s) => [s.number, s.title, s.tasks.map((t) => t.title)])).toEqual([
      ['第一部分', '总体目标', ['总体目标']], ['第二部分', '重点任务', ['基础设施建设', '队伍建设']], ['第三部分', '保障措施', ['加强组织领导']],
    ]);
    expect(targetsOf(plan).map((t) => t.slice(2, 6))).toEqual([
      ['森林火灾受害率', '<=', 1, '‰'], ['森林火灾24小时扑灭率', '>=', 95, '%'], ['生物防火林带', '=', 50, '公里'], ['瞭望塔', '=', 2, '座'], ['防火通道', '=', 30, '千米'],
      ['专业扑火队伍', '=', 3, '支'], ['每支', '>=', 30, '人'],
    ]);
    expect(plan.sections[2]!.tasks[0]!.rules).toEqual([{ text: '每季度召开一次森林防火工作调度会议。', action: 'meeting', period: 'quarter', min: 1 }]);
    expectMatchesFile(plan, 'city-parts.expected.json');
  });

  it('passes a year in when the title has none, and says when neither is known', () => {
    const text = '林业工作要点\n一、造林绿化\n（一）6月底前完成造林1万亩。\n（二）年底前完成验收。';
    expect(parseWorkPlan(text).sections[0]!.tasks[0]).not.toHaveProperty('deadline');
    expect(parseWorkPlan(text).findings.some((f) => f.message.includes('未从标题读出年度'))).toBe(true);
    expect(parseWorkPlan(text, { year: 2026 }).sections[0]!.tasks.map((t) => t.deadline)).toEqual(['2026-06-30', '2026-12-31']);
  });

  it('reads a plan with no headings as one part and says so', () => {
    const plan = parseWorkPlan('一是新建防火步道20公里。二是安装视频监控点位82个。');
    expect(plan.findings.some((f) => f.message.includes('未识别出'))).toBe(true);
    expect(targetsOf(plan).map((t) => t[2])).toEqual(['防火步道', '视频监控点位']);
  });
});
