import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password.ts';

describe('password hashing', () => {
  it('uses argon2id and verifies only the right password', async () => {
    const h = await hashPassword('demo123');
    expect(h.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(h, 'demo123')).toBe(true);
    expect(await verifyPassword(h, 'demo124')).toBe(false);
    expect(await verifyPassword(null, 'demo123')).toBe(false);
  });
});
