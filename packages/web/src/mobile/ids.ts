/** A random id the server accepts ([A-Za-z0-9_-]{8,64}); works on plain-HTTP origins, where randomUUID does not. */
export function newClientId(prefix: string): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return `${prefix}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

const READABLE = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'; // no 0/O, 1/I: read out over the phone without mistakes

/**
 * A receipt number a member of the public can read out (`JB241122-7KQ4M9XT`: 举报, the Shanghai date, 40 random
 * bits). Also the report's id, so a retry after a lost answer files one report.
 */
export function newReceiptId(now: Date = new Date()): string {
  const day = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(2, 10).replaceAll('-', '');
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return `JB${day}-${Array.from(bytes, (b) => READABLE[b % 32]).join('')}`;
}
