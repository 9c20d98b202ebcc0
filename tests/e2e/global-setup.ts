/** Starts one real server with the demo case for the browser tests, and a local SMTP server it sends its mail to; returns their teardown. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalSmtp } from '../support/localSmtp';
import { spawnServer } from '../support/spawnServer';

export default async function globalSetup() {
  const dir = mkdtempSync(join(tmpdir(), 'veiligplan-e2e-'));
  const databasePath = join(dir, 'e2e.sqlite');
  // Every mail the server sends lands here (one JSON file per mail): tests/e2e/akkoordMail.spec.ts reads it.
  const mailDir = join(dir, 'received-mail');
  const smtp = await startLocalSmtp({ dir: mailDir });
  const server = await spawnServer({ databasePath, demo: true, env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), OUTBOX_POLL_MS: '500' } });
  process.env.E2E_DATABASE_PATH = databasePath;
  process.env.E2E_BASE_URL = server.url;
  process.env.E2E_CASE_ID = server.caseId ?? '';
  process.env.E2E_MAIL_DIR = mailDir;
  return async () => {
    await server.stop();
    await smtp.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
