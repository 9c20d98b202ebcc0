/**
 * Reading netwerkberaden (SPEC §2.5) and the few writes other commands share.
 * Invariant: a score given in an open scale round is never part of anything
 * this module returns — views only say *who* scored until the round is
 * revealed; the values are read only by the reveal itself
 * (server/commands/meetings.server.ts), which copies them into scale_scores.
 */
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Role } from '../../app/domain/caseFacts';
import { ROLE_LABELS } from '../../app/domain/caseFacts';
import { isMeetingFocus, type MeetingFocus, type MeetingNoteKind, type MeetingSummary } from '../../app/domain/meeting';
import type { Db, Tx } from '../../db/database.server';
import { meetingAttendees, meetingNotes, meetingRounds, meetingRoundScores, meetings, participants, scaleScores } from '../../db/schema';
import { participantNames } from '../cases/events.server';
import { regieState, effectiveRole } from '../cases/regie.server';

type Reader = Db | Tx;

/** The meeting running in a case, if any (at most one: a partial unique index). */
export function runningMeeting(db: Reader, caseId: string) {
  return db
    .select()
    .from(meetings)
    .where(and(eq(meetings.caseId, caseId), isNull(meetings.endedAt)))
    .get();
}

/** The running meeting a join code names, if any. Ended meetings' codes resolve to nothing. */
export function runningMeetingByCode(db: Reader, code: string) {
  return db
    .select({ id: meetings.id, caseId: meetings.caseId })
    .from(meetings)
    .where(and(eq(meetings.code, code), isNull(meetings.endedAt)))
    .get();
}

/** The open (not yet revealed) round of a meeting, if any. */
export function openRound(db: Reader, meetingId: string) {
  return db
    .select()
    .from(meetingRounds)
    .where(and(eq(meetingRounds.meetingId, meetingId), isNull(meetingRounds.revealedAt)))
    .get();
}

/**
 * Someone's access ended (removed, link revoked or replaced): in the case's
 * running meeting they are marked as gone and a score they gave in an open
 * round is dropped (it is never revealed). True when a running meeting changed.
 */
export function leaveRunningMeeting(tx: Tx, caseId: string, participantId: string, now: number): boolean {
  const meeting = runningMeeting(tx, caseId);
  if (!meeting) return false;
  const left = tx
    .update(meetingAttendees)
    .set({ leftAt: now })
    .where(and(eq(meetingAttendees.meetingId, meeting.id), eq(meetingAttendees.participantId, participantId), isNull(meetingAttendees.leftAt)))
    .run().changes;
  const round = openRound(tx, meeting.id);
  const dropped = round
    ? tx
        .delete(meetingRoundScores)
        .where(and(eq(meetingRoundScores.roundId, round.id), eq(meetingRoundScores.participantId, participantId)))
        .run().changes
    : 0;
  return left + dropped > 0;
}

export interface AttendeeView {
  participantId: string;
  name: string;
  role: string;
  /** Joined from their own phone or session. */
  joined: boolean;
  /** Counted as present (joined, or marked by the facilitator). */
  present: boolean;
  /** Their access ended during the meeting. */
  left: boolean;
}

export interface MeetingView {
  id: string;
  code: string;
  startedAt: number;
  startedBy: string;
  focus: MeetingFocus;
  attendees: AttendeeView[];
  /** The open round: who scored so far (never what), and whether the viewer did. */
  round: { id: string; openedAt: number; scoredBy: string[]; scoredCount: number; mineGiven: boolean } | null;
  /** Rounds of this meeting already revealed, newest first, with every score. */
  revealed: {
    id: string;
    openedAt: number;
    revealedAt: number;
    scores: { participantId: string; name: string; score: number; explanation: string | null }[];
  }[];
  notes: { id: number; kind: MeetingNoteKind; text: string; by: string; at: number }[];
}

/** Everyone of the case with their attendance in a meeting (present or not), current participants first. */
function attendeesOf(db: Reader, caseId: string, meetingId: string): AttendeeView[] {
  const regie = regieState(db as Tx, caseId);
  const rows = db
    .select({
      id: participants.id,
      role: participants.role,
      userId: participants.userId,
      removedAt: participants.removedAt,
      joinedAt: meetingAttendees.joinedAt,
      present: meetingAttendees.present,
      leftAt: meetingAttendees.leftAt,
    })
    .from(participants)
    .leftJoin(meetingAttendees, and(eq(meetingAttendees.participantId, participants.id), eq(meetingAttendees.meetingId, meetingId)))
    .where(and(eq(participants.caseId, caseId), sql`(${participants.removedAt} is null or ${meetingAttendees.participantId} is not null)`))
    .orderBy(asc(participants.createdAt))
    .all();
  const names = participantNames(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    participantId: r.id,
    name: names.get(r.id) ?? 'Onbekend',
    role: ROLE_LABELS[effectiveRole({ id: r.id, role: r.role as Role, userId: r.userId }, regie)],
    joined: r.joinedAt !== null && r.joinedAt !== undefined,
    present: r.present === true && (r.leftAt === null || r.leftAt === undefined) && r.removedAt === null,
    left: (r.leftAt !== null && r.leftAt !== undefined) || r.removedAt !== null,
  }));
}

/** Revealed rounds of a meeting with their scores (the copies in scale_scores, marked with the meeting). */
function revealedRounds(db: Reader, meetingId: string): MeetingView['revealed'] {
  const rounds = db
    .select()
    .from(meetingRounds)
    .where(and(eq(meetingRounds.meetingId, meetingId), isNotNull(meetingRounds.revealedAt)))
    .orderBy(desc(meetingRounds.revealedAt))
    .all();
  if (rounds.length === 0) return [];
  const scores = db
    .select({ participantId: scaleScores.participantId, score: scaleScores.score, explanation: scaleScores.explanation, at: scaleScores.createdAt })
    .from(scaleScores)
    .where(eq(scaleScores.meetingId, meetingId))
    .orderBy(asc(scaleScores.id))
    .all();
  const names = participantNames(db, [...new Set(scores.map((s) => s.participantId))]);
  // A round's scores were written at its reveal time (the reveal copies them in one transaction).
  return rounds.map((r) => ({
    id: r.id,
    openedAt: r.openedAt,
    revealedAt: r.revealedAt!,
    scores: scores
      .filter((s) => s.at === r.revealedAt)
      .map((s) => ({ participantId: s.participantId, name: names.get(s.participantId) ?? 'Onbekend', score: s.score, explanation: s.explanation })),
  }));
}

function notesOf(db: Reader, meetingId: string): MeetingView['notes'] {
  const rows = db.select().from(meetingNotes).where(eq(meetingNotes.meetingId, meetingId)).orderBy(asc(meetingNotes.id)).all();
  const names = participantNames(db, [...new Set(rows.map((r) => r.authorId))]);
  return rows.map((r) => ({ id: r.id, kind: r.kind, text: r.text, by: names.get(r.authorId) ?? 'Onbekend', at: r.createdAt }));
}

/** The running meeting of a case as a page shows it to `viewerId`, or null. Holds no unrevealed score. */
export function meetingView(db: Db, caseId: string, viewerId: string): MeetingView | null {
  const m = runningMeeting(db, caseId);
  if (!m) return null;
  const round = openRound(db, m.id);
  let roundView: MeetingView['round'] = null;
  if (round) {
    // Only who scored: the score column is deliberately not selected.
    const scored = db
      .select({ participantId: meetingRoundScores.participantId })
      .from(meetingRoundScores)
      .where(eq(meetingRoundScores.roundId, round.id))
      .orderBy(asc(meetingRoundScores.at))
      .all()
      .map((r) => r.participantId);
    const names = participantNames(db, scored);
    roundView = {
      id: round.id,
      openedAt: round.openedAt,
      scoredBy: scored.map((id) => names.get(id) ?? 'Onbekend'),
      scoredCount: scored.length,
      mineGiven: scored.includes(viewerId),
    };
  }
  return {
    id: m.id,
    code: m.code,
    startedAt: m.startedAt,
    startedBy: participantNames(db, [m.startedById]).get(m.startedById) ?? 'Onbekend',
    focus: isMeetingFocus(m.focus) ? m.focus : 'kaart',
    attendees: attendeesOf(db, caseId, m.id),
    round: roundView,
    revealed: revealedRounds(db, m.id),
    notes: notesOf(db, m.id),
  };
}

/** Used by the end of a meeting: the attendees, revealed rounds and notes as its summary keeps them. */
export function meetingRecord(tx: Tx, caseId: string, meetingId: string) {
  return { attendees: attendeesOf(tx, caseId, meetingId), revealed: revealedRounds(tx, meetingId), notes: notesOf(tx, meetingId) };
}

export interface EndedMeeting {
  id: string;
  startedAt: number;
  endedAt: number;
  snapshotId: string | null;
  summary: MeetingSummary;
}

function ended(row: typeof meetings.$inferSelect): EndedMeeting | null {
  if (row.endedAt === null || row.summary === null) return null;
  return { id: row.id, startedAt: row.startedAt, endedAt: row.endedAt, snapshotId: row.snapshotId, summary: JSON.parse(row.summary) as MeetingSummary };
}

/** One ended meeting of a case with its summary; another case's id is undefined. */
export function endedMeeting(db: Db, caseId: string, meetingId: string): EndedMeeting | undefined {
  const row = db
    .select()
    .from(meetings)
    .where(and(eq(meetings.caseId, caseId), eq(meetings.id, meetingId)))
    .get();
  return (row && ended(row)) ?? undefined;
}

/** The ended meetings of a case, newest first. */
export function endedMeetings(db: Db, caseId: string, limit = 20): EndedMeeting[] {
  return db
    .select()
    .from(meetings)
    .where(and(eq(meetings.caseId, caseId), isNotNull(meetings.endedAt)))
    .orderBy(desc(meetings.endedAt))
    .limit(limit)
    .all()
    .map(ended)
    .filter((m): m is EndedMeeting => m !== null);
}

/** The ended meetings of a case by the `sessie` version each one made: snapshot id → meeting id (for the Versies page). */
export function meetingsBySnapshot(db: Db, caseId: string): Record<string, string> {
  const rows = db
    .select({ id: meetings.id, snapshotId: meetings.snapshotId })
    .from(meetings)
    .where(and(eq(meetings.caseId, caseId), isNotNull(meetings.endedAt), isNotNull(meetings.snapshotId)))
    .all();
  return Object.fromEntries(rows.map((r) => [r.snapshotId!, r.id]));
}

/** The read side handed to loaders (`context.services.meetings`). */
export function meetingQueries(db: Db) {
  return {
    view: (caseId: string, viewerId: string) => meetingView(db, caseId, viewerId),
    running: (caseId: string) => runningMeeting(db, caseId),
    byCode: (code: string) => runningMeetingByCode(db, code),
    ended: (caseId: string, meetingId: string) => endedMeeting(db, caseId, meetingId),
    endedList: (caseId: string, limit?: number) => endedMeetings(db, caseId, limit),
    /** Which of these cases have a meeting running now (for lists). */
    runningIn: (caseIds: string[]) =>
      caseIds.length === 0
        ? new Set<string>()
        : new Set(
            db
              .select({ caseId: meetings.caseId })
              .from(meetings)
              .where(and(inArray(meetings.caseId, caseIds), isNull(meetings.endedAt)))
              .all()
              .map((r) => r.caseId),
          ),
    /** Snapshot id → meeting id of the case's ended meetings (a `sessie` version links to its summary). */
    bySnapshot: (caseId: string) => meetingsBySnapshot(db, caseId),
  };
}
export type MeetingQueries = ReturnType<typeof meetingQueries>;
