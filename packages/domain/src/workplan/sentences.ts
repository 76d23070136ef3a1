// Sentences and clauses of a plan's text, aware of brackets and quotes: 《…（2023—2027年）》 and “…。” are
// never cut.

const opening = '（(《〈“‘「『【〔[';
const closing = '）)》〉”’」』】〕]';

/** For every character, how many brackets or quotes it stands inside (0 = running text). */
export function nestingDepths(text: string): number[] {
  const depths: number[] = [];
  let depth = 0;
  for (const c of text) {
    if (closing.includes(c) && depth > 0) {
      depth -= 1;
      depths.push(depth);
      continue;
    }
    depths.push(depth);
    if (opening.includes(c)) depth += 1;
  }
  // An unbalanced opening (a typo) would swallow the rest of the text: then nothing counts as nested.
  return depth === 0 ? depths : depths.map(() => 0);
}

export interface Span {
  start: number;
  end: number;
  text: string;
}

function cut(text: string, separators: string): Span[] {
  // Index by UTF-16 code units (as String#slice does); the plan's characters are all in the BMP.
  const depths = nestingDepths(text);
  const spans: Span[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    if (depths[i] === 0 && separators.includes(text[i]!)) {
      push(spans, text, start, i + 1);
      start = i + 1;
    }
  }
  push(spans, text, start, text.length);
  return spans;
}

function push(spans: Span[], text: string, start: number, end: number): void {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s]!)) s += 1;
  while (e > s && /\s/.test(text[e - 1]!)) e -= 1;
  if (e > s) spans.push({ start: s, end: e, text: text.slice(s, e) });
}

/** Sentences end at 。！？ and at a line break (outside brackets and quotes). */
export const sentences = (text: string): Span[] => cut(text, '。！？!?\n');

/** Clauses end where sentences do and at ，；：、 — the stretch a number and its subject share. */
export const clauses = (text: string): Span[] => cut(text, '。！？!?\n，,；;：:、');
