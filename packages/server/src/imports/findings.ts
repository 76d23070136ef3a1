/** A finding about an imported file or one of its records (empty list = clean). */
export interface Finding {
  severity: 'error' | 'warning';
  code: string;
  message: string; // Chinese, for the person importing
  field?: string;
}
