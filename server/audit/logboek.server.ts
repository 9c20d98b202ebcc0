/**
 * The read side of the Logboek (ADR 036): one case's audit rows, its edits
 * summarised per person, document and 10 minutes, and its case events, in
 * one order — newest first by (at, source, id) — paged with a keyset cursor
 * so a page never repeats or skips a row while new rows arrive. Views are
 * left out unless asked for. Invariant: entries leave here as sentences and
 * names only (names of this case's participants, removed ones too, and of
 * accounts); never an id, a session hash or a raw detail.
 */
import { and, count, desc, eq, inArray, lt, lte, max, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { isAuditType, type AuditType } from '../../app/domain/audit';
import { CASE_EVENT_LABELS, describeEvent, type CaseEventType } from '../../app/domain/caseEvents';
import {
  ALL_EVENTS,
  encodeCursor,
  EVENT_PREFIX,
  LOGBOEK_PAGE_SIZE,
  LOGBOEK_SOURCES,
  LOGBOEK_VIEW_TYPES,
  logboekSentence,
  type LogboekCursor,
} from '../../app/domain/logboek';
import type { Db } from '../../db/database.server';
import { auditLog, children, participants, snapshots, updates, users } from '../../db/schema';
import { logbookEvents } from '../cases/overview.server';

const SOURCE = LOGBOEK_SOURCES;
type Source = LogboekCursor['source'];

export interface LogboekEntry {
  /** Opaque position of the entry (also its React key). */
  key: string;
  at: number;
  kind: 'event' | 'audit';
  /** Audit rows: the whole sentence. Events: who did it. */
  text: string;
  /** Events only: the event's label, its old → new and its reason. */
  label?: string;
  detail?: string;
  reason?: string;
  view: boolean;
}

export interface LogboekQuery {
  /** Also show views and access rows. */
  views?: boolean;
  /** Only rows by or about this participant. */
  person?: string;
  /** 'gebeurtenissen', 'gebeurtenis:<type>' or an audit type. */
  type?: string;
  after?: LogboekCursor | null;
  limit?: number;
}

/** Rows strictly after the cursor in (at desc, source asc, id desc) order, for one source. */
function afterCursor(at: SQLiteColumn | SQL, id: SQLiteColumn | SQL, source: Source, c: LogboekCursor | null | undefined): SQL | undefined {
  if (!c) return undefined;
  if (source < c.source) return sql`${at} < ${c.at}`;
  if (source > c.source) return lte(at as SQLiteColumn, c.at);
  return or(lt(at as SQLiteColumn, c.at), and(eq(at as SQLiteColumn, c.at), lt(id as SQLiteColumn, c.id)));
}
const isAfter = (e: LogboekCursor, c: LogboekCursor | null | undefined) =>
  !c || e.at < c.at || (e.at === c.at && (e.source > c.source || (e.source === c.source && e.id < c.id)));
const compare = (a: LogboekCursor, b: LogboekCursor) => b.at - a.at || a.source - b.source || b.id - a.id;

export function logboekPage(db: Db, caseId: string, q: LogboekQuery = {}) {
  const limit = q.limit ?? LOGBOEK_PAGE_SIZE;
  const type = q.type ?? '';
  const eventType = type.startsWith(EVENT_PREFIX) ? type.slice(EVENT_PREFIX.length) : '';
  const onlyEvents = type === ALL_EVENTS || type.startsWith(EVENT_PREFIX);
  const auditType: AuditType | null = type && !onlyEvents ? (isAuditType(type) ? type : null) : null;
  const unknownType = Boolean(type) && !onlyEvents && auditType === null;
  const wantEvents = !type || onlyEvents;
  const wantAudit = !unknownType && !onlyEvents;
  const wantEdits = wantAudit && (auditType === null || auditType === 'document-edited');

  // Audit rows (views only when asked for, or when the filter names a view type).
  const auditRows = wantAudit
    ? db
        .select()
        .from(auditLog)
        .where(
          and(
            eq(auditLog.caseId, caseId),
            auditType ? eq(auditLog.type, auditType) : q.views ? undefined : notInArray(auditLog.type, [...LOGBOEK_VIEW_TYPES]),
            q.person ? or(eq(auditLog.actorParticipantId, q.person), eq(auditLog.subjectParticipantId, q.person)) : undefined,
            afterCursor(auditLog.at, auditLog.id, SOURCE.audit, q.after),
          ),
        )
        .orderBy(desc(auditLog.at), desc(auditLog.id))
        .limit(limit + 1)
        .all()
    : [];

  // Edits from the update log, per person, document and 10 minutes.
  const lastAt = max(updates.receivedAt);
  const lastId = max(updates.id);
  const editRows = wantEdits
    ? db
        .select({ at: lastAt, id: lastId, actor: updates.participantId, document: updates.document, n: count() })
        .from(updates)
        .where(and(eq(updates.caseId, caseId), q.person ? eq(updates.participantId, q.person) : undefined))
        .groupBy(updates.participantId, updates.document, sql`${updates.receivedAt} / 600000`)
        .having(afterCursor(sql`max(${updates.receivedAt})`, sql`max(${updates.id})`, SOURCE.edits, q.after))
        .orderBy(desc(lastAt), desc(lastId))
        .limit(limit + 1)
        .all()
    : [];

  // Case events are few per case: read them all and page here.
  const events = wantEvents
    ? logbookEvents(db, caseId, {
        ...(eventType ? { types: [eventType as CaseEventType] } : {}),
        ...(q.person ? { participantId: q.person } : {}),
      }).filter((e) => (!eventType || e.type === eventType) && isAfter({ at: e.at, source: SOURCE.event, id: e.id }, q.after))
    : [];

  // Names: this case's participants (removed ones too) and accounts.
  const people = new Set<string>();
  for (const r of auditRows) for (const id of [r.actorParticipantId, r.subjectParticipantId]) if (id) people.add(id);
  for (const r of editRows) if (r.actor) people.add(r.actor);
  const names = participantNamesInCase(db, caseId, [...people]);
  const accounts = accountNames(
    db,
    auditRows.flatMap((r) => (r.actorUserId && !r.actorParticipantId ? [r.actorUserId] : [])),
  );
  const details = auditRows.map((r) => parseDetail(r.detail));
  const versions = labelsOf(
    db,
    caseId,
    details.flatMap((d) => (typeof d?.versie === 'string' ? [d.versie] : [])),
  );
  const kids = childNames(
    db,
    caseId,
    details.flatMap((d) => (typeof d?.kind === 'string' ? [d.kind] : [])),
  );

  type Positioned = LogboekEntry & { pos: LogboekCursor };
  const all: Positioned[] = [
    ...auditRows.map((r, i): Positioned => {
      const d = details[i] ?? null;
      const pos = { at: r.at, source: SOURCE.audit, id: r.id };
      return {
        key: encodeCursor(pos),
        pos,
        at: r.at,
        kind: 'audit',
        view: (LOGBOEK_VIEW_TYPES as readonly string[]).includes(r.type),
        text: logboekSentence({
          type: r.type,
          actor: r.actorParticipantId ? (names.get(r.actorParticipantId) ?? null) : r.actorUserId ? (accounts.get(r.actorUserId) ?? null) : null,
          subject: r.subjectParticipantId ? (names.get(r.subjectParticipantId) ?? null) : null,
          detail: d,
          versionLabel: typeof d?.versie === 'string' ? (versions.get(d.versie) ?? null) : null,
          childName: typeof d?.kind === 'string' ? (kids.get(d.kind) ?? null) : null,
        }),
      };
    }),
    ...editRows.map((r): Positioned => {
      const pos = { at: r.at ?? 0, source: SOURCE.edits, id: r.id ?? 0 };
      return {
        key: encodeCursor(pos),
        pos,
        at: pos.at,
        kind: 'audit',
        view: false,
        text: logboekSentence({
          type: 'document-edited',
          actor: r.actor ? (names.get(r.actor) ?? null) : null,
          subject: null,
          detail: { document: r.document, wijzigingen: r.n },
        }),
      };
    }),
    ...events.map((e): Positioned => {
      const pos = { at: e.at, source: SOURCE.event, id: e.id };
      return {
        key: encodeCursor(pos),
        pos,
        at: e.at,
        kind: 'event',
        view: false,
        text: e.actorName ?? 'Iemand',
        label: CASE_EVENT_LABELS[e.type],
        detail: describeEvent(e),
        reason: e.reason ?? '',
      };
    }),
  ].sort((a, b) => compare(a.pos, b.pos));

  const page = all.slice(0, limit);
  const more = all.length > limit;
  return {
    entries: page.map(({ pos: _pos, ...entry }) => entry),
    next: more ? encodeCursor(page[page.length - 1]!.pos) : null,
  };
}

function parseDetail(detail: string | null): Record<string, unknown> | null {
  if (!detail) return null;
  try {
    const parsed: unknown = JSON.parse(detail);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Names of participants of this case only (an id from another case stays unknown: "Iemand"). */
function participantNamesInCase(db: Db, caseId: string, ids: string[]): Map<string, string> {
  if (ids.length === 0) return new Map();
  const rows = db
    .select({ id: participants.id, name: participants.name, account: users.name })
    .from(participants)
    .leftJoin(users, eq(users.id, participants.userId))
    .where(and(eq(participants.caseId, caseId), inArray(participants.id, ids)))
    .all();
  return new Map(rows.flatMap((r) => ((r.account ?? r.name) ? [[r.id, (r.account ?? r.name)!] as const] : [])));
}

function accountNames(db: Db, ids: string[]): Map<string, string> {
  if (ids.length === 0) return new Map();
  return new Map(
    db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(inArray(users.id, [...new Set(ids)]))
      .all()
      .map((r) => [r.id, r.name]),
  );
}

function labelsOf(db: Db, caseId: string, ids: string[]): Map<string, string> {
  if (ids.length === 0) return new Map();
  return new Map(
    db
      .select({ id: snapshots.id, label: snapshots.label })
      .from(snapshots)
      .where(and(eq(snapshots.caseId, caseId), inArray(snapshots.id, [...new Set(ids)])))
      .all()
      .map((r) => [r.id, r.label]),
  );
}

function childNames(db: Db, caseId: string, ids: string[]): Map<string, string> {
  if (ids.length === 0) return new Map();
  return new Map(
    db
      .select({ id: children.id, name: children.firstName })
      .from(children)
      .where(and(eq(children.caseId, caseId), inArray(children.id, [...new Set(ids)])))
      .all()
      .map((r) => [r.id, r.name]),
  );
}
