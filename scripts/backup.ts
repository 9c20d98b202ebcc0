/**
 * `npm run backup [-- <file>]`: a consistent copy of the live SQLite database
 * through SQLite's online backup API, while the server keeps running (ADR 038,
 * docs/operations.md). Default file: ./backups/veiligplan-<UTC time>.sqlite.
 * Invariants: the source is opened read-only; every page is copied in ONE
 * backup step, i.e. inside one read transaction, so the copy is the database
 * exactly as it was when that step began (WAL readers do not block the
 * server's writes, and a write in between cannot restart it half-way); the copy
 * passes `PRAGMA integrity_check` before it is reported; an existing file is
 * never overwritten. After success one `backup` row (no case, only the file's
 * name and size) is written to the live database's audit log.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { databasePathFromEnv } from '../db/database.server';

export interface BackupResult {
  file: string;
  bytes: number;
  pages: number;
}

export function defaultBackupFile(now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return resolve('backups', `veiligplan-${stamp}.sqlite`);
}

/** Copies `source` into the new file `target` (consistent while other processes write) and checks the copy. */
export async function backupDatabase(source: string, target: string): Promise<BackupResult> {
  if (!existsSync(source)) throw new Error(`Database niet gevonden: ${source}`);
  if (existsSync(target)) throw new Error(`Het bestand bestaat al: ${target}`);
  mkdirSync(dirname(target), { recursive: true });
  const db = new Database(source, { readonly: true, fileMustExist: true });
  let pages = 0;
  try {
    db.pragma('busy_timeout = 5000');
    // The first step only starts the backup; the progress callback then asks for every page at once.
    const result = await db.backup(target, { progress: () => 0x7fffffff });
    pages = result.totalPages;
  } finally {
    db.close();
  }
  const copy = new Database(target, { fileMustExist: true });
  try {
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`De back-up is niet in orde (integrity_check: ${String(check)})`);
    // One self-contained file: fold a WAL of the copy (if any) into it.
    copy.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    copy.close();
  }
  return { file: target, bytes: statSync(target).size, pages };
}

/** The audit row of a backup: organisation-wide (no case), only the file's name and size. */
export function recordBackup(source: string, result: BackupResult, at = Date.now()): void {
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare("insert into audit_log (at, case_id, type, detail) values (?, null, 'backup', ?)").run(
      at,
      JSON.stringify({ bestand: basename(result.file), bytes: result.bytes }),
    );
  } finally {
    db.close();
  }
}

async function main(): Promise<void> {
  const source = databasePathFromEnv();
  const target = resolve(process.argv[2] ?? defaultBackupFile());
  const started = Date.now();
  const result = await backupDatabase(source, target);
  try {
    recordBackup(source, result);
  } catch (error) {
    // The copy is good; only its audit row is missing (for example a read-only database mount).
    console.error(`Let op: de back-up is niet in het logboek gezet (${error instanceof Error ? error.message : String(error)}).`);
  }
  console.log(`Back-up gemaakt: ${result.file}`);
  console.log(`Grootte: ${result.bytes} bytes (${(result.bytes / 1024 / 1024).toFixed(1)} MB), ${Date.now() - started} ms`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(`Back-up mislukt: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
