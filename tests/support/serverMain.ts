/**
 * A real server process for browser tests and crash tests: started with
 * PORT=0 and DATABASE_PATH set; loads the demo case when VEILIGPLAN_DEMO=1;
 * prints one line `VEILIGPLAN_READY <json>` when it listens.
 */
import { startServer } from '../../server/app.server';
import { loadDemo } from '../../server/demo/loadDemo.server';
import { installShutdown } from '../../server/shutdown';
import { E2E_SESSION_SECRET } from './e2eConfig';

const server = await startServer({
  databasePath: process.env.DATABASE_PATH!,
  port: Number(process.env.PORT ?? 0),
  sessionSecret: E2E_SESSION_SECRET,
  // Engine tests that write free-form Yjs content turn the schema check off (never in production).
  sync: process.env.VEILIGPLAN_TEST_SCHEMA_CHECK === '0' ? { schemaCheck: false } : undefined,
});
installShutdown(server.close);
const demo = process.env.VEILIGPLAN_DEMO === '1' ? await loadDemo(server.services) : undefined;
console.log(`VEILIGPLAN_READY ${JSON.stringify({ url: server.url, caseId: demo?.caseId ?? null })}`);
