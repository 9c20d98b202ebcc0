import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../tests/support/tempDirs';
import { openDatabase } from './database.server';

const tempDir = useTempDirs('veiligplan-db-');
const tempPath = () => join(tempDir(), 'nested', 'dir', 'db.sqlite');

const tableNames = (h: ReturnType<typeof openDatabase>) =>
  (h.sqlite.prepare("select name from sqlite_master where type = 'table' order by name").all() as { name: string }[]).map((r) => r.name);

describe('openDatabase', () => {
  it('creates the directory and migrates an empty database', () => {
    const h = openDatabase(tempPath());
    expect(tableNames(h)).toEqual(
      expect.arrayContaining(['cases', 'children', 'login_attempts', 'organisations', 'participants', 'sessions', 'settings', 'users']),
    );
    h.close();
  });

  it('is idempotent on an already migrated database and keeps its data', () => {
    const path = tempPath();
    const first = openDatabase(path);
    first.sqlite.prepare("insert into organisations (id, name) values ('o1', 'GI Test')").run();
    const applied = first.sqlite.prepare('select count(*) as n from __drizzle_migrations').get();
    first.close();

    const second = openDatabase(path);
    expect(second.sqlite.prepare('select count(*) as n from __drizzle_migrations').get()).toEqual(applied);
    expect(second.sqlite.prepare('select name from organisations').all()).toEqual([{ name: 'GI Test' }]);
    second.close();
  });

  it('runs in WAL mode with synchronous=FULL and foreign keys enforced', () => {
    const h = openDatabase(tempPath());
    expect(h.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(h.sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(h.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(() => h.sqlite.prepare("insert into children (id, case_id, first_name, birth_year) values ('c', 'missing', 'X', 2020)").run()).toThrow(
      /FOREIGN KEY/,
    );
    h.close();
  });
});
