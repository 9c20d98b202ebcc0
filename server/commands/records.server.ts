/**
 * Commands that only put something on record: a page view of a case, a
 * print/export, a family member's visit (for "wat is er veranderd"), and
 * refused requests. They exist so that what gets audited is decided here and
 * nowhere in app/.
 */
import { eq } from 'drizzle-orm';
import { participants } from '../../db/schema';
import { recordAudit, type AuditEvent } from '../audit/audit.server';
import { actingParticipant, commit, nowOf, byActor, type Actor, type CommandDeps } from './command.server';

export function recordCaseView(deps: CommandDeps, actor: Actor, page: string) {
  commit(deps, (tx) => {
    actingParticipant(tx, actor);
    recordAudit(tx, { type: 'case-viewed', ...byActor(actor), detail: { pagina: page.slice(0, 40) } });
  });
}

export function recordExport(deps: CommandDeps, actor: Actor, form: 'afdruk') {
  commit(deps, (tx) => {
    actingParticipant(tx, actor);
    recordAudit(tx, { type: 'export', ...byActor(actor), detail: { vorm: form } });
  });
}

/** The family home view was opened: the next visit shows what changed since now. */
export function recordVisit(deps: CommandDeps, actor: Actor) {
  const now = nowOf(deps);
  commit(deps, (tx) => {
    const me = actingParticipant(tx, actor);
    tx.update(participants).set({ lastVisitAt: now }).where(eq(participants.id, me.id)).run();
  });
}

type Refusal = Pick<AuditEvent, 'caseId' | 'actorUserId' | 'actorParticipantId' | 'sessionRef' | 'detail'> & {
  type: 'access-refused' | 'session-refused' | 'request-refused' | 'link-refused';
};

/** A refused request (no access to a case, an invalid session, a cross-site post). */
export function recordRefusal(deps: CommandDeps, refusal: Refusal) {
  commit(deps, (tx) => recordAudit(tx, refusal));
}
