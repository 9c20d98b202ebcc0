/** The browser bundle must never contain server code (database, password hashing, server modules). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BUILD = join(import.meta.dirname, '../../public/build');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
}

describe('browser bundle', () => {
  it('contains no server-only code', () => {
    const js = files(BUILD).filter((f) => f.endsWith('.js'));
    expect(js.length).toBeGreaterThan(0);
    for (const file of js) {
      const source = readFileSync(file, 'utf8');
      // ZodError: zod itself (the forms are validated on the server only); the last one is a text of forms.server.ts.
      for (const marker of [
        'drizzle-orm',
        'better-sqlite3',
        'argon2',
        'sqliteTable',
        'createSessionStorage',
        'qrcode',
        'ZodError',
        'Dit formulier kon niet worden gelezen',
      ]) {
        expect(source.includes(marker), `${marker} in ${file}`).toBe(false);
      }
    }
  });
});
