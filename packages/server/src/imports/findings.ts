/** A finding about an imported file or one of its records (empty list = clean). */
export interface Finding {
  severity: 'error' | 'warning';
  code: string;
  message: string; // Chinese, for the person importing
  field?: string;
}

/** The outcome of a decode step: a value, or the reason (a stable code and a Chinese message) it failed. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; code: string; message: string };
