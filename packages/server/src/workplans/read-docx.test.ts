import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseWorkPlan } from '@linzhang/domain';
import { readDocx } from './read-docx.ts';
import { readPlanFile } from './read-plan-file.ts';

const ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const para = (text: string, numbering?: { numId: number; ilvl: number }) =>
  `<w:p><w:pPr>${numbering ? `<w:numPr><w:ilvl w:val="${numbering.ilvl}"/><w:numId w:val="${numbering.numId}"/></w:numPr>` : ''}</w:pPr>` +
  // Word splits a paragraph into runs wherever formatting changes: the text is the runs joined.
  text.split('|').map((t) => `<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">${t}</w:t></w:r>`).join('') + '</w:p>';

/** A .docx built in the test (reviewable, unlike a committed binary): a body and, optionally, a numbering part. */
function docx(paragraphs: string[], numberingXml?: string): Uint8Array {
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${ns}><w:body>${paragraphs.join('')}<w:sectPr/></w:body></w:document>`),
  };
  if (numberingXml) files['word/numbering.xml'] = strToU8(numberingXml);
  return zipSync(files);
}

// 一、 at level 0 and （一） at level 1, as a Chinese Word template defines them.
const numbering = `<?xml version="1.0"?><w:numbering ${ns}>
  <w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl></w:abstractNum>
  <w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num></w:numbering>`;

// Issue 8 §1: .docx plans — paragraphs from w:p, text from w:t, automatic numbering kept.
describe('readDocx', () => {
  it('reads paragraphs and runs, decoding entities', () => {
    const r = readDocx(docx([para('2024年|工作要点'), para('一、森林覆盖率达到|64.1%以上 &amp; 成灾率&lt;2‰。')]));
    expect(r).toEqual({ ok: true, value: { text: '2024年工作要点\n一、森林覆盖率达到64.1%以上 & 成灾率<2‰。', findings: [] } });
  });

  it('writes automatic numbers in front of the paragraphs they number, restarting deeper levels', () => {
    const n = (ilvl: number) => ({ numId: 3, ilvl });
    const r = readDocx(docx([
      para('示例县2024年林业工作要点'), para('加强森林防火', n(0)), para('建设防火设施', n(1)), para('新建防火步道20公里', n(2)), para('控制火灾损失', n(1)),
      para('推进国土绿化', n(0)), para('完成营造林任务1.2万亩，6月底前完成。', n(1)),
    ], numbering));
    expect(r.ok && r.value.text.split('\n')).toEqual([
      '示例县2024年林业工作要点', '一、加强森林防火', '（一）建设防火设施', '1.新建防火步道20公里', '（二）控制火灾损失', '二、推进国土绿化', '（一）完成营造林任务1.2万亩，6月底前完成。',
    ]);
    const plan = parseWorkPlan(r.ok ? r.value.text : '');
    expect(plan.sections.map((s) => [s.number, s.title, s.tasks.map((t) => t.number)])).toEqual([['一、', '加强森林防火', ['（一）', '（二）']], ['二、', '推进国土绿化', ['（一）']]]);
    expect(plan.sections[0]!.tasks[0]!.targets).toMatchObject([{ subject: '防火步道', value: 20, unit: '公里', op: '=' }]);
    expect(plan.sections[1]!.tasks[0]!.deadline).toBe('2024-06-30');
  });

  it('keeps a numbered paragraph without its number when the numbering part is missing, and says so', () => {
    const r = readDocx(docx([para('一、加强森林防火'), para('建设防火设施', { numId: 3, ilvl: 1 })]));
    expect(r.ok && r.value).toEqual({ text: '一、加强森林防火\n建设防火设施', findings: [expect.stringContaining('1 个段落使用了 Word 自动编号')] });
  });

  it('refuses what is not a .docx', () => {
    expect(readDocx(strToU8('not a zip'))).toEqual({ ok: false, error: '不是有效的 .docx 文件（无法解压）' });
    expect(readDocx(zipSync({ 'a.txt': strToU8('x') }))).toEqual({ ok: false, error: '不是有效的 .docx 文件（缺少 word/document.xml）' });
  });
});

describe('readPlanFile', () => {
  it('reads UTF-8 text with or without a byte-order mark, and GB18030', () => {
    expect(readPlanFile('a.txt', strToU8('\ufeff一、造林'))).toEqual({ ok: true, value: { text: '一、造林', findings: [] } });
    const gbk = new Uint8Array([0xd2, 0xbb, 0xa1, 0xa2, 0xd4, 0xec, 0xc1, 0xd6]); // 一、造林 in GBK
    expect(readPlanFile('a.TXT', gbk)).toEqual({ ok: true, value: { text: '一、造林', findings: ['文件不是 UTF-8 编码，已按 GB18030（GBK）读取'] } });
  });
  it('refuses other types and empty files', () => {
    expect(readPlanFile('plan.pdf', strToU8('x'))).toMatchObject({ ok: false, error: expect.stringContaining('不支持的文件类型 .pdf') });
    expect(readPlanFile('plan.txt', strToU8('  \n'))).toEqual({ ok: false, error: '文件内容为空' });
  });
});
