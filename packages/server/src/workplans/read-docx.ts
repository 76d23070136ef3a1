import { strFromU8, unzipSync } from 'fflate';
import { chineseNumeral, circledChars } from '@linzhang/domain';

// Issue 8 §1: a .docx is a zip holding word/document.xml. Paragraphs are <w:p>, their text the <w:t> runs. A heading
// numbered by Word's automatic numbering (<w:numPr>) has no number in its text: the number is rebuilt from
// word/numbering.xml (format and pattern of each level, counted per list) so that the outline parser sees
// "一、" or "（一）" as a person sees it. When the definition is missing, the paragraph is kept without a number and
// a finding says so — the outline then relies on the numbers written in the text.

export interface DocxText {
  text: string;
  findings: string[];
}

const entity: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (all, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (entity[e] ?? all));

const attr = (xml: string, element: string, name = 'w:val'): string | undefined => new RegExp(`<${element}\\b[^>]*\\b${name}="([^"]*)"`).exec(xml)?.[1];

interface Level {
  format: string;
  pattern: string;
  start: number;
}

/** numId → ilvl → level, from word/numbering.xml. */
function numberingOf(xml: string | undefined): Map<string, Map<number, Level>> {
  const result = new Map<string, Map<number, Level>>();
  if (!xml) return result;
  const abstracts = new Map<string, Map<number, Level>>();
  for (const a of xml.matchAll(/<w:abstractNum\b[^>]*w:abstractNumId="([^"]+)"[^>]*>([\s\S]*?)<\/w:abstractNum>/g)) {
    const levels = new Map<number, Level>();
    for (const l of a[2]!.matchAll(/<w:lvl\b[^>]*w:ilvl="(\d+)"[^>]*>([\s\S]*?)<\/w:lvl>/g)) {
      levels.set(Number(l[1]), { format: attr(l[2]!, 'w:numFmt') ?? 'decimal', pattern: decode(attr(l[2]!, 'w:lvlText') ?? ''), start: Number(attr(l[2]!, 'w:start') ?? 1) });
    }
    abstracts.set(a[1]!, levels);
  }
  for (const n of xml.matchAll(/<w:num\b[^>]*w:numId="([^"]+)"[^>]*>([\s\S]*?)<\/w:num>/g)) {
    const levels = abstracts.get(attr(n[2]!, 'w:abstractNumId') ?? '');
    if (levels) result.set(n[1]!, levels);
  }
  return result;
}

function formatNumber(n: number, format: string): string {
  if (/^(?:chineseCounting|chineseCountingThousand|ideographTraditional|japaneseCounting|taiwaneseCounting)/.test(format)) return chineseNumeral(n);
  if (/^decimalEnclosedCircle/.test(format)) return circledChars[n - 1] ?? String(n);
  if (format === 'upperLetter') return String.fromCharCode(64 + (((n - 1) % 26) + 1));
  if (format === 'lowerLetter') return String.fromCharCode(96 + (((n - 1) % 26) + 1));
  if (format === 'decimalFullWidth') return String(n).replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
  return format === 'none' || format === 'bullet' ? '' : String(n);
}

/** The text of a .docx: one line per paragraph, automatic numbers written in front of the paragraphs they number. */
export function readDocx(content: Uint8Array): { ok: true; value: DocxText } | { ok: false; error: string } {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(content, { filter: (f) => f.name === 'word/document.xml' || f.name === 'word/numbering.xml' });
  } catch {
    return { ok: false, error: '不是有效的 .docx 文件（无法解压）' };
  }
  const documentXml = files['word/document.xml'];
  if (!documentXml) return { ok: false, error: '不是有效的 .docx 文件（缺少 word/document.xml）' };
  const numbering = numberingOf(files['word/numbering.xml'] ? strFromU8(files['word/numbering.xml']) : undefined);
  const counters = new Map<string, number[]>();
  const findings: string[] = [];
  const lines: string[] = [];
  let unnumbered = 0;
  for (const p of strFromU8(documentXml).matchAll(/<w:p\b[^>]*?(?:\/>|>([\s\S]*?)<\/w:p>)/g)) {
    const body = p[1] ?? '';
    let text = '';
    for (const r of body.matchAll(/<w:t\b[^>]*?(?:\/>|>([\s\S]*?)<\/w:t>)|<w:(tab|br|cr)\b[^>]*\/>/g)) {
      if (r[2] === 'tab') text += '\t';
      else if (r[2]) text += '\n';
      else text += decode(r[1] ?? '');
    }
    const numPr = /<w:numPr>([\s\S]*?)<\/w:numPr>/.exec(body)?.[1];
    if (numPr) {
      const numId = attr(numPr, 'w:numId');
      const ilvl = Number(attr(numPr, 'w:ilvl') ?? 0);
      const levels = numId ? numbering.get(numId) : undefined;
      const level = levels?.get(ilvl);
      if (numId && numId !== '0' && levels && level) {
        const count = counters.get(numId) ?? [];
        count[ilvl] = count[ilvl] === undefined ? level.start : count[ilvl]! + 1;
        count.length = ilvl + 1; // a deeper level starts again under each new heading
        counters.set(numId, count);
        const marker = level.pattern.replace(/%(\d)/g, (_m, k: string) => {
          const i = Number(k) - 1;
          const l = levels.get(i);
          return formatNumber(count[i] ?? l?.start ?? 1, i === ilvl ? level.format : (l?.format ?? 'decimal'));
        });
        text = marker + text;
      } else if (numId !== '0') {
        unnumbered += 1;
      }
    }
    lines.push(text);
  }
  if (unnumbered) findings.push(`${unnumbered} 个段落使用了 Word 自动编号，但文件中缺少对应的编号定义，编号未能还原，已按正文中写出的序号划分层级`);
  return { ok: true, value: { text: lines.join('\n'), findings } };
}
