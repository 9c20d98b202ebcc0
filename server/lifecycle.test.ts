/** The server as a separate process: health, graceful shutdown, restart on the same database. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../tests/support/tempDirs';
import { spawnServer } from '../tests/support/spawnServer';
import { startTestServer } from '../tests/support/testServer';

const tempDir = useTempDirs('veiligplan-life-');

describe('server lifecycle', () => {
  it('stops cleanly on SIGTERM and starts again on the same (migrated) database', async () => {
    const databasePath = join(tempDir(), 'db.sqlite');
    const first = await spawnServer({ databasePath, demo: true });
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
    await first.stop('SIGTERM');
    expect(first.child.exitCode).toBe(0);

    const second = await spawnServer({ databasePath, demo: true });
    expect(second.caseId).toBe(first.caseId);
    expect(await (await fetch(`${second.url}/healthz`)).json()).toEqual({ ok: true });
    await second.stop('SIGINT');
    expect(second.child.exitCode).toBe(0);
  });

  it('answers /healthz with 503 when the database does not answer', async () => {
    const server = await startTestServer();
    try {
      server.services.database.sqlite.close();
      const res = await fetch(`${server.url}/healthz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ ok: false });
    } finally {
      await server.stop().catch(() => undefined);
    }
  });
});
