import { err, ok, type Result } from '../result.ts';
import type { DeadTreeCondition } from './dead-tree-lifecycle.ts';

// Issue 7 §1: dead pines come in lists — from the autumn survey's field sheets, a drone flight's interpretation, a
// remote-sensing anomaly list (DOMAIN.md §6 "remote-sensing anomalies need ground checks") — as CSV / Excel rows
// or GeoJSON points. One row is one tree; the columns are found by their Chinese or English names.

export const deadTreeImportFields = ['lon', 'lat', 'species', 'dbh', 'condition', 'foundAt', 'person', 'ref'] as const;
export type DeadTreeImportField = (typeof deadTreeImportFields)[number];
export const deadTreeImportFieldNames: Record<DeadTreeImportField, string> = {
  lon: '经度', lat: '纬度', species: '树种', dbh: '胸径', condition: '状态', foundAt: '发现时间', person: '发现人', ref: '编号',
};

const aliases: Record<DeadTreeImportField, readonly string[]> = {
  lon: ['经度', 'lon', 'lng', 'longitude', 'x'],
  lat: ['纬度', 'lat', 'latitude', 'y'],
  species: ['树种', 'species'],
  dbh: ['胸径', '胸径cm', '胸径(cm)', '胸径（cm）', 'dbh', 'dbh_cm'],
  condition: ['状态', '死亡状态', '枯死状态', 'condition', 'status'],
  foundAt: ['发现时间', '发现日期', '调查日期', '日期', 'date', 'found_at', 'time'],
  person: ['发现人', '调查人', 'person', 'observer'],
  ref: ['编号', '序号', '疫木编号', 'id', 'no', 'ref'],
};

const norm = (h: string) => h.trim().toLowerCase().replace(/\s+/g, '');

/** Which column holds each field, and the required fields (经度, 纬度) that no column holds. */
export function deadTreeColumns(headers: readonly string[]): { columns: Partial<Record<DeadTreeImportField, number>>; missing: DeadTreeImportField[] } {
  const columns: Partial<Record<DeadTreeImportField, number>> = {};
  headers.forEach((h, i) => {
    const n = norm(h);
    for (const f of deadTreeImportFields) if (columns[f] === undefined && aliases[f].some((a) => norm(a) === n)) columns[f] = i;
  });
  return { columns, missing: (['lon', 'lat'] as const).filter((f) => columns[f] === undefined) };
}

export interface DeadTreeImportRow {
  lon: number;
  lat: number;
  species: string | null;
  dbhCm: number | null;
  condition: DeadTreeCondition;
  foundAt: string | null; // ISO instant; null = the file's default
  person: string | null;
  ref: string | null;
}

const conditionWords: Record<string, DeadTreeCondition> = { 枯死: 'dead', 死亡: 'dead', 已死亡: 'dead', dead: 'dead', 濒死: 'dying', 垂死: 'dying', 萎蔫: 'dying', dying: 'dying' };

/**
 * A date or date-time cell as an instant: `2026-10-12`, `2026/10/12`, `2026-10-12 09:30`, or ISO with a zone.
 * Without a zone it is Shanghai time; a date alone is noon that day, so that it stays on that date everywhere.
 */
export function parseImportTime(text: string): string | null {
  const s = text.trim();
  if (!s) return null;
  if (/[zZ]$|[+-]\d\d:?\d\d$/.test(s) && /T/.test(s)) {
    const t = Date.parse(s);
    return Number.isNaN(t) ? null : new Date(t).toISOString();
  }
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (!m) return null;
  const [y, mo, d, h, mi, se] = [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 12 : Number(m[4]), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 59) return null;
  const t = Date.UTC(y, mo - 1, d, h - 8, mi, se);
  const back = new Date(Date.UTC(y, mo - 1, d));
  if (back.getUTCMonth() !== mo - 1) return null; // 2026-02-30
  return new Date(t).toISOString();
}

/** One row's cells (by field) as a tree, or what is wrong with it (each finding names its field). */
export function parseDeadTreeRow(cells: Partial<Record<DeadTreeImportField, string>>): Result<DeadTreeImportRow, { field: DeadTreeImportField; message: string }[]> {
  const out: { field: DeadTreeImportField; message: string }[] = [];
  const number = (field: 'lon' | 'lat' | 'dbh', min: number, max: number, required: boolean): number | null => {
    const raw = (cells[field] ?? '').trim();
    if (!raw) {
      if (required) out.push({ field, message: `缺少${deadTreeImportFieldNames[field]}` });
      return null;
    }
    const v = Number(raw);
    if (!Number.isFinite(v) || v < min || v > max) {
      out.push({ field, message: `${deadTreeImportFieldNames[field]}“${raw}”应为 ${min}–${max} 之间的数` });
      return null;
    }
    return v;
  };
  const lon = number('lon', 73, 136, true);
  const lat = number('lat', 3, 54, true);
  const dbhCm = number('dbh', 0.1, 300, false);
  const rawCondition = (cells.condition ?? '').trim();
  let condition: DeadTreeCondition = 'dead';
  if (rawCondition) {
    const c = conditionWords[rawCondition.toLowerCase()];
    if (!c) out.push({ field: 'condition', message: `状态“${rawCondition}”应为 枯死 或 濒死` });
    else condition = c;
  }
  const rawTime = (cells.foundAt ?? '').trim();
  const foundAt = rawTime ? parseImportTime(rawTime) : null;
  if (rawTime && !foundAt) out.push({ field: 'foundAt', message: `发现时间“${rawTime}”无法识别，应如 2026-10-12 或 2026-10-12 09:30` });
  const text = (f: 'species' | 'person' | 'ref', max: number): string | null => {
    const v = (cells[f] ?? '').trim();
    if (v.length > max) out.push({ field: f, message: `${deadTreeImportFieldNames[f]}不超过 ${max} 个字` });
    return v || null;
  };
  const species = text('species', 20), person = text('person', 50), ref = text('ref', 64);
  if (out.length) return err(out);
  return ok({ lon: lon!, lat: lat!, species, dbhCm, condition, foundAt, person, ref });
}
