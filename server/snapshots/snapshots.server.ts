/**
 * Snapshots: immutable versions of a whole case (a database trigger refuses
 * updates and deletes). A snapshot reads the live documents through the sync
 * engine, so it equals what everyone sees at that moment. This module reads
 * and inserts rows; the commands in server/commands/versions.server.ts decide
 * when, check permissions and write the audit row in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import { and, count, desc, eq, gt, lte, max, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import { renderBodemeisen } from '../../app/domain/bodemeisen';
import type { CaseRendering } from '../../app/domain/diff';
import { renderKaart } from '../../app/domain/kaart';
import type { DocumentName } from '../../app/domain/permissions';
import { renderPlan } from '../../app/domain/plan';
import type { SnapshotReason } from '../../app/domain/versions';
import type { Db, Tx } from '../../db/database.server';
import { snapshots, updates } from '../../db/schema';
import { listParticipants } from '../cases/cases.server';
import { scoreHistory } from '../scores/scaleScores.server';
import type { SyncServer } from '../sync/syncServer.server';

export interface SnapshotSummary {
  id: string;
  label: string;
  reason: SnapshotReason;
  authorParticipantId: string | null;
  createdAt: number;
}

export interface Snapshot extends SnapshotSummary {
  states: Record<DocumentName, Buffer>;
  rendering: CaseRendering;
}

export function createSnapshots(deps: { db: Db; sync: SyncServer }) {
  const { db, sync } = deps;

  function scoresNow(caseId: string): CaseRendering['scores'] {
    const names = new Map(listParticipants(db, caseId).map((p) => [p.id, p.name]));
    const out: CaseRendering['scores'] = {};
    for (const h of scoreHistory(db, caseId)) {
      const last = h.scores.at(-1);
      const name = names.get(h.participantId);
      if (last && name !== undefined) out[h.participantId] = { name, score: last.score };
    }
    return out;
  }

  function renderingNow(caseId: string): CaseRendering {
    return {
      kaart: renderKaart(sync.room(caseId, 'kaart').doc),
      plan: renderPlan(sync.room(caseId, 'plan').doc),
      bodemeisen: renderBodemeisen(sync.room(caseId, 'bodemeisen').doc),
      scores: scoresNow(caseId),
    };
  }

  /** Inserts a snapshot of the live case into the caller's transaction; returns its id. */
  function insert(tx: Tx, caseId: string, input: { label: string; reason: SnapshotReason; authorParticipantId: string | null }, now = Date.now()): string {
    const id = randomUUID();
    const state = (d: DocumentName) => Buffer.from(Y.encodeStateAsUpdate(sync.room(caseId, d).doc));
    tx.insert(snapshots)
      .values({
        id,
        caseId,
        label: input.label,
        reason: input.reason,
        authorParticipantId: input.authorParticipantId,
        createdAt: now,
        kaartState: state('kaart'),
        planState: state('plan'),
        bodemeisenState: state('bodemeisen'),
        rendering: JSON.stringify(renderingNow(caseId)),
      })
      .run();
    return id;
  }

  function get(caseId: string, id: string): Snapshot | undefined {
    const row = db
      .select()
      .from(snapshots)
      .where(and(eq(snapshots.caseId, caseId), eq(snapshots.id, id)))
      .get();
    if (!row) return undefined;
    return {
      id: row.id,
      label: row.label,
      reason: row.reason,
      authorParticipantId: row.authorParticipantId,
      createdAt: row.createdAt,
      states: { kaart: row.kaartState, plan: row.planState, bodemeisen: row.bodemeisenState },
      rendering: JSON.parse(row.rendering) as CaseRendering,
    };
  }

  function list(caseId: string): SnapshotSummary[] {
    return db
      .select({
        id: snapshots.id,
        label: snapshots.label,
        reason: snapshots.reason,
        authorParticipantId: snapshots.authorParticipantId,
        createdAt: snapshots.createdAt,
      })
      .from(snapshots)
      .where(eq(snapshots.caseId, caseId))
      .orderBy(desc(snapshots.createdAt), desc(sql`rowid`))
      .all();
  }

  /** Who changed which document how often in a period (from the attributed update log). */
  function activity(caseId: string, from: number, to: number) {
    return db
      .select({ participant: updates.participantId, document: updates.document, n: count() })
      .from(updates)
      .where(and(eq(updates.caseId, caseId), gt(updates.receivedAt, from), lte(updates.receivedAt, to)))
      .groupBy(updates.participantId, updates.document)
      .orderBy(desc(count()))
      .all();
  }

  /** Cases that changed since their last snapshot and had no daily snapshot in the last 24 hours. */
  function dueForDaily(now = Date.now()): string[] {
    const lastSnapshot = db
      .select({ at: max(snapshots.createdAt) })
      .from(snapshots)
      .where(eq(snapshots.caseId, updates.caseId));
    const lastDaily = db
      .select({ at: max(snapshots.createdAt) })
      .from(snapshots)
      .where(and(eq(snapshots.caseId, updates.caseId), eq(snapshots.reason, 'dagelijks')));
    return db
      .select({ caseId: updates.caseId })
      .from(updates)
      .groupBy(updates.caseId)
      .having(and(gt(max(updates.receivedAt), sql`coalesce((${lastSnapshot}), 0)`), sql`coalesce((${lastDaily}), 0) < ${now - 24 * 60 * 60 * 1000}`))
      .all()
      .map((r) => r.caseId);
  }

  return { renderingNow, insert, get, list, activity, dueForDaily };
}
export type Snapshots = ReturnType<typeof createSnapshots>;
