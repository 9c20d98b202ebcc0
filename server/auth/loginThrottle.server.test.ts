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

describe('login throttle', () => {
  it(`blocks an e-mail address after ${MAX_FAILURES} failures, from any IP`, () => {
    const throttle = createLoginThrottle(handle.db, () => now);
    for (let i = 0; i < MAX_FAILURES - 1; i++) throttle.record('a@x.nl', `10.0.0.${i}`, false);
    expect(throttle.isBlocked('a@x.nl', '10.0.0.99')).toBe(false);
    throttle.record('a@x.nl', '10.0.0.50', false);
    expect(throttle.isBlocked('a@x.nl', '10.0.0.99')).toBe(true);
    expect(throttle.isBlocked('b@x.nl', '10.0.0.99')).toBe(false);
  });

  it(`blocks an IP address after ${MAX_FAILURES} failures, for any e-mail`, () => {
    const throttle = createLoginThrottle(handle.db, () => now);
    for (let i = 0; i < MAX_FAILURES; i++) throttle.record(`user${i}@x.nl`, '192.0.2.7', false);
    expect(throttle.isBlocked('someone-else@x.nl', '192.0.2.7')).toBe(true);
    expect(throttle.isBlocked('someone-else@x.nl', '192.0.2.8')).toBe(false);
  });

  it('does not count successful logins, and forgets failures after the window', () => {
    const throttle = createLoginThrottle(handle.db, () => now);
    for (let i = 0; i < 10; i++) throttle.record('a@x.nl', '192.0.2.1', true);
    expect(throttle.isBlocked('a@x.nl', '192.0.2.1')).toBe(false);
    for (let i = 0; i < MAX_FAILURES; i++) throttle.record('a@x.nl', '192.0.2.1', false);
    expect(throttle.isBlocked('a@x.nl', '192.0.2.1')).toBe(true);
    now += WINDOW_MS + 1;
    expect(throttle.isBlocked('a@x.nl', '192.0.2.1')).toBe(false);
  });
});
