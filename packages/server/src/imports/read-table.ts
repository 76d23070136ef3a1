import ExcelJS from 'exceljs';
import type { Parsed } from './findings.ts';

/** The cells of a worksheet row by column (0-based), empty cells included. */
export function cellsOf(row: ExcelJS.Row): unknown[] {
  const out: unknown[] = [];
  row.eachCell({ includeEmpty: true }, (cell, col) => {
    out[col - 1] = cell.value;
  });
  return out;
}

/** A cell's value as trimmed text (rich text joined, formulas by their result, dates as YYYY-MM-DD). */
export function textOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { text?: unknown; result?: unknown; richText?: { text: string }[] };
    if (v.richText) return v.richText.map((t) => t.text).join('').trim();
    if (v.text !== undefined) return String(v.text).trim();
    if (v.result !== undefined) return String(v.result).trim();
    return '';
  }
  return String(value).trim();
}

export interface TableRows {
  headers: string[];
  headerRow: number;
  rows: { row: number; values: Record<string, string> }[];
  encoding: string | null; // CSV only
}

/** Splits CSV text into records (RFC 4180: quoted fields may hold commas, quotes and line breaks). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') { record.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length) { record.push(field); records.push(record); }
  return records;
}

/**
 * Reads an attribute table from .xlsx (first sheet) or .csv (UTF-8, with or without BOM, else GBK — what Chinese
 * office software writes). The header is the first of the top 10 rows for which `isHeader` holds.
 */
export async function readTable(bytes: Uint8Array, fileName: string, isHeader: (headers: string[]) => boolean, maxRows: number, noHeader = '未找到表头：前 10 行中须有一行列名含“小班号”'): Promise<Parsed<TableRows>> {
  let grid: string[][];
  let encoding: string | null = null;
  if (/\.csv$/i.test(fileName)) {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      encoding = 'utf-8';
    } catch {
      text = new TextDecoder('gbk').decode(bytes);
      encoding = 'gbk';
    }
    grid = parseCsv(text.replace(/^\uFEFF/, '')).map((r) => r.map((c) => c.trim()));
  } else if (/\.xlsx$/i.test(fileName)) {
    const book = new ExcelJS.Workbook();
    try {
      await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    } catch {
      return { ok: false, code: 'table.unreadable', message: '无法读取该 Excel 文件，请确认是 .xlsx 格式且未加密' };
    }
    const sheet = book.worksheets[0];
    if (!sheet) return { ok: false, code: 'table.empty', message: '文件中没有工作表' };
    if (sheet.rowCount > maxRows + 10) return { ok: false, code: 'table.too_many_rows', message: `行数过多，一次最多 ${maxRows} 行` };
    grid = [];
    for (let r = 1; r <= sheet.rowCount; r++) grid.push(cellsOf(sheet.getRow(r)).map(textOf));
  } else {
    return { ok: false, code: 'table.format', message: '属性表须为 Excel (.xlsx) 或 CSV (.csv) 文件' };
  }
  if (grid.length > maxRows + 10) return { ok: false, code: 'table.too_many_rows', message: `行数过多，一次最多 ${maxRows} 行` };
  const at = grid.slice(0, 10).findIndex((r) => isHeader(r));
  if (at < 0) return { ok: false, code: 'table.no_header', message: noHeader };
  const headers = grid[at]!.map((h) => (h ?? '').trim());
  const rows: TableRows['rows'] = [];
  for (let i = at + 1; i < grid.length; i++) {
    const cells = grid[i]!;
    if (cells.every((c) => !c)) continue;
    const values: Record<string, string> = {};
    headers.forEach((h, c) => { if (h) values[h] = cells[c] ?? ''; });
    rows.push({ row: i + 1, values });
  }
  return { ok: true, value: { headers, headerRow: at + 1, rows, encoding } };
}
