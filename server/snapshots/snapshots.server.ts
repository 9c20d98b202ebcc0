/**
 * Snapshots (immutable versions of a whole case), restore and the daily
 * snapshot. A snapshot reads the live documents through the sync engine, so it
 * equals what everyone sees at that moment.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import * as Y from 'yjs';
import { renderBodemeisen } from '../../app/domain/bodemeisen';
import type { CaseRendering } from '../../app/domain/diff';
import { restoreItems } from '../../app/domain/items';
import { renderKaart } from '../../app/domain/kaart';
import { DOCUMENTS, type DocumentName } from '../../app/domain/permissions';
import { renderPlan } from '../../app/domain/plan';
import type { Audit } from '../audit/audit.server';
import type { CaseQueries } from '../cases/cases.server';
import type { ScoreService } from '../scores/scaleScores.server';
import type { SyncServer } from '../sync/syncServer.server';

export const SNAPSHOT_REASONS = ['handmatig', 'sessie', 'overdracht', 'dagelijks', 'voor-herstel', 'akkoord'] as const;
export type SnapshotReason = (typeof SNAPSHOT_REASONS)[number];

export interface SnapshotSummary {
  id: string;
  label: string;
  reason: SnapshotReason;
  authorParticipantId: string | null;
  createdAt: number;
}

export function createSnapshots(deps: { sqlite: Database.Database; sync: SyncServer; cases: CaseQueries; scores: ScoreService; audit: Audit }) {
  const { sqlite, sync } = deps;
  const insert = sqlite.prepare(
    'insert into snapshots (id, case_id, label, reason, author_participant_id, created_at, kaart_state, plan_state, bodemeisen_state, rendering) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const listQuery = sqlite.prepare<[string], { id: string; label: string; reason: SnapshotReason; author: string | null; created_at: number }>(
    'select id, label, reason, author_participant_id as author, created_at from snapshots where case_id = ? order by created_at desc, rowid desc',
  );
  const one = sqlite.prepare<[string, string], { id: string; label: string; reason: SnapshotReason; author: string | null; created_at: number; kaart_state: Buffer; plan_state: Buffer; bodemeisen_state: Buffer; rendering: string }>(
    'select * , author_participant_id as author from snapshots where case_id = ? and id = ?',
  );

  function scoresNow(caseId: string): CaseRendering['scores'] {
    const names = new Map(deps.cases.participants(caseId).map((p) => [p.id, p.name]));
    const out: CaseRendering['scores'] = {};
    for (const h of deps.scores.history(caseId)) {
      const last = h.scores.at(-1);
      if (last && names.has(h.participantId)) out[h.participantId] = { name: names.get(h.participantId)!, score: last.score };
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

  function take(caseId: string, input: { label: string; reason: SnapshotReason; authorParticipantId: string | null }): string {
    const id = randomUUID();
    const state = (d: DocumentName) => Y.encodeStateAsUpdate(sync.room(caseId, d).doc);
    insert.run(id, caseId, input.label, input.reason, input.authorParticipantId, Date.now(), state('kaart'), state('plan'), state('bodemeisen'), JSON.stringify(renderingNow(caseId)));
    deps.audit.record({ type: 'snapshot', caseId, actorParticipantId: input.authorParticipantId, detail: { reden: input.reason } });
    return id;
  }

  function get(caseId: string, id: string) {
    const row = one.get(caseId, id);
    if (!row) return undefined;
    return {
      id: row.id,
      label: row.label,
      reason: row.reason,
      authorParticipantId: row.author,
      createdAt: row.created_at,
      states: { kaart: row.kaart_state, plan: row.plan_state, bodemeisen: row.bodemeisen_state } as Record<DocumentName, Buffer>,
      rendering: JSON.parse(row.rendering) as CaseRendering,
    };
  }

  const activityQuery = sqlite.prepare<[string, number, number], { participant: string | null; document: DocumentName; n: number }>(
    `select participant_id as participant, document, count(*) as n from updates
      where case_id = ? and received_at > ? and received_at <= ? group by participant_id, document order by n desc`,
  );

  return {
    take,
    get,
    renderingNow,
    /** Who changed which document how often in a period (from the attributed update log). */
    activity: (caseId: string, from: number, to: number) => activityQuery.all(caseId, from, to),
    list(caseId: string): SnapshotSummary[] {
      return listQuery.all(caseId).map((r) => ({ id: r.id, label: r.label, reason: r.reason, authorParticipantId: r.author, createdAt: r.created_at }));
    },
    /**
     * Restores a snapshot: first a `voor-herstel` snapshot, then the old
     * content is written into each live document as a new change attributed
     * to `by`, which every connected client receives live.
     */
    restore(caseId: string, snapshotId: string, by: string): string | undefined {
      const snapshot = get(caseId, snapshotId);
      if (!snapshot) return undefined;
      const before = take(caseId, { label: `Voor herstel van “${snapshot.label}”`, reason: 'voor-herstel', authorParticipantId: by });
      for (const document of DOCUMENTS) {
        const old = new Y.Doc();
        Y.applyUpdate(old, snapshot.states[document]);
        sync.room(caseId, document).applyServerChange({ participantId: by, connectionId: null }, (doc) => restoreItems(doc, old));
        old.destroy();
      }
      deps.audit.record({ type: 'snapshot', caseId, actorParticipantId: by, detail: { herstel: snapshot.label } });
      return before;
    },
    /** Once a day: a snapshot of every case that changed since its last snapshot. */
    daily(now = Date.now()): number {
      const due = sqlite
        .prepare<[number], { case_id: string }>(
          `select u.case_id from updates u
            group by u.case_id
           having max(u.received_at) > coalesce((select max(s.created_at) from snapshots s where s.case_id = u.case_id), 0)
              and coalesce((select max(s.created_at) from snapshots s where s.case_id = u.case_id and s.reason = 'dagelijks'), 0) < ?`,
        )
        .all(now - 24 * 60 * 60 * 1000);
      for (const { case_id } of due) take(case_id, { label: 'Dagelijkse versie', reason: 'dagelijks', authorParticipantId: null });
      return due.length;
    },
  };
}
export type Snapshots = ReturnType<typeof createSnapshots>;
