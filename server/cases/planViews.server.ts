/**
 * The read side of "Wie heeft ons plan bekeken?" (ADR 028): page views,
 * akkoord and scores from the audit log and edits from the attributed update
 * log, of the case's own people only (current or removed participants of this
 * case), for the last days. Rows carry no address, session or detail — only
 * who, what kind and when (pre-grouped per person, kind and hour).
 */
import { and, count, eq, gte, inArray, isNotNull, max, sql } from 'drizzle-orm';
import type { Role } from '../../app/domain/caseFacts';
import type { PlanActivity, PlanActivityKind } from '../../app/domain/planViews';
import type { Db } from '../../db/database.server';
import { auditLog, participants, updates, users } from '../../db/schema';
import { regieState } from './regie.server';

const AUDIT_KINDS = {
  'case-viewed': 'bekeken',
  'acceptance-requested': 'akkoord-gevraagd',
  'acceptance-answered': 'akkoord-beantwoord',
  'score-saved': 'cijfer',
} as const satisfies Partial<Record<string, PlanActivityKind>>;

export function planActivity(db: Db, caseId: string, since: number): PlanActivity[] {
  const hour = sql`${auditLog.at} / 3600000`;
  const audit = db
    .select({ person: auditLog.actorParticipantId, type: auditLog.type, at: max(auditLog.at), n: count() })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.caseId, caseId),
        gte(auditLog.at, since),
        isNotNull(auditLog.actorParticipantId),
        inArray(auditLog.type, [...(Object.keys(AUDIT_KINDS) as (keyof typeof AUDIT_KINDS)[]), 'document-edited']),
      ),
    )
    .groupBy(auditLog.actorParticipantId, auditLog.type, hour)
    .all()
    .map((r) => ({
      person: r.person!,
      kind: r.type === 'document-edited' ? ('plan' as const) : AUDIT_KINDS[r.type as keyof typeof AUDIT_KINDS],
      at: r.at ?? 0,
      n: r.n,
    }));
  const edits = db
    .select({ person: updates.participantId, document: updates.document, at: max(updates.receivedAt), n: count() })
    .from(updates)
    .where(and(eq(updates.caseId, caseId), gte(updates.receivedAt, since), isNotNull(updates.participantId)))
    .groupBy(updates.participantId, updates.document, sql`${updates.receivedAt} / 3600000`)
    .all()
    .map((r) => ({ person: r.person!, kind: r.document, at: r.at ?? 0, n: r.n }));
  const all = [...audit, ...edits];
  if (all.length === 0) return [];
  // Only people of this case: an id of anyone else (there should be none) is left out.
  const people = db
    .select({ id: participants.id, name: participants.name, account: users.name, role: participants.role })
    .from(participants)
    .leftJoin(users, eq(users.id, participants.userId))
    .where(and(eq(participants.caseId, caseId), inArray(participants.id, [...new Set(all.map((a) => a.person))])))
    .all();
  const regie = regieState(db, caseId);
  const byId = new Map(
    people.map((p) => [
      p.id,
      // The family knows the professional who holds regie as their regisseur (a jeugdbeschermer stays one, ADR 016).
      { name: p.account ?? p.name ?? 'Onbekend', role: (regie.casusregisseurId === p.id && p.role === 'professional' ? 'casusregisseur' : p.role) as Role },
    ]),
  );
  return all.flatMap((a) => {
    const p = byId.get(a.person);
    return p ? [{ at: a.at, personId: a.person, name: p.name, role: p.role, kind: a.kind, count: a.n }] : [];
  });
}
