/**
 * Durable storage of Yjs documents in SQLite: an append-only, attributed
 * update log plus checkpoints (re-encoded state up to a log id). Live writes
 * go through the log writer (groupCommit.server.ts, a worker thread); this
 * store reads documents on the server's connection and seeds data in tests
 * and benchmarks.
 */
import type Database from 'better-sqlite3';
import type { DocumentName } from '../../app/domain/permissions';

export interface UpdateEntry {
  caseId: string;
  document: DocumentName;
  participantId: string | null;
  connectionId: string | null;
  receivedAt: number;
  update: Uint8Array;
}

export interface LoadedDocument {
  checkpoint: Uint8Array | null;
  /** Log rows after the checkpoint, oldest first. */
  tail: Uint8Array[];
  lastUpdateId: number;
  tailBytes: number;
}

export interface SyncStore {
  /** Appends all entries in one transaction (one fsync); returns their ids in order. Seeding only: live writes use the log writer. */
  append(entries: readonly UpdateEntry[]): number[];
  load(caseId: string, document: DocumentName): LoadedDocument;
  writeCheckpoint(caseId: string, document: DocumentName, upToUpdateId: number, state: Uint8Array): void;
}

/**
 * The SQL of the update log, written once: the store below (reads, seeding)
 * and the log writer's worker thread (every live write) prepare these same
 * statements on their own connections.
 */
export const SYNC_SQL = {
  insertUpdate:
    'insert into updates (case_id, document, participant_id, connection_id, received_at, bytes, "update") values (?, ?, ?, ?, ?, ?, ?)',
  latestCheckpoint: 'select id, up_to_update_id, state from checkpoints where case_id = ? and document = ? order by id desc limit 1',
  tailAfter: 'select id, "update" from updates where case_id = ? and document = ? and id > ? order by id',
  lastUpdateId: 'select max(id) as id from updates where case_id = ? and document = ?',
  insertCheckpoint: 'insert into checkpoints (case_id, document, up_to_update_id, state) values (?, ?, ?, ?)',
  /** Keeps the newest checkpoint and the one before it (a spare). Params: caseId, document, caseId, document, newId. */
  pruneCheckpoints:
    'delete from checkpoints where case_id = ? and document = ? and id < (select max(id) from checkpoints where case_id = ? and document = ? and id < ?)',
} as const;

export function createSyncStore(sqlite: Database.Database): SyncStore {
  const insertUpdate = sqlite.prepare(SYNC_SQL.insertUpdate);
  const appendAll = sqlite.transaction((entries: readonly UpdateEntry[]) =>
    entries.map(
      (e) =>
        Number(
          insertUpdate.run(e.caseId, e.document, e.participantId, e.connectionId, e.receivedAt, e.update.byteLength, e.update)
            .lastInsertRowid,
        ),
    ),
  );
  const latestCheckpoint = sqlite.prepare<[string, string], { id: number; up_to_update_id: number; state: Buffer }>(SYNC_SQL.latestCheckpoint);
  const tailAfter = sqlite.prepare<[string, string, number], { id: number; update: Buffer }>(SYNC_SQL.tailAfter);
  const insertCheckpoint = sqlite.prepare(SYNC_SQL.insertCheckpoint);
  const pruneCheckpoints = sqlite.prepare(SYNC_SQL.pruneCheckpoints);
  const checkpointTx = sqlite.transaction((caseId: string, document: string, upTo: number, state: Uint8Array) => {
    const id = Number(insertCheckpoint.run(caseId, document, upTo, state).lastInsertRowid);
    pruneCheckpoints.run(caseId, document, caseId, document, id);
  });

  return {
    append(entries) {
      return entries.length === 0 ? [] : appendAll(entries);
    },
    load(caseId, document) {
      const checkpoint = latestCheckpoint.get(caseId, document);
      const after = checkpoint?.up_to_update_id ?? 0;
      const rows = tailAfter.all(caseId, document, after);
      let tailBytes = 0;
      for (const r of rows) tailBytes += r.update.byteLength;
      return {
        checkpoint: checkpoint ? new Uint8Array(checkpoint.state) : null,
        tail: rows.map((r) => r.update),
        lastUpdateId: rows.length ? rows[rows.length - 1]!.id : after,
        tailBytes,
      };
    },
    writeCheckpoint(caseId, document, upToUpdateId, state) {
      checkpointTx(caseId, document, upToUpdateId, state);
    },
  };
}
