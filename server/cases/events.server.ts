/**
 * Case events (SPEC §2.4): the immutable history of a case's facts. Commands
 * write one with `recordCaseEvent` inside the same transaction as the change
 * it describes (a trigger refuses updates and deletes); views read them with
 * names resolved from the participant table, never from stored text.
 */
import { and, asc, desc, eq, gt, inArray } from 'drizzle-orm';
import type { CaseEventType, CaseEventView } from '../../app/domain/caseEvents';
import type { Db, Tx } from '../../db/database.server';
import { caseEvents, participants, users } from '../../db/schema';

export interface NewCaseEvent {
  caseId: string;
  type: CaseEventType;
  actorParticipantId: string | null;
  subjectParticipantId?: string | null;
  field?: string | null;
  oldValue?: unknown;
  newValue?: unknown;
  reason?: string | null;
  refId?: string | null;
}

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
const parse = (v: string | null): unknown => {
  if (v === null) return null;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
};

/** Writes one event in the caller's transaction. */
export function recordCaseEvent(tx: Tx, e: NewCaseEvent, at: number = Date.now()): number {
  const row = tx
    .insert(caseEvents)
    .values({
      caseId: e.caseId,
      at,
      type: e.type,
      actorParticipantId: e.actorParticipantId,
      subjectParticipantId: e.subjectParticipantId ?? null,
      field: e.field ?? null,
      oldValue: json(e.oldValue),
      newValue: json(e.newValue),
      reason: e.reason ?? null,
      refId: e.refId ?? null,
    })
    .returning({ id: caseEvents.id })
    .get();
  return row.id;
}

/** Display names of participants (from the account for professionals), by id. */
export function participantNames(db: Db | Tx, ids: (string | null)[]): Map<string, string> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const rows = db
    .select({ id: participants.id, name: participants.name, account: users.name })
    .from(participants)
    .leftJoin(users, eq(users.id, participants.userId))
    .where(inArray(participants.id, wanted))
    .all();
  return new Map(rows.map((r) => [r.id, r.account ?? r.name ?? 'Onbekend']));
}

/**
 * A case's events as views, oldest first (or newest first with `newestFirst`),
 * optionally only those after `since` (ms). Values that name a participant
 * (`vastAanspreekpunt`) are shown by name.
 */
export function listCaseEvents(db: Db | Tx, caseId: string, opts: { since?: number; newestFirst?: boolean; types?: CaseEventType[] } = {}): CaseEventView[] {
  const where = [eq(caseEvents.caseId, caseId)];
  if (opts.since !== undefined) where.push(gt(caseEvents.at, opts.since));
  if (opts.types?.length) where.push(inArray(caseEvents.type, opts.types));
  const rows = db
    .select()
    .from(caseEvents)
    .where(and(...where))
    .orderBy(opts.newestFirst ? desc(caseEvents.at) : asc(caseEvents.at), opts.newestFirst ? desc(caseEvents.id) : asc(caseEvents.id))
    .all();
  const personValued = (r: (typeof rows)[number]) => r.field === 'vastAanspreekpunt';
  const names = participantNames(db, [
    ...rows.flatMap((r) => [r.actorParticipantId, r.subjectParticipantId]),
    ...rows.filter(personValued).flatMap((r) => [parse(r.oldValue) as string | null, parse(r.newValue) as string | null]),
  ]);
  const nameOf = (id: unknown) => (typeof id === 'string' ? (names.get(id) ?? 'Onbekend') : null);
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    type: r.type,
    actorName: nameOf(r.actorParticipantId),
    subjectName: nameOf(r.subjectParticipantId),
    field: r.field,
    oldValue: personValued(r) ? nameOf(parse(r.oldValue)) : parse(r.oldValue),
    newValue: personValued(r) ? nameOf(parse(r.newValue)) : parse(r.newValue),
    reason: r.reason,
    refId: r.refId,
  }));
}
