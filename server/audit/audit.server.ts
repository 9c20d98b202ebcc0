/**
 * The append-only audit log (a database trigger refuses updates and deletes).
 * Rows are written with `recordAudit(tx, …)` inside the transaction of the
 * change they record (commands), so a row exists exactly when its change
 * committed. Document edits are not copied here: the Logboek reads them from
 * the attributed `updates` log. Details never contain tokens, codes,
 * passwords or personal data other than participant ids.
 */
import { and, count, desc, eq, max, sql } from 'drizzle-orm';
import type { AuditType } from '../../app/domain/audit';
import type { Db, Tx } from '../../db/database.server';
import { auditLog, updates } from '../../db/schema';

export interface AuditEvent {
  type: AuditType;
  caseId?: string | null;
  actorParticipantId?: string | null;
  actorUserId?: string | null;
  sessionRef?: string | null;
  subjectParticipantId?: string | null;
  detail?: Record<string, string | number | boolean | null>;
}

export interface AuditRow {
  at: number;
  type: AuditType;
  actorParticipantId: string | null;
  subjectParticipantId: string | null;
  sessionRef: string | null;
  detail: Record<string, unknown> | null;
}

export function recordAudit(tx: Tx, e: AuditEvent, at = Date.now()): void {
  tx.insert(auditLog)
    .values({
      at,
      caseId: e.caseId ?? null,
      type: e.type,
      actorParticipantId: e.actorParticipantId ?? null,
      actorUserId: e.actorUserId ?? null,
      sessionRef: e.sessionRef ?? null,
      subjectParticipantId: e.subjectParticipantId ?? null,
      detail: e.detail ? JSON.stringify(e.detail) : null,
    })
    .run();
}

/** Events and summarised edits (per person, document and 10 minutes) of one case, newest first. */
export function listAudit(db: Db, caseId: string): AuditRow[] {
  const rows: AuditRow[] = db
    .select()
    .from(auditLog)
    .where(eq(auditLog.caseId, caseId))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(1000)
    .all()
    .map((r) => ({
      at: r.at,
      type: r.type,
      actorParticipantId: r.actorParticipantId,
      subjectParticipantId: r.subjectParticipantId,
      sessionRef: r.sessionRef,
      detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null,
    }));
  const window = sql`${updates.receivedAt} / 600000`;
  const edits = db
    .select({ at: max(updates.receivedAt), actor: updates.participantId, document: updates.document, n: count() })
    .from(updates)
    .where(and(eq(updates.caseId, caseId)))
    .groupBy(updates.participantId, updates.document, window)
    .orderBy(desc(max(updates.receivedAt)))
    .limit(1000)
    .all();
  for (const e of edits) {
    rows.push({
      at: e.at ?? 0,
      type: 'document-edited',
      actorParticipantId: e.actor,
      subjectParticipantId: null,
      sessionRef: null,
      detail: { document: e.document, wijzigingen: e.n },
    });
  }
  return rows.sort((a, b) => b.at - a.at);
}
