import type { Finding, Parsed } from './findings.ts';

export interface DbfTable {
  encoding: string; // WHATWG label of the decoder used: 'utf-8', 'gbk', …
  rows: { values: Record<string, unknown>; deleted: boolean }[];
  findings: Finding[];
}

interface Field {
  name: Uint8Array;
  type: string;
  offset: number; // within the record, after the deletion flag
  length: number;
}

// Code pages as .cpg files name them (ESRI writes 'UTF-8', '936', 'GBK', 'ANSI 936', …) → WHATWG labels.
const codePages: Record<string, string> = { '65001': 'utf-8', '936': 'gbk', '54936': 'gb18030', '950': 'big5', '1252': 'windows-1252', '28591': 'iso-8859-1', '88591': 'iso-8859-1' };

/**
 * The attribute table of a Shapefile (dBase III). Text is decoded by the .cpg when it names an encoding;
 * otherwise as UTF-8 when every value is valid UTF-8, else as GBK, which is what Chinese GIS software writes
 * (GBK text is almost never valid UTF-8, so the guess is safe). C fields → trimmed strings, N/F → numbers or
 * null, L → booleans or null, D → 'YYYY-MM-DD' or null.
 */
export function readDbf(b: Uint8Array, cpg: string | null): Parsed<DbfTable> {
  const fail = (message: string): Parsed<DbfTable> => ({ ok: false, code: 'bad_dbf', message });
  if (b.length < 33) return fail('.dbf 文件过短');
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const count = v.getUint32(4, true), headerLength = v.getUint16(8, true), recordLength = v.getUint16(10, true);
  if (headerLength < 33 || recordLength < 1) return fail('.dbf 文件头无效');
  const fields: Field[] = [];
  let offset = 1;
  for (let o = 32; o + 32 <= headerLength && b[o] !== 0x0d; o += 32) {
    const raw = b.subarray(o, o + 11);
    const end = raw.indexOf(0);
    fields.push({ name: raw.subarray(0, end < 0 ? 11 : end), type: String.fromCharCode(b[o + 11]!), offset, length: b[o + 16]! });
    offset += b[o + 16]!;
  }
  if (offset > recordLength) return fail('.dbf 字段长度与记录长度不一致');
  if (headerLength + count * recordLength > b.length + 1) return fail('.dbf 记录不完整（文件被截断）');
  const findings: Finding[] = [];
  const record = (r: number) => b.subarray(headerLength + r * recordLength, headerLength + (r + 1) * recordLength);
  const texts = function* () {
    for (const f of fields) yield f.name;
    for (let r = 0; r < count; r++) {
      const rec = record(r);
      for (const f of fields) if (f.type === 'C') yield rec.subarray(f.offset, f.offset + f.length);
    }
  };
  let encoding = cpg === null ? null : labelOfCpg(cpg);
  if (cpg !== null && encoding === null) {
    findings.push({ severity: 'warning', code: 'unknown_cpg', message: `无法识别 .cpg 中的编码「${cpg.trim().slice(0, 40)}」，已自动判断` });
  }
  encoding ??= allUtf8(texts()) ? 'utf-8' : 'gbk';
  const decoder = new TextDecoder(encoding);
  // A trailing U+FFFD is a character cut off by the field's width (names are at most 10 bytes): dropped.
  const text = (bytes: Uint8Array) => decoder.decode(bytes).replace(/\0/g, '').replace(/\uFFFD+$/, '').trim();
  const names = fields.map((f) => text(f.name));
  const rows: DbfTable['rows'] = [];
  for (let r = 0; r < count; r++) {
    const rec = record(r);
    const values: Record<string, unknown> = {};
    fields.forEach((f, i) => {
      values[names[i]!] = valueOf(f.type, text(rec.subarray(f.offset, f.offset + f.length)));
    });
    rows.push({ values, deleted: rec[0] === 0x2a }); // '*' marks a deleted record
  }
  return { ok: true, value: { encoding, rows, findings } };
}

function valueOf(type: string, text: string): unknown {
  if (type === 'N' || type === 'F') return text === '' || Number.isNaN(Number(text)) ? null : Number(text);
  if (type === 'L') return /^[YyTt]$/.test(text) ? true : /^[NnFf]$/.test(text) ? false : null;
  if (type === 'D') return /^\d{8}$/.test(text) ? `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}` : null;
  return text;
}

/** The WHATWG label of a .cpg's code page, or null when it names none this runtime can decode. */
export function labelOfCpg(cpg: string): string | null {
  const text = cpg.trim();
  const digits = /^(?:ANSI|CP|WINDOWS|MS)?[\s_-]*(\d+)$/i.exec(text)?.[1];
  const label = digits !== undefined ? codePages[digits] : text.replace(/^GB2312$/i, 'gbk');
  if (!label) return null;
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return null;
  }
}

/** Whether every text is valid UTF-8; a character cut off by the field's width is forgiven (streaming decode). */
function allUtf8(texts: Iterable<Uint8Array>): boolean {
  for (const t of texts) {
    if (t.every((byte) => byte < 0x80)) continue;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(t, { stream: true });
    } catch {
      return false;
    }
  }
  return true;
}
