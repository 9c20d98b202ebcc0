/**
 * Durable storage of Yjs documents in SQLite: an append-only, attributed
 * update log plus checkpoints (re-encoded state up to a log id). Prepared
 * statements on the raw better-sqlite3 handle: this is the hot path (the
 * group commit calls `append` once per event-loop turn).
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
  /** Appends all entries in one transaction (one fsync); returns their ids in order. */
  append(entries: readonly UpdateEntry[]): number[];
  load(caseId: string, document: DocumentName): LoadedDocument;
  writeCheckpoint(caseId: string, document: DocumentName, upToUpdateId: number, state: Uint8Array): void;
  /** Bytes the log of a document holds, per participant (server changes under the empty id): the start of its quotas. */
  logBytes(caseId: string, document: DocumentName): { total: number; byParticipant: Map<string, number> };
}

export function createSyncStore(sqlite: Database.Database): SyncStore {
  const insertUpdate = sqlite.prepare(
    'insert into updates (case_id, document, participant_id, connection_id, received_at, bytes, "update") values (?, ?, ?, ?, ?, ?, ?)',
  );
  const appendAll = sqlite.transaction((entries: readonly UpdateEntry[]) =>
    entries.map((e) =>
      Number(insertUpdate.run(e.caseId, e.document, e.participantId, e.connectionId, e.receivedAt, e.update.byteLength, e.update).lastInsertRowid),
    ),
  );
  const latestCheckpoint = sqlite.prepare<[string, string], { id: number; up_to_update_id: number; state: Buffer }>(
    'select id, up_to_update_id, state from checkpoints where case_id = ? and document = ? order by id desc limit 1',
  );
  const tailAfter = sqlite.prepare<[string, string, number], { id: number; update: Buffer }>(
    'select id, "update" from updates where case_id = ? and document = ? and id > ? order by id',
  );
  const bytesPerParticipant = sqlite.prepare<[string, string], { participant: string | null; bytes: number }>(
    'select participant_id as participant, sum(bytes) as bytes from updates where case_id = ? and document = ? group by participant_id',
  );
  const insertCheckpoint = sqlite.prepare('insert into checkpoints (case_id, document, up_to_update_id, state) values (?, ?, ?, ?)');
  // Keeps the newest checkpoint of the document and the one before it (a spare); ids interleave across documents.
  const pruneCheckpoints = sqlite.prepare(
    'delete from checkpoints where case_id = ? and document = ? and id < (select max(id) from checkpoints where case_id = ? and document = ? and id < ?)',
  );
  const checkpointTx = sqlite.transaction((caseId: string, document: string, upTo: number, state: Uint8Array) => {
    const id = Number(insertCheckpoint.run(caseId, document, upTo, state).lastInsertRowid);
    pruneCheckpoints.run(caseId, document, caseId, document, id);
  });

  return {
    append(entries) {
      return entries.length === 0 ? [] : appendAll(entries);
    },
    logBytes(caseId, document) {
      const byParticipant = new Map<string, number>();
      let total = 0;
      for (const r of bytesPerParticipant.all(caseId, document)) {
        byParticipant.set(r.participant ?? '', r.bytes);
        total += r.bytes;
      }
      return { total, byParticipant };
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
