import { hash, verify } from '@node-rs/argon2';

// The library's default algorithm is argon2id (19 MiB, 2 passes: OWASP's minimum recommendation); the
// test in password.test.ts checks the hash says so.
export const hashPassword = (password: string): Promise<string> => hash(password);

let dummyHash: Promise<string> | null = null;

/** Verifies; for an unknown user it still spends one verification so timing does not reveal usernames. */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (storedHash === null) {
    dummyHash ??= hashPassword('linzhang-timing-equaliser');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}
