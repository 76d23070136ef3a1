// Work plans (DOMAIN.md §10) write numbers both ways: 18.2万亩 and 三千名, 一是 and ①, full-width ３０００ and
// half-width 3000. These helpers read them; they never change the text a person sees.

const digit: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const scale: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Characters of a Chinese numeral below 万 (万 and 亿 stay in the unit as written: 三万亩 → 3 万亩). */
export const chineseNumeralChars = '〇零一二三四五六七八九两十百千';

/** The value of a Chinese numeral below 10 000 (一 → 1, 十二 → 12, 三百零五 → 305, 二〇二四 → 2024), or null. */
export function chineseNumeralValue(text: string): number | null {
  if (!text || [...text].some((c) => !(c in digit) && !(c in scale))) return null;
  if (![...text].some((c) => c in scale)) {
    // Digit by digit, as in a year: 二〇二四.
    return text.length === 1 ? digit[text]! : Number([...text].map((c) => digit[c]).join(''));
  }
  let total = 0;
  let pending: number | null = null;
  for (const c of text) {
    if (c in digit) {
      pending = digit[c]!;
    } else {
      total += (pending ?? 1) * scale[c]!;
      pending = null;
    }
  }
  return total + (pending ?? 0);
}

/**
 * One character for one character: full-width digits, full stop, per cent and comma become half-width, so
 * that positions in the normalised text are positions in the text as written.
 */
export function normaliseWidth(text: string): string {
  return text.replace(/[０-９．％，]/g, (c) => {
    if (c === '．') return '.';
    if (c === '％') return '%';
    if (c === '，') return '，'; // the Chinese comma stays a clause separator
    return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
  });
}

const circled = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

/** ① → 1 … ⑳ → 20, or null. */
export function circledValue(c: string): number | null {
  const i = circled.indexOf(c);
  return i < 0 ? null : i + 1;
}

export const circledChars = circled;

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (to 9999): how Word's chineseCounting numbering writes. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) return String(n);
  if (n === 0) return '〇';
  const digits = '〇一二三四五六七八九';
  const units = ['', '十', '百', '千'];
  const parts = String(n).split('').map(Number).reverse();
  let out = '';
  let zero = false;
  for (let i = parts.length - 1; i >= 0; i -= 1) {
    const d = parts[i]!;
    if (d === 0) {
      zero = out !== '';
      continue;
    }
    if (zero) out += '零';
    zero = false;
    out += (d === 1 && i === 1 && out === '' ? '' : digits[d]!) + units[i]!;
  }
  return out;
}
