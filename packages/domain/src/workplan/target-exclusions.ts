// DOMAIN.md §10, issue 8 §1: years, dates, document numbers, list ordinals and set phrases carry numbers that are
// not targets. Years and dates never reach a unit (年 月 日 号 are not units); this file masks the rest.

/** Quotations, titles and the brackets of a document number: a number inside names something, it counts nothing. */
const quoting: Record<string, string> = { '“': '”', '‘': '’', '《': '》', '「': '」', '『': '』', '〔': '〕', '【': '】', '〈': '〉', '"': '"' };

/**
 * Set phrases of Party and forestry writing whose numeral is part of the name (中央八项规定, 十户联防 …); usually
 * quoted, but not always.
 */
export const setPhrases = ['八项规定', '四个意识', '四个自信', '两个维护', '两个确立', '三会一课', '一岗双责', '一长三员', '一长两员', '十户联防', '三重一大', '一票否决', '四风'];

/** Document numbers: 酉林发〔2024〕3号, 渝委办发[2024]2号, 市政府令第370号. */
const documentNumber = /[\u4e00-\u9fa5]{1,12}[〔[(（]\d{4}[〕\])）]\s*\d+\s*号|第\s*\d+\s*号/g;

/** For every position of `text`, whether a number standing there is excluded from the targets. */
export function excludedPositions(text: string): boolean[] {
  const excluded = new Array<boolean>(text.length).fill(false);
  const open: { c: string; at: number }[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    const innermost = open[open.length - 1];
    if (innermost !== undefined && c === quoting[innermost.c]) {
      open.pop();
      excluded[i] = true;
      continue;
    }
    if (c in quoting) {
      open.push({ c, at: i });
      excluded[i] = true;
      continue;
    }
    if (open.length) excluded[i] = true;
  }
  // A quotation never closed is a typo, not a name that runs to the end of the text.
  if (open.length) {
    for (let i = open[0]!.at; i < text.length; i += 1) excluded[i] = false;
  }
  const mark = (start: number, end: number) => {
    for (let i = start; i < end; i += 1) excluded[i] = true;
  };
  for (const m of text.matchAll(documentNumber)) mark(m.index, m.index + m[0].length);
  for (const phrase of setPhrases) {
    for (let i = text.indexOf(phrase); i >= 0; i = text.indexOf(phrase, i + 1)) mark(i, i + phrase.length);
  }
  return excluded;
}

/** 第一, 第 5 次, 第三轮: an ordinal, not a count. `before` is the text just before the number. */
export const isOrdinal = (before: string): boolean => /第\s*$/.test(before);
