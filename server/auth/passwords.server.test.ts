import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, verifyAgainstDummy, verifyPassword } from './passwords.server';

describe('passwords', () => {
  it('hashes with argon2id and verifies only the right password', async () => {
    const hash = await hashPassword('een lang en geheim wachtwoord');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(hash).not.toContain('geheim');
    expect(await verifyPassword(hash, 'een lang en geheim wachtwoord')).toBe(true);
    expect(await verifyPassword(hash, 'een ander wachtwoord')).toBe(false);
  });

  it('treats a broken hash as a wrong password instead of throwing', async () => {
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
    expect(await verifyAgainstDummy('x')).toBe(false);
  });

  it('generates long random passwords', () => {
    const a = generatePassword();
    expect(a).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(generatePassword()).not.toBe(a);
  });
});
