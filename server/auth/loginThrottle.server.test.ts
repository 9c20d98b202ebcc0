import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../db/database.server';
import { createLoginThrottle, MAX_FAILURES, WINDOW_MS } from './loginThrottle.server';

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

/** A finished attempt, as the login flow records it. */
function attempt(throttle: ReturnType<typeof createLoginThrottle>, email: string, ip: string, success: boolean): void {
  const id = throttle.begin(email, ip);
  if (id !== null && success) throttle.succeeded(id);
}

describe('login throttle', () => {
  it(`blocks an e-mail address after ${MAX_FAILURES} failures, from any IP`, () => {
    const throttle = createLoginThrottle(handle.db, () => now);
    for (let i = 0; i < MAX_FAILURES - 1; i++) attempt(throttle, 'a@x.nl', `10.0.0.${i}`, false);
    expect(throttle.isBlocked('a@x.nl', '10.0.0.99')).toBe(false);
    attempt(throttle, 'a@x.nl', '10.0.0.50', false);
    expect(throttle.isBlocked('a@x.nl', '10.0.0.99')).toBe(true);
    expect(throttle.isBlocked('b@x.nl', '10.0.0.99')).toBe(false);
  });

  it(`blocks an IP address after ${MAX_FAILURES} failures, for any e-mail`, () => {
    const throttle = createLoginThrottle(handle.db, () => now);
    for (let i = 0; i < MAX_FAILURES; i++) attempt(throttle, `user${i}@x.nl`, '192.0.2.7', false);
    expect(throttle.isBlocked('someone-else@x.nl', '192.0.2.7')).toBe(true);
    expect(throttle.isBlocked('someone-else@x.nl', '192.0.2.8')).toBe(false);
  });

  it('does not count successful logins, and forgets failures after the window', () => {
    const throttle = createLoginThrottle(handle.db, () => now);
    for (let i = 0; i < 10; i++) attempt(throttle, 'a@x.nl', '192.0.2.1', true);
    expect(throttle.isBlocked('a@x.nl', '192.0.2.1')).toBe(false);
    for (let i = 0; i < MAX_FAILURES; i++) attempt(throttle, 'a@x.nl', '192.0.2.1', false);
    expect(throttle.isBlocked('a@x.nl', '192.0.2.1')).toBe(true);
    now += WINDOW_MS + 1;
    expect(throttle.isBlocked('a@x.nl', '192.0.2.1')).toBe(false);
  });

  it('counts an attempt before its password check finishes, so simultaneous attempts cannot slip through', () => {
    const throttle = createLoginThrottle(handle.db, () => now);
    // Six attempts started together: none has finished its password check yet.
    const started = Array.from({ length: MAX_FAILURES + 1 }, () => throttle.begin('a@x.nl', `10.1.0.${Math.random()}`));
    expect(started.slice(0, MAX_FAILURES).every((id) => typeof id === 'number')).toBe(true);
    expect(started[MAX_FAILURES]).toBeNull();
  });

  it('a successful attempt stops counting as a failure', () => {
    const throttle = createLoginThrottle(handle.db, () => now);
    for (let i = 0; i < MAX_FAILURES; i++) throttle.succeeded(throttle.begin('a@x.nl', '192.0.2.9')!);
    expect(throttle.isBlocked('a@x.nl', '192.0.2.9')).toBe(false);
  });
});
