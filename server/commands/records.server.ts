/**
 * Commands that only put something on record: a view of a case, a
 * print/export, a family member's visit (for "wat is er veranderd"), and
 * refused requests. They exist so that what gets audited is decided here and
 * nowhere in app/. Views are one row per person per case per VIEW_WINDOW_MS
 * (pages, page data and documents opened over /sync alike); anonymous
 * refusals are only counted per day (refusal_counts), so a case's log never
 * grows from requests of people outside it (ADR 036).
 */
import { and, eq, or } from 'drizzle-orm';
import { VIEW_WINDOW_MS } from '../../app/domain/logboek';
import { participants } from '../../db/schema';
import type { Tx } from '../../db/database.server';
import { countRefusal, recordAudit, recordAuditOnce, type AuditEvent } from '../audit/audit.server';
import { actingParticipant, commit, nowOf, byActor, type Actor, type CommandDeps } from './command.server';

/** A view of the case (`what`: the page or the document); at most one row per person per case per window. */
export function recordCaseView(deps: CommandDeps, actor: Actor, what: string) {
  const now = nowOf(deps);
  const page = /^[a-z-]{1,40}$/.test(what) ? what : '';
  return commit(deps, (tx) => {
    actingParticipant(tx, actor);
    return recordAuditOnce(tx, { type: 'case-viewed', ...byActor(actor), detail: page ? { pagina: page } : {} }, VIEW_WINDOW_MS, now);
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

/**
 * A refused request (no access to a case, an invalid session, a cross-site
 * post, a refused link). Only a person of THIS case (say a removed
 * participant trying again) goes into its log, once per window; every other
 * refusal is counted per day and kind. Returns where it went.
 */
export function recordRefusal(deps: CommandDeps, refusal: Refusal): 'logboek' | 'geteld' {
  const now = nowOf(deps);
  return commit(deps, (tx) => {
    const own = refusal.type === 'access-refused' && refusal.caseId ? personOfCase(tx, refusal.caseId, refusal) : null;
    if (own && refusal.caseId) {
      recordAuditOnce(tx, { ...refusal, caseId: refusal.caseId, actorParticipantId: own, actorUserId: null, detail: undefined }, VIEW_WINDOW_MS, now);
      return 'logboek';
    }
    countRefusal(tx, refusal.type, now);
    return 'geteld';
  });
}

/** The participant record (current or removed) of this case that the refused viewer is, if any. */
function personOfCase(tx: Tx, caseId: string, r: Refusal): string | null {
  const who = [
    r.actorParticipantId ? eq(participants.id, r.actorParticipantId) : undefined,
    r.actorUserId ? eq(participants.userId, r.actorUserId) : undefined,
  ].filter((c) => c !== undefined);
  if (who.length === 0) return null;
  return (
    tx
      .select({ id: participants.id })
      .from(participants)
      .where(and(eq(participants.caseId, caseId), or(...who)))
      .get()?.id ?? null
  );
}
