/**
 * Password hashing with argon2id (the `argon2` library; parameters are its
 * defaults for argon2id). NO_PASSWORD marks an account that has no password
 * yet (invited) or no longer (reset): it never verifies, and checking it
 * costs the same time as a real check.
 */
import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';

export const MIN_PASSWORD_LENGTH = 12;

/** The stored hash of an account without a password (invited, or reset by the beheerder): never verifies. */
export const NO_PASSWORD = '!';

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  if (hash === NO_PASSWORD) return verifyAgainstDummy(password);
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the time of one verification when there is no account, so a wrong
 * e-mail and a wrong password cannot be told apart by timing.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(await dummyHash, password);
  return false;
}

/** A random password of 20 URL-safe characters (120 bits). */
export function generatePassword(): string {
  return randomBytes(15).toString('base64url');
}
