/**
 * Acceptance of the veiligheidsplan: a request makes an immutable snapshot;
 * each participant answers for themselves (akkoord / niet akkoord + comment),
 * bound to that snapshot. Earlier answers stay; the latest per person counts.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { mayAnswerAcceptance } from '../../app/domain/permissions';
import { renderPlan } from '../../app/domain/plan';
import type { CaseQueries } from '../cases/cases.server';
import type { Snapshots } from '../snapshots/snapshots.server';
import type { SyncServer } from '../sync/syncServer.server';

export interface AcceptanceView {
  request: { id: string; snapshotId: string; createdAt: number; label: string } | null;
  /** True when the live plan differs from the plan in the requested snapshot. */
  planChangedSince: boolean;
  answers: { participantId: string; name: string; role: string; agreed: boolean | null; comment: string | null; at: number | null; forOlderVersion: boolean }[];
}

export function createAcceptance(deps: { sqlite: Database.Database; snapshots: Snapshots; sync: SyncServer; cases: CaseQueries }) {
  const { sqlite } = deps;
  const insertRequest = sqlite.prepare('insert into acceptance_requests (id, case_id, snapshot_id, requested_by_id, created_at) values (?, ?, ?, ?, ?)');
  const insertAnswer = sqlite.prepare('insert into acceptances (request_id, participant_id, agreed, comment, created_at) values (?, ?, ?, ?, ?)');
  const latestRequest = sqlite.prepare<[string], { id: string; snapshot_id: string; created_at: number }>(
    'select id, snapshot_id, created_at from acceptance_requests where case_id = ? order by created_at desc, rowid desc limit 1',
  );
  const requestOf = sqlite.prepare<[string, string], { id: string }>('select id from acceptance_requests where case_id = ? and id = ?');
  const latestAnswers = sqlite.prepare<[string], { participant_id: string; request_id: string; agreed: number; comment: string | null; created_at: number }>(
    `select a.participant_id, a.request_id, a.agreed, a.comment, a.created_at from acceptances a
       join acceptance_requests r on r.id = a.request_id
      where r.case_id = ? and a.id = (select max(b.id) from acceptances b join acceptance_requests rb on rb.id = b.request_id where rb.case_id = r.case_id and b.participant_id = a.participant_id)`,
  );

  return {
    request(caseId: string, by: string): string {
      const snapshotId = deps.snapshots.take(caseId, { label: 'Veiligheidsplan ter akkoord', reason: 'akkoord', authorParticipantId: by });
      const id = randomUUID();
      insertRequest.run(id, caseId, snapshotId, by, Date.now());
      return id;
    },
    /** Records the answer of `participantId` (always the signed-in person) to a request of this case. */
    answer(caseId: string, requestId: string, participantId: string, agreed: boolean, comment: string): boolean {
      if (!requestOf.get(caseId, requestId)) return false;
      insertAnswer.run(requestId, participantId, agreed ? 1 : 0, comment || null, Date.now());
      return true;
    },
    view(caseId: string): AcceptanceView {
      const req = latestRequest.get(caseId);
      const people = deps.cases.participants(caseId).filter((p) => mayAnswerAcceptance(p.role));
      if (!req) return { request: null, planChangedSince: false, answers: [] };
      const snapshot = deps.snapshots.get(caseId, req.snapshot_id)!;
      const live = renderPlan(deps.sync.room(caseId, 'plan').doc);
      const answers = new Map(latestAnswers.all(caseId).map((a) => [a.participant_id, a]));
      return {
        request: { id: req.id, snapshotId: req.snapshot_id, createdAt: req.created_at, label: snapshot.label },
        planChangedSince: JSON.stringify(live.sections) !== JSON.stringify(snapshot.rendering.plan.sections),
        answers: people.map((p) => {
          const a = answers.get(p.id);
          return {
            participantId: p.id,
            name: p.name,
            role: p.role,
            agreed: a ? a.agreed === 1 : null,
            comment: a?.comment ?? null,
            at: a?.created_at ?? null,
            forOlderVersion: Boolean(a && a.request_id !== req.id),
          };
        }),
      };
    },
  };
}
export type Acceptance = ReturnType<typeof createAcceptance>;
