/**
 * The second factor's building blocks (ADR 032): TOTP secrets and codes
 * (otplib 13, RFC 6238 defaults: SHA-1, 6 digits, 30 s, one step of clock
 * drift either way) and single-use recovery codes, of which only argon2id
 * hashes are stored. A code is accepted at most once per account: the
 * last accepted time step is stored with the account (users.totp_last_step).
 */
import { randomBytes } from 'node:crypto';
import { generateSecret, generateSync, generateURI, verifySync } from 'otplib';
import argon2 from 'argon2';
import { verifyPassword } from './passwords.server';

export const RECOVERY_CODE_COUNT = 10;
const ISSUER = 'Veiligplan';
/** Crockford-like alphabet without look-alikes (0/O, 1/I/L). */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export const newTotpSecret = (): string => generateSecret();

export const totpUri = (secret: string, email: string): string => generateURI({ issuer: ISSUER, label: email, secret });

/** The current code of a secret (tests and the demo only). */
export const currentTotpCode = (secret: string, at = Date.now()): string => generateSync({ secret, epoch: Math.floor(at / 1000) });

/** "123 456" and "123456" are the same code; anything else that is not 6 digits is not one. */
export function normaliseTotpCode(raw: string): string | null {
  const code = raw.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(code) ? code : null;
}

/**
 * The time step `code` belongs to when it is the secret's current code (±1
 * step) and lies after `afterStep` (the last step this account used), else
 * null. The caller stores the step it gets, conditionally, in the same write
 * that accepts it: that makes a code single-use across requests and restarts.
 */
export function verifyTotp(secret: string, rawCode: string, at: number, afterStep: number | null): number | null {
  const token = normaliseTotpCode(rawCode);
  if (!token) return null;
  try {
    const result = verifySync({ secret, token, epoch: Math.floor(at / 1000), epochTolerance: 30, afterTimeStep: afterStep ?? undefined });
    if (!result.valid) return null;
    return 'timeStep' in result ? result.timeStep : Math.floor(at / 30_000);
  } catch {
    return null;
  }
}

/** Ten fresh recovery codes ("ABCD-EFGH-JK"), shown once. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = randomBytes(10);
    const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 10)}`;
  });
}

/** Case and dashes do not matter when typing a recovery code back. */
export function normaliseRecoveryCode(raw: string): string | null {
  const code = raw.replace(/[\s-]/g, '').toUpperCase();
  return /^[A-Z0-9]{10}$/.test(code) ? code : null;
}

/**
 * argon2id with light parameters: a recovery code is ~50 random bits, not a
 * chosen password, so the cost that protects weak passwords buys nothing
 * here, while ten hashes per set-up (and up to ten checks per use) must stay quick.
 */
export const hashRecoveryCode = (code: string): Promise<string> =>
  argon2.hash(normaliseRecoveryCode(code) ?? code, { type: argon2.argon2id, memoryCost: 4096, timeCost: 2, parallelism: 1 });

/** The id of the (unused) stored code this one matches, or null. */
export async function matchRecoveryCode(stored: { id: number; codeHash: string }[], raw: string): Promise<number | null> {
  const code = normaliseRecoveryCode(raw);
  if (!code) return null;
  for (const row of stored) {
    if (await verifyPassword(row.codeHash, code)) return row.id;
  }
  return null;
}
