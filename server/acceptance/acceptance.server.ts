/**
 * Acceptance of the veiligheidsplan, read side and row writers: a request
 * points at an immutable snapshot; each participant answers for themselves
 * (akkoord / niet akkoord + comment), bound to that request. Earlier answers
 * stay; the latest per person counts. The commands in
 * server/commands/acceptance.server.ts check permissions and audit.
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import { mayAnswerAcceptance } from '../../app/domain/permissions';
import { renderPlan } from '../../app/domain/plan';
import type { Db, Tx } from '../../db/database.server';
import { acceptanceRequests, acceptances } from '../../db/schema';
import { listParticipants } from '../cases/cases.server';
import type { Snapshots } from '../snapshots/snapshots.server';
import type { SyncServer } from '../sync/syncServer.server';

export interface AcceptanceView {
  request: { id: string; snapshotId: string; createdAt: number; label: string } | null;
  /** True when the live plan differs from the plan in the requested snapshot. */
  planChangedSince: boolean;
  answers: { participantId: string; name: string; role: string; agreed: boolean | null; comment: string | null; at: number | null; forOlderVersion: boolean }[];
}

export function insertAcceptanceRequest(tx: Tx, input: { caseId: string; snapshotId: string; requestedById: string }, now = Date.now()): string {
  const id = randomUUID();
  tx.insert(acceptanceRequests).values({ id, caseId: input.caseId, snapshotId: input.snapshotId, requestedById: input.requestedById, createdAt: now }).run();
  return id;
}

export function findAcceptanceRequest(tx: Tx, caseId: string, requestId: string) {
  return tx
    .select({ id: acceptanceRequests.id })
    .from(acceptanceRequests)
    .where(and(eq(acceptanceRequests.caseId, caseId), eq(acceptanceRequests.id, requestId)))
    .get();
}

export function insertAcceptanceAnswer(tx: Tx, input: { requestId: string; participantId: string; agreed: boolean; comment: string }, now = Date.now()): void {
  tx.insert(acceptances)
    .values({ requestId: input.requestId, participantId: input.participantId, agreed: input.agreed, comment: input.comment || null, createdAt: now })
    .run();
}

export function createAcceptance(deps: { db: Db; snapshots: Snapshots; sync: SyncServer }) {
  const { db } = deps;

  function latestAnswers(caseId: string) {
    const latestPerPerson = db
      .select({ id: sql<number>`max(${acceptances.id})`.as('latest_id') })
      .from(acceptances)
      .innerJoin(acceptanceRequests, eq(acceptanceRequests.id, acceptances.requestId))
      .where(eq(acceptanceRequests.caseId, caseId))
      .groupBy(acceptances.participantId)
      .as('latest');
    return db
      .select({
        participantId: acceptances.participantId,
        requestId: acceptances.requestId,
        agreed: acceptances.agreed,
        comment: acceptances.comment,
        createdAt: acceptances.createdAt,
      })
      .from(acceptances)
      .innerJoin(latestPerPerson, eq(latestPerPerson.id, acceptances.id))
      .all();
  }

  return {
    view(caseId: string): AcceptanceView {
      const req = db
        .select()
        .from(acceptanceRequests)
        .where(eq(acceptanceRequests.caseId, caseId))
        .orderBy(desc(acceptanceRequests.createdAt), desc(sql`rowid`))
        .limit(1)
        .get();
      if (!req) return { request: null, planChangedSince: false, answers: [] };
      const people = listParticipants(db, caseId).filter((p) => mayAnswerAcceptance(p.role));
      const snapshot = deps.snapshots.get(caseId, req.snapshotId);
      if (!snapshot) return { request: null, planChangedSince: false, answers: [] };
      const live = renderPlan(deps.sync.room(caseId, 'plan').doc);
      const answers = new Map(latestAnswers(caseId).map((a) => [a.participantId, a]));
      return {
        request: { id: req.id, snapshotId: req.snapshotId, createdAt: req.createdAt, label: snapshot.label },
        planChangedSince: JSON.stringify(live.sections) !== JSON.stringify(snapshot.rendering.plan.sections),
        answers: people.map((p) => {
          const a = answers.get(p.id);
          return {
            participantId: p.id,
            name: p.name,
            role: p.role,
            agreed: a ? a.agreed : null,
            comment: a?.comment ?? null,
            at: a?.createdAt ?? null,
            forOlderVersion: Boolean(a && a.requestId !== req.id),
          };
        }),
      };
    },
  };
}
export type Acceptance = ReturnType<typeof createAcceptance>;
