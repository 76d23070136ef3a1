/** A random id the server accepts ([A-Za-z0-9_-]{8,64}); works on plain-HTTP origins, where randomUUID does not. */
export function newClientId(prefix: string): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return `${prefix}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
