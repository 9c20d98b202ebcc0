/**
 * The append-only audit log (a database trigger refuses updates and deletes).
 * Document edits are not copied here: the Logboek reads them from the
 * attributed `updates` log. Details never contain tokens, codes or passwords.
 */
import type Database from 'better-sqlite3';
import type { AuditType } from '../../app/domain/audit';

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

export function createAudit(sqlite: Database.Database) {
  const insert = sqlite.prepare(
    'insert into audit_log (at, case_id, type, actor_participant_id, actor_user_id, session_ref, subject_participant_id, detail) values (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const events = sqlite.prepare<[string], { at: number; type: AuditType; actor: string | null; subject: string | null; session: string | null; detail: string | null }>(
    'select at, type, actor_participant_id as actor, subject_participant_id as subject, session_ref as session, detail from audit_log where case_id = ? order by at desc, id desc limit 1000',
  );
  // Edits, summarised per person, document and 10 minutes.
  const edits = sqlite.prepare<[string], { at: number; actor: string | null; document: string; n: number }>(
    `select max(received_at) as at, participant_id as actor, document, count(*) as n
       from updates where case_id = ?
      group by participant_id, document, received_at / 600000
      order by at desc limit 1000`,
  );
  return {
    record(e: AuditEvent): void {
      insert.run(
        Date.now(),
        e.caseId ?? null,
        e.type,
        e.actorParticipantId ?? null,
        e.actorUserId ?? null,
        e.sessionRef ?? null,
        e.subjectParticipantId ?? null,
        e.detail ? JSON.stringify(e.detail) : null,
      );
    },
    /** Events and summarised edits of one case, newest first. */
    list(caseId: string): AuditRow[] {
      const rows: AuditRow[] = events.all(caseId).map((r) => ({
        at: r.at,
        type: r.type,
        actorParticipantId: r.actor,
        subjectParticipantId: r.subject,
        sessionRef: r.session,
        detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null,
      }));
      for (const e of edits.all(caseId)) {
        rows.push({ at: e.at, type: 'document-edited', actorParticipantId: e.actor, subjectParticipantId: null, sessionRef: null, detail: { document: e.document, wijzigingen: e.n } });
      }
      return rows.sort((a, b) => b.at - a.at);
    },
  };
}
export type Audit = ReturnType<typeof createAudit>;
