/** The login throttle with an injected clock: growing delays per e-mail + address, ceilings per e-mail and per address. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../db/database.server';
import { loginAttempts } from '../../db/schema';
import { createLoginThrottle, delayAfter, EMAIL_CEILING, FREE_FAILURES, IP_CEILING, MAX_DELAY_MS } from './loginThrottle.server';

let dir: string;
let handle: DatabaseHandle;
let now: number;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'veiligplan-throttle-'));
  handle = openDatabase(join(dir, 'db.sqlite'));
  now = Date.UTC(2026, 10, 23, 12);
});
afterEach(() => {
  handle.close();
  rmSync(dir, { recursive: true, force: true });
});

type Throttle = ReturnType<typeof createLoginThrottle>;
/** A finished attempt, as the login flow records it; false when the throttle refused it before the password check. */
function attempt(throttle: Throttle, email: string, ip: string, success: boolean): boolean {
  const started = throttle.begin(email, ip);
  if (!('id' in started)) return false;
  if (success) throttle.succeeded(started.id);
  else throttle.failed(started.id);
  return true;
}
const S = 1000;

describe('delayAfter', () => {
  it('is 0,0,0,1,2,4,8… seconds, capped at 15 minutes', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map(delayAfter)).toEqual([0, 0, 0, 1 * S, 2 * S, 4 * S, 8 * S, 16 * S]);
    expect(FREE_FAILURES).toBe(3);
    expect(delayAfter(40)).toBe(MAX_DELAY_MS);
    expect(MAX_DELAY_MS).toBe(15 * 60 * S);
  });
});

describe('login throttle', () => {
  it('makes the next attempt for one e-mail from one address wait longer after each failure, and refuses early while it waits', () => {
    const throttle = createLoginThrottle(handle.db, () => now);
    for (let i = 0; i < 3; i++) expect(attempt(throttle, 'a@x.nl', '192.0.2.1', false)).toBe(true);
    expect(throttle.waitMs('a@x.nl', '192.0.2.1')).toBe(1 * S);
    const refused = throttle.begin('a@x.nl', '192.0.2.1');
    expect(refused).toEqual({ waitMs: 1 * S });
    // A refused attempt is not recorded: it neither counts nor moves the wait.
    expect(handle.db.select().from(loginAttempts).all()).toHaveLength(3);
    now += 1 * S;
    expect(attempt(throttle, 'a@x.nl', '192.0.2.1', false)).toBe(true);
    expect(throttle.waitMs('a@x.nl', '192.0.2.1')).toBe(2 * S);
    now += 2 * S;
    expect(attempt(throttle, 'a@x.nl', '192.0.2.1', false)).toBe(true);
    expect(throttle.waitMs('a@x.nl', '192.0.2.1')).toBe(4 * S);
    now += 1 * S;
    expect(throttle.waitMs('a@x.nl', '192.0.2.1')).toBe(3 * S);
  });

  it('never locks out the right password from another address because of failures on that e-mail elsewhere', () => {
    const throttle = createLoginThrottle(handle.db, () => now);
    for (let i = 0; i < 20; i++) {
      now += MAX_DELAY_MS;
      attempt(throttle, 'a@x.nl', '203.0.113.66', false);
    }
    expect(throttle.waitMs('a@x.nl', '203.0.113.66')).toBeGreaterThan(0);
    expect(throttle.waitMs('a@x.nl', '192.0.2.1')).toBe(0);
    expect(attempt(throttle, 'a@x.nl', '192.0.2.1', true)).toBe(true);
  });

  it(`slows distributed guessing on one e-mail after ${EMAIL_CEILING} failures from many addresses`, () => {
    const throttle = createLoginThrottle(handle.db, () => now);
    for (let i = 0; i < EMAIL_CEILING; i++) expect(attempt(throttle, 'a@x.nl', `10.0.${i >> 8}.${i & 255}`, false)).toBe(true);
    expect(throttle.waitMs('a@x.nl', '10.9.9.9')).toBeGreaterThan(0);
    expect(throttle.waitMs('b@x.nl', '10.9.9.9')).toBe(0);
  });

  it(`slows one address after ${IP_CEILING} failures spread over many e-mail addresses`, () => {
    const throttle = createLoginThrottle(handle.db, () => now);
    for (let i = 0; i < IP_CEILING; i++) expect(attempt(throttle, `gok${i}@x.nl`, '192.0.2.7', false)).toBe(true);
    expect(throttle.waitMs('someone-else@x.nl', '192.0.2.7')).toBeGreaterThan(0);
    expect(throttle.waitMs('someone-else@x.nl', '192.0.2.8')).toBe(0);
  });

  it('forgets the delay after a successful login from that address', () => {
    const throttle = createLoginThrottle(handle.db, () => now);
    for (let i = 0; i < 3; i++) attempt(throttle, 'a@x.nl', '192.0.2.1', false);
    now += 1 * S;
    expect(attempt(throttle, 'a@x.nl', '192.0.2.1', true)).toBe(true);
    now += 1;
    expect(throttle.waitMs('a@x.nl', '192.0.2.1')).toBe(0);
    for (let i = 0; i < 3; i++) expect(attempt(throttle, 'a@x.nl', '192.0.2.1', false)).toBe(true);
  });

  it('forgets old failures after a day', () => {
    const throttle = createLoginThrottle(handle.db, () => now);
    for (let i = 0; i < 10; i++) {
      now += MAX_DELAY_MS;
      attempt(throttle, 'a@x.nl', '192.0.2.1', false);
    }
    expect(throttle.waitMs('a@x.nl', '192.0.2.1')).toBeGreaterThan(0);
    now += 24 * 60 * 60 * S;
    expect(throttle.waitMs('a@x.nl', '192.0.2.1')).toBe(0);
  });

  it('counts an attempt before its password check finishes, so simultaneous attempts cannot slip through', () => {
    const throttle = createLoginThrottle(handle.db, () => now);
    const started = Array.from({ length: 6 }, () => throttle.begin('a@x.nl', '192.0.2.1'));
    expect(started.map((s) => 'id' in s)).toEqual([true, true, true, false, false, false]);
    // However slow the checks are: while one runs, the delay counts from now.
    now += 60 * S;
    expect(throttle.waitMs('a@x.nl', '192.0.2.1')).toBe(1 * S);
  });

  it('runs the delay from the moment the failure is known (a slow password check does not use it up)', () => {
    const throttle = createLoginThrottle(handle.db, () => now);
    for (let i = 0; i < 3; i++) {
      const started = throttle.begin('a@x.nl', '192.0.2.1');
      now += 2 * S; // the password check
      if ('id' in started) throttle.failed(started.id);
    }
    expect(throttle.waitMs('a@x.nl', '192.0.2.1')).toBe(1 * S);
  });
});
