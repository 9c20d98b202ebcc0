/**
 * Deleting a case's data (issue 18 point 4, ADR 035): after the retention
 * term (the daily job) or when a family's deletion request is granted.
 *
 * Invariant: `deleteCaseData` is the ONE way a case's rows go, used by both
 * paths, in ONE transaction: it writes the permit (`case_purges`) that lets
 * the append-only audit log and snapshots of this case go, deletes every row
 * of the case in every table, checks that no table still names the case or
 * one of its participants, removes the permit and writes the tombstone
 * ('case-deleted': ids, dates, who, why — never a title, name or other text
 * of the case). Only after commit are the case's live documents dropped from
 * memory (connections end for good) and the WAL truncated; with
 * `secure_delete` on (db/database.server.ts) the freed pages are zeroed, so
 * the text is gone from the file, not only from the tables.
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { MAX_DELETION_NOTE_CHARS, MAX_DELETION_REASON_CHARS, type DeletionGround } from '../../app/domain/deletion';
import { DELETION_DECISIONS } from '../../app/domain/grondslag';
import { mayDecideDeletion, mayRequestDeletion } from '../../app/domain/permissions';
import type { Tx } from '../../db/database.server';
import {
  acceptanceRequests,
  acceptances,
  auditLog,
  casePurges,
  cases,
  deletionRequests,
  meetings,
  overdrachten,
  participants,
  scaleScores,
  sessions,
  snapshots,
} from '../../db/schema';
import { recordAudit } from '../audit/audit.server';
import { logger } from '../log.server';
import { todayIso } from '../cases/regie.server';
import { actingParticipant, byActor, commit, Id, nowOf, parseInput, requireAllowed, type Actor, type CommandDeps } from './command.server';
import { Conflict, InvalidInput, NotFound } from './errors';

const log = logger('deletion');

/** Why and by whom a case is deleted. */
export type DeletionReason =
  { kind: 'bewaartermijn' } | { kind: 'verzoek-toegekend'; decidedByUserId: string | null; decidedByParticipantId: string; requestId: string };

export interface DeletedCase {
  caseId: string;
  organisationId: string;
  createdOn: string;
  closedOn: string | null;
  deletedOn: string;
  ground: DeletionGround;
}

const isoDay = (ms: number) => todayIso(ms);

/**
 * Deletes every row of one case inside `tx` and writes the tombstone. The
 * caller's transaction holds it all: a failure anywhere leaves the case whole.
 */
export function purgeCaseRows(tx: Tx, caseId: string, reason: DeletionReason, now: number): DeletedCase {
  const found = tx
    .select({ organisationId: cases.organisationId, createdAt: cases.createdAt, closedAt: cases.closedAt })
    .from(cases)
    .where(eq(cases.id, caseId))
    .get();
  if (!found) throw new NotFound('Deze casus bestaat niet (meer).');
  const people = tx
    .select({ id: participants.id })
    .from(participants)
    .where(eq(participants.caseId, caseId))
    .all()
    .map((p) => p.id);

  tx.insert(casePurges).values({ caseId }).onConflictDoNothing().run();

  // First what refers to the case without cascading (answers, versions and what points at a version);
  // then the case row itself: every other table cascades from it (children, participants, the update
  // log, checkpoints, projections, check-ins, stories, houses, pictures, questions, grondslagen,
  // requests, outbox, notification settings, personal links, sessions, meetings with their rounds).
  const requestIds = tx
    .select({ id: acceptanceRequests.id })
    .from(acceptanceRequests)
    .where(eq(acceptanceRequests.caseId, caseId))
    .all()
    .map((r) => r.id);
  if (requestIds.length > 0) tx.delete(acceptances).where(inArray(acceptances.requestId, requestIds)).run();
  tx.delete(acceptanceRequests).where(eq(acceptanceRequests.caseId, caseId)).run();
  tx.delete(scaleScores).where(eq(scaleScores.caseId, caseId)).run();
  tx.delete(meetings).where(eq(meetings.caseId, caseId)).run();
  tx.delete(overdrachten).where(eq(overdrachten.caseId, caseId)).run();
  tx.delete(snapshots).where(eq(snapshots.caseId, caseId)).run();
  tx.delete(auditLog).where(eq(auditLog.caseId, caseId)).run();
  if (people.length > 0) tx.delete(sessions).where(inArray(sessions.participantId, people)).run();
  tx.delete(cases).where(eq(cases.id, caseId)).run();

  const left = remainingReferences(tx, caseId, people);
  if (left.length > 0) throw new Error(`deleting a case left rows behind in: ${left.join(', ')}`);

  tx.delete(casePurges).where(eq(casePurges.caseId, caseId)).run();
  const deleted: DeletedCase = {
    caseId,
    organisationId: found.organisationId,
    createdOn: isoDay(found.createdAt),
    closedOn: found.closedAt === null ? null : isoDay(found.closedAt),
    deletedOn: isoDay(now),
    ground: reason.kind,
  };
  // The tombstone: ids, dates, who and why. No title, no names, no text of the case.
  recordAudit(
    tx,
    {
      type: 'case-deleted',
      caseId,
      actorUserId: reason.kind === 'verzoek-toegekend' ? reason.decidedByUserId : null,
      detail: {
        organisatie: deleted.organisationId,
        aangemaakt: deleted.createdOn,
        afgesloten: deleted.closedOn,
        verwijderd: deleted.deletedOn,
        door: reason.kind === 'bewaartermijn' ? 'bewaartermijn' : (reason.decidedByUserId ?? reason.decidedByParticipantId),
        waarom: reason.kind,
      },
    },
    now,
  );
  return deleted;
}

/**
 * Every table and column that still names the case or one of its
 * participants, found from the schema itself (columns named case_id and every
 * foreign key to participants), so a table added later is checked too.
 */
function remainingReferences(tx: Tx, caseId: string, people: string[]): string[] {
  const tables = tx.all<{ name: string }>(sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'`);
  const left: string[] = [];
  for (const { name } of tables) {
    const columns = tx.all<{ name: string }>(sql`select name from pragma_table_info(${name})`).map((c) => c.name);
    const toPeople = tx
      .all<{ from: string; table: string }>(sql`select "from", "table" from pragma_foreign_key_list(${name})`)
      .filter((fk) => fk.table === 'participants')
      .map((fk) => fk.from);
    if (name === 'audit_log') toPeople.push('actor_participant_id', 'subject_participant_id');
    const table = sql.identifier(name);
    if (columns.includes('case_id') && name !== 'case_purges') {
      const n = tx.get<{ n: number }>(sql`select count(*) as n from ${table} where case_id = ${caseId}`);
      if (n && n.n > 0) left.push(`${name}.case_id`);
    }
    if (people.length === 0) continue;
    for (const column of new Set(toPeople)) {
      const ids = sql.join(
        people.map((p) => sql`${p}`),
        sql`, `,
      );
      // Old family sign-outs were logged without a case (append-only rows); they name only a random id.
      const onlyWithCase = name === 'audit_log' ? sql` and case_id is not null` : sql``;
      const n = tx.get<{ n: number }>(sql`select count(*) as n from ${table} where ${sql.identifier(column)} in (${ids})${onlyWithCase}`);
      if (n && n.n > 0) left.push(`${name}.${column}`);
    }
  }
  return left;
}

/**
 * Deletes one case's data (both paths: retention and a granted request).
 * A `reason` given as a function runs first inside the same transaction (the
 * decision's own checks) and names who decided.
 * Before: the sync engine's queued writes are committed (none of this case can
 * arrive after). After commit: the case's documents leave memory and the WAL is
 * truncated.
 */
export function deleteCaseData(deps: CommandDeps, reason: DeletionReason | ((tx: Tx) => DeletionReason), caseId: string): DeletedCase {
  const now = nowOf(deps);
  deps.sync.flushWrites();
  return commit(
    deps,
    (tx) => {
      const why = typeof reason === 'function' ? reason(tx) : reason;
      return purgeCaseRows(tx, caseId, why, now);
    },
    (deleted) => {
      deps.sync.discardCase(deleted.caseId);
      try {
        const [row] = deps.db.all<{ busy: number }>(sql`PRAGMA wal_checkpoint(TRUNCATE)`);
        if (row?.busy) log.warn('the WAL could not be truncated at once after a deletion; the next checkpoint overwrites it');
      } catch (err) {
        log.error({ err }, 'truncating the WAL after a deletion failed');
      }
      log.info({ caseId: deleted.caseId, ground: deleted.ground }, 'case deleted');
    },
  );
}

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const RequestDeletionInput = z.object({
  note: z.preprocess(
    blankToUndefined,
    z
      .string({ error: 'Dit bericht klopt niet.' })
      .trim()
      .max(MAX_DELETION_NOTE_CHARS, `Je bericht is te lang. Gebruik hoogstens ${MAX_DELETION_NOTE_CHARS} tekens.`)
      .optional(),
  ),
});

/** A parent or the young person asks to delete the case's data (also when the case is closed). */
export function requestDeletion(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(RequestDeletionInput, input);
  const now = nowOf(deps);
  return commit(deps, (tx) => {
    // Not actingWriter: a closed case is exactly when a family may ask this.
    const me = actingParticipant(tx, actor);
    requireAllowed(mayRequestDeletion(me.role), 'Alleen een ouder of de jeugdige kan vragen om de gegevens te verwijderen.');
    const open = tx
      .select({ id: deletionRequests.id })
      .from(deletionRequests)
      .where(and(eq(deletionRequests.caseId, me.caseId), isNull(deletionRequests.decidedAt)))
      .get();
    if (open) throw new Conflict('Er is al een vraag om te verwijderen. De jeugdbeschermer beslist daar eerst over.');
    const id = randomUUID();
    tx.insert(deletionRequests)
      .values({ id, caseId: me.caseId, requestedById: me.id, requestedAt: now, note: data.note ?? null })
      .run();
    // No note text in the audit: only that it was asked.
    recordAudit(tx, { type: 'deletion-requested', ...byActor(actor), detail: { verzoek: id } }, now);
    return { id };
  });
}

const REASON = 'Schrijf op waarom je zo beslist. Het gezin leest dit.';

export const DecideDeletionInput = z.object({
  requestId: Id(),
  decision: z.enum(DELETION_DECISIONS, { error: 'Kies: toekennen of afwijzen.' }),
  reason: z
    .string({ error: REASON })
    .trim()
    .min(3, REASON)
    .max(MAX_DELETION_REASON_CHARS, `De reden is te lang (hooguit ${MAX_DELETION_REASON_CHARS} tekens).`),
  /** Toekennen deletes the case at once: the decider ticks that they know. */
  confirm: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()).optional(),
});

/**
 * The jeugdbeschermer decides a request with a reason the family reads.
 * Afgewezen: the decision is kept and shown to the family. Toegekend: the
 * case is deleted at once through deleteCaseData, in the same transaction
 * as the checks (ADR 035: Veiligplan is a working tool, not the GI's dossier).
 */
export function decideDeletion(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(DecideDeletionInput, input);
  if (data.decision === 'toegekend' && !data.confirm) {
    throw new InvalidInput('Vink aan dat je weet dat alles van deze casus meteen en voorgoed wordt verwijderd.', 'confirm');
  }
  const now = nowOf(deps);
  const decidable = (tx: Tx) => {
    const me = actingParticipant(tx, actor);
    const hasJb = tx
      .select({ id: participants.id })
      .from(participants)
      .where(and(eq(participants.caseId, me.caseId), eq(participants.role, 'jeugdbeschermer'), isNull(participants.removedAt)))
      .get();
    requireAllowed(mayDecideDeletion(me.role, { jeugdbeschermer: Boolean(hasJb) }), 'Alleen de jeugdbeschermer beslist over een vraag om te verwijderen.');
    const request = tx
      .select()
      .from(deletionRequests)
      .where(and(eq(deletionRequests.id, data.requestId), eq(deletionRequests.caseId, me.caseId)))
      .get();
    if (!request) throw new NotFound('Deze vraag bestaat niet (meer).', 'requestId');
    if (request.decidedAt !== null) throw new Conflict('Over deze vraag is al beslist.');
    return { me, request };
  };

  if (data.decision === 'toegekend') {
    // The checks run inside the deleting transaction; the reason (free text) is not kept in the tombstone.
    const deleted = deleteCaseData(
      deps,
      (tx) => {
        const { me, request } = decidable(tx);
        return { kind: 'verzoek-toegekend', decidedByUserId: me.userId, decidedByParticipantId: me.id, requestId: request.id };
      },
      actor.caseId,
    );
    return { decision: 'toegekend' as const, deleted };
  }

  return commit(deps, (tx) => {
    const { me, request } = decidable(tx);
    tx.update(deletionRequests)
      .set({ decision: 'afgewezen', decidedById: me.id, decidedAt: now, decisionReason: data.reason })
      .where(eq(deletionRequests.id, request.id))
      .run();
    recordAudit(
      tx,
      { type: 'deletion-decided', ...byActor(actor), subjectParticipantId: request.requestedById, detail: { verzoek: request.id, besluit: 'afgewezen' } },
      now,
    );
    return { decision: 'afgewezen' as const };
  });
}

/** Reads for the pages: the latest request of a case (family) and the open one (professional). */
export function deletionQueries(db: Tx) {
  return {
    latest(caseId: string) {
      return (
        db
          .select({
            id: deletionRequests.id,
            requestedAt: deletionRequests.requestedAt,
            requestedById: deletionRequests.requestedById,
            note: deletionRequests.note,
            decision: deletionRequests.decision,
            decidedAt: deletionRequests.decidedAt,
            decisionReason: deletionRequests.decisionReason,
          })
          .from(deletionRequests)
          .where(eq(deletionRequests.caseId, caseId))
          .orderBy(desc(deletionRequests.requestedAt))
          .get() ?? null
      );
    },
  };
}
