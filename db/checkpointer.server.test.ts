import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../tests/support/tempDirs';
import { startCheckpointer } from './checkpointer.server';
import { openDatabase } from './database.server';

const tempDir = useTempDirs('veiligplan-ckpt-');

describe('checkpointer', () => {
  it('moves committed data from the WAL into the database file off the main connection', async () => {
    const path = join(tempDir(), 'db.sqlite');
    const h = openDatabase(path);
    const checkpointer = startCheckpointer(h, 100);
    expect(h.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const before = statSync(path).size;
    h.sqlite.exec('create table t (b blob)');
    const insert = h.sqlite.prepare('insert into t values (?)');
    for (let i = 0; i < 200; i++) insert.run(Buffer.alloc(2000, i));
    // Only the worker checkpoints now, so the main file grows only through it.
    const deadline = Date.now() + 3000;
    while (statSync(path).size <= before + 200 * 2000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(statSync(path).size).toBeGreaterThan(before + 200 * 2000);
    await checkpointer.stop();
    h.close();
  });
});
