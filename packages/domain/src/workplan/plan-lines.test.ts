import { describe, expect, it } from 'vitest';
import { planLines } from './plan-lines.ts';

// DOMAIN.md §10: the plan's text as a person wrote it, without the traces a Word → text conversion leaves.
describe('planLines', () => {
  it('drops bookmarks, blank lines and page numbers, keeping the source line numbers', () => {
    const text = '标题\n \n[bookmark: _GoBack]一、推进全面从严治党。\n— 2 —\n第 3 页 共 10 页\n\u3000\u3000（一）加强组织建设\r\n';
    expect(planLines(text)).toEqual([
      { line: 1, text: '标题' },
      { line: 3, text: '一、推进全面从严治党。' },
      { line: 6, text: '（一）加强组织建设' },
    ]);
  });
  it('keeps a line that merely starts with a number', () => {
    expect(planLines('2024年工作要点\n3000名').map((l) => l.text)).toEqual(['2024年工作要点', '3000名']);
  });
});
