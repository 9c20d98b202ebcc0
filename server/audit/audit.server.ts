/**
 * The append-only audit log (a database trigger refuses updates and deletes).
 * Rows are written with `recordAudit(tx, …)` inside the transaction of the
 * change they record (commands), so a row exists exactly when its change
 * committed. Document edits are not copied here: the Logboek reads them from
 * the attributed `updates` log. Details never contain tokens, codes,
 * passwords or personal data other than participant ids.
 */
import { and, count, desc, eq, gt, gte, max, sql } from 'drizzle-orm';
import type { AuditType } from '../../app/domain/audit';
import type { RefusalType } from '../../app/domain/logboek';
import type { Db, Tx } from '../../db/database.server';
import { auditLog, refusalCounts as refusalTable, updates } from '../../db/schema';
import { todayIso } from '../cases/regie.server';

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

/**
 * Records `e` unless the same person already has a row of this type in this
 * case within `windowMs` (views: one row per person per case per window).
 * Runs inside the caller's transaction, so the check and the insert are one
 * step. Returns whether a row was written.
 */
export function recordAuditOnce(tx: Tx, e: AuditEvent & { caseId: string; actorParticipantId: string }, windowMs: number, at = Date.now()): boolean {
  const recent = tx
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(and(eq(auditLog.caseId, e.caseId), gt(auditLog.at, at - windowMs), eq(auditLog.type, e.type), eq(auditLog.actorParticipantId, e.actorParticipantId)))
    .limit(1)
    .get();
  if (recent) return false;
  recordAudit(tx, e, at);
  return true;
}

/**
 * An anonymous refusal, counted per (Amsterdam) day and kind — never in a
 * case's log, and never more than one row per day and kind however many
 * requests come in.
 */
export function countRefusal(tx: Tx, type: RefusalType, at = Date.now()): void {
  tx.insert(refusalTable)
    .values({ day: todayIso(at), type, count: 1 })
    .onConflictDoUpdate({ target: [refusalTable.day, refusalTable.type], set: { count: sql`${refusalTable.count} + 1` } })
    .run();
}

/** Anonymous refusals per day and kind from `sinceDay` (yyyy-mm-dd) on, oldest first (for the beheerder and /metrics). */
export function refusalCounts(db: Db, sinceDay: string): { day: string; type: string; count: number }[] {
  return db
    .select({ day: refusalTable.day, type: refusalTable.type, count: refusalTable.count })
    .from(refusalTable)
    .where(gte(refusalTable.day, sinceDay))
    .orderBy(refusalTable.day, refusalTable.type)
    .all();
}
