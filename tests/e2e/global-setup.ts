/** Starts one real server with the demo case for the browser tests; returns its teardown. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnServer } from '../support/spawnServer';

export default async function globalSetup() {
  const dir = mkdtempSync(join(tmpdir(), 'veiligplan-e2e-'));
  const databasePath = join(dir, 'e2e.sqlite');
  const server = await spawnServer({ databasePath, demo: true });
  process.env.E2E_DATABASE_PATH = databasePath;
  process.env.E2E_BASE_URL = server.url;
  process.env.E2E_CASE_ID = server.caseId ?? '';
  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
