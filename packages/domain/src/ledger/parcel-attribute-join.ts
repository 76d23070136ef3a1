// Issue 5 §1: an inventory often comes as a geometry file carrying little more than the parcel number, and an
// Excel/CSV attribute table (二类调查小班属性表) keyed by the same number. The two are joined by parcel number —
// 林班-小班 when a compartment column is present — and, where the table has a village code, by village too.
import { parcelColumns } from './parcel-attributes.ts';

const norm = (s: string) => s.replace(/\s+/g, '').toUpperCase();

function column(props: Record<string, unknown>, names: readonly string[]): string {
  const keys = Object.keys(props);
  for (const n of names) {
    const k = keys.find((key) => norm(key) === norm(n));
    if (k !== undefined && props[k] !== null && props[k] !== undefined && String(props[k]).trim() !== '') return String(props[k]).trim();
  }
  return '';
}

/** The parcel number (林班-小班 or 小班) and village code a row or feature names; '' / null when absent. */
export function parcelKeyOf(props: Record<string, unknown>): { parcelNo: string; unitCode: string | null } {
  const xb = column(props, parcelColumns.parcelNo);
  const lb = column(props, parcelColumns.compartment);
  const unit = column(props, parcelColumns.unitCode);
  return { parcelNo: xb ? (lb ? `${lb}-${xb}` : xb) : '', unitCode: /^\d{12}$/.test(unit) ? unit : null };
}

export interface AttributeRow {
  row: number; // the spreadsheet row number, for messages
  values: Record<string, unknown>;
}

export interface AttributeIndex {
  byParcel: Map<string, AttributeRow[]>;
  /** Rows that cannot be joined: no parcel number, or the same number and village twice. */
  findings: { row: number; message: string }[];
  used: Set<number>;
  size: number;
}

export function indexAttributeTable(rows: readonly AttributeRow[]): AttributeIndex {
  const byParcel = new Map<string, AttributeRow[]>();
  const findings: AttributeIndex['findings'] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    const key = parcelKeyOf(r.values);
    if (!key.parcelNo) {
      findings.push({ row: r.row, message: `属性表第 ${r.row} 行没有小班号，未使用` });
      continue;
    }
    const full = `${key.unitCode ?? ''}|${key.parcelNo}`;
    const first = seen.get(full);
    if (first !== undefined) {
      findings.push({ row: r.row, message: `属性表第 ${r.row} 行与第 ${first} 行小班号${key.unitCode ? '和村代码' : ''}相同（${key.parcelNo}），未使用` });
      continue;
    }
    seen.set(full, r.row);
    const list = byParcel.get(key.parcelNo) ?? [];
    list.push(r);
    byParcel.set(key.parcelNo, list);
  }
  return { byParcel, findings, used: new Set(), size: rows.length };
}

export type AttributeMatch =
  | { kind: 'matched'; row: AttributeRow }
  | { kind: 'missing' }
  /** Several villages have this parcel number and the feature does not say which: locate it, then ask again. */
  | { kind: 'ambiguous'; rows: number[] };

/** The attribute row of a feature's parcel, given the feature's village when known. */
export function matchAttributeRow(index: AttributeIndex, parcelNo: string, unitCode: string | null): AttributeMatch {
  const list = (index.byParcel.get(parcelNo) ?? []).filter((r) => {
    const u = parcelKeyOf(r.values).unitCode;
    return unitCode === null || u === null || u === unitCode;
  });
  if (list.length === 0) return { kind: 'missing' };
  // An exact village match wins over rows that name no village.
  const exact = unitCode ? list.filter((r) => parcelKeyOf(r.values).unitCode === unitCode) : [];
  if (exact.length === 1) return { kind: 'matched', row: exact[0]! };
  if (list.length === 1) return { kind: 'matched', row: list[0]! };
  return { kind: 'ambiguous', rows: list.map((r) => r.row) };
}

/**
 * The feature's properties with the table's non-empty values laid over them (the table is the inventory's record):
 * where the table gives a field under any of its headings, the feature's value of that field goes, whatever
 * heading it used (a shapefile's `DL` must not outrank the table's `地类`).
 */
export function mergeAttributes(feature: Record<string, unknown>, row: AttributeRow): Record<string, unknown> {
  const given = Object.entries(row.values).filter(([, v]) => v !== null && v !== undefined && String(v).trim() !== '');
  const out: Record<string, unknown> = { ...feature };
  for (const names of Object.values(parcelColumns)) {
    const wanted = new Set(names.map(norm));
    if (!given.some(([k]) => wanted.has(norm(k)))) continue;
    for (const k of Object.keys(out)) if (wanted.has(norm(k))) delete out[k];
  }
  for (const [k, v] of given) {
    for (const existing of Object.keys(out)) if (norm(existing) === norm(k)) delete out[existing];
    out[k] = v;
  }
  return out;
}
