/**
 * Opens the SQLite database: creates its directory, sets the pragmas the
 * durability design relies on (WAL, synchronous=FULL, foreign keys; and
 * secure_delete, so deleted data is zeroed in the file) and runs
 * the committed migrations (idempotent: applied ones are skipped).
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema>;
/** The database or a transaction on it: what a command's writes take, so they join the caller's transaction. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

export interface DatabaseHandle {
  db: Db;
  sqlite: Database.Database;
  path: string;
  close(): void;
}

export const DEFAULT_DATABASE_PATH = './data/veiligplan.sqlite';

const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

export function databasePathFromEnv(env: NodeJS.ProcessEnv = process.env, fallback = DEFAULT_DATABASE_PATH): string {
  return resolve(env.DATABASE_PATH || fallback);
}

export function openDatabase(path: string): DatabaseHandle {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Freed pages and deleted cells are overwritten with zeros: a deleted case's text is gone from the file (ADR 035).
  sqlite.pragma('secure_delete = ON');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  let closed = false;
  return {
    db,
    sqlite,
    path,
    close() {
      if (closed) return;
      closed = true;
      sqlite.close();
    },
  };
}
