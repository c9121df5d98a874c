import { hash, verify } from '@node-rs/argon2';

/** Argon2id with the library's defaults (OWASP-level memory cost). */
export const hashPassword = (password: string) => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Verifying against this when the user does not exist keeps login time equal either way. */
export const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2tyYW5rZXNrcmFua2U$4z1XQ3TUz1B1m1bqFZgQ3n1o1Dq8d3vJX6ZQ3m7nB3k';
