/**
 * The deletion-request read side for route loaders (issue 18, ADR 035),
 * through an `app/**.server` bridge so the database layer never reaches the
 * browser. Invariant: the family sees only their case's latest request with
 * its status and reason; the decision form goes only to who may decide.
 */
import type { AppLoadContext } from '@remix-run/node';
import { and, eq, isNull } from 'drizzle-orm';
import type { Role } from '../domain/caseFacts';
import { deletionStatusForFamily } from '../domain/deletion';
import { mayDecideDeletion, mayRequestDeletion } from '../domain/permissions';
import { participants } from '../../db/schema';
import { deletionQueries } from '../../server/commands/deletion.server';

interface Viewer {
  id: string;
  caseId: string;
  role: Role;
}

export function deletionViewOf(context: AppLoadContext, p: Viewer) {
  const { db } = context.services;
  const latest = deletionQueries(db).latest(p.caseId);
  const hasJb = db
    .select({ id: participants.id })
    .from(participants)
    .where(and(eq(participants.caseId, p.caseId), eq(participants.role, 'jeugdbeschermer'), isNull(participants.removedAt)))
    .get();
  const canDecide = mayDecideDeletion(p.role, { jeugdbeschermer: Boolean(hasJb) });
  const requester = latest ? db.select({ name: participants.name }).from(participants).where(eq(participants.id, latest.requestedById)).get() : undefined;
  return {
    caseId: p.caseId,
    canRequest: mayRequestDeletion(p.role) && (latest === null || latest.decision !== null),
    canDecide,
    request: latest
      ? {
          id: latest.id,
          requestedAt: latest.requestedAt,
          requesterName: requester?.name ?? 'Iemand uit het gezin',
          // The note is for the family member who wrote it and the one who decides.
          note: canDecide || latest.requestedById === p.id ? latest.note : null,
          decision: latest.decision,
          decidedAt: latest.decidedAt,
          reason: latest.decisionReason,
          status: deletionStatusForFamily(latest),
        }
      : null,
  };
}

/** For the professional's Overzicht: an open request waiting for a decision (null: none, or not for this viewer). */
export function openDeletionRequestOf(context: AppLoadContext, p: Viewer) {
  const view = deletionViewOf(context, p);
  return view.canDecide && view.request && view.request.decision === null ? { caseId: p.caseId, requestedAt: view.request.requestedAt } : null;
}
