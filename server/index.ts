/**
 * Entry point of `npm start`: the built app, no demo data. Configuration: see
 * README. Invariant: a start that fails ends the process with exit code 1
 * after logging why (server/log.server.ts).
 */
import { databasePathFromEnv } from '../db/database.server';
import { startServer } from './app.server';
import { log } from './log.server';
import { installShutdown } from './shutdown';

try {
  const server = await startServer({
    databasePath: databasePathFromEnv(),
    port: process.env.PORT ? Number(process.env.PORT) : 3000,
    host: process.env.HOST || undefined,
    publicUrl: process.env.PUBLIC_URL || undefined,
    sessionSecret: process.env.SESSION_SECRET || undefined,
  });
  log.info({ url: server.url }, 'Veiligplan draait');
  installShutdown(server.close);
} catch (error) {
  log.fatal({ err: error }, 'starting the server failed');
  process.exit(1);
}
