/** Entry point of `npm start`: the built app, no demo data. Configuration: see README. */
import { databasePathFromEnv } from '../db/database.server';
import { startServer } from './app.server';
import { installShutdown } from './shutdown';

try {
  const server = await startServer({
    databasePath: databasePathFromEnv(),
    port: process.env.PORT ? Number(process.env.PORT) : 3000,
    host: process.env.HOST || undefined,
    publicUrl: process.env.PUBLIC_URL || undefined,
    sessionSecret: process.env.SESSION_SECRET || undefined,
  });
  console.log(`Veiligplan draait op ${server.url}`);
  installShutdown(server.close);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
