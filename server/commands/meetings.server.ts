/**
 * Commands of a netwerkberaad (SPEC §2.5, ADR 024). Only the facilitator
 * roles (case facts write: mayFacilitateMeeting) start and end a meeting,
 * set its focus, correct attendance, open and reveal a scale round, capture
 * notes and add people on the spot. Everyone in the case joins with their own
 * sign-in — the join code only says which meeting — and scores their own
 * round on their own request. A round's scores stay in meeting_round_scores
 * until the reveal copies them, all at once, into scale_scores (marked with
 * the meeting); nothing before that returns or audits a score's value.
 * Open pages reload after commit through the kaart's meeting stamp.
 */
import { randomUUID, getRandomValues } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { FAMILY_ROLES, ROLE_LABELS } from '../../app/domain/caseFacts';
import { addItem } from '../../app/domain/items';
import {
  buildMeetingSummary,
  MAX_MEETING_NOTE_CHARS,
  MEETING_FOCI,
  MEETING_NOTE_KINDS,
  meetingCodeFrom,
  normalizeMeetingCode,
  type MeetingRoundResult,
} from '../../app/domain/meeting';
import { caseAccess, canWriteDocument, mayFacilitateMeeting } from '../../app/domain/permissions';
import { formatIsoDay } from '../../app/domain/plan';
import { isIsoDate, parseRecurrence } from '../../app/domain/recurrence';
import type { CaseRendering } from '../../app/domain/diff';
import type { Tx } from '../../db/database.server';
import { meetingAttendees, meetingNotes, meetingRounds, meetingRoundScores, meetings, participants, scaleScores } from '../../db/schema';
import { recordAudit } from '../audit/audit.server';
import { participantNames, recordCaseEvent } from '../cases/events.server';
import { insertLink, newLinkSecrets } from '../links/links.server';
import { meetingRecord, openRound, runningMeeting, runningMeetingByCode } from '../meetings/meetings.server';
import { actingWriter, byActor, commit, Id, nowOf, parseInput, participantInCase, requireAllowed, type Actor, type CommandDeps } from './command.server';
import { Conflict, InvalidInput, NotFound } from './errors';
import { AddFamilyMemberInput, insertFamilyMember } from './participants.server';
import { ScoreInput } from './scale.server';

const FACILITATORS_ONLY = 'Alleen de jeugdbeschermer of de casusregisseur leidt een netwerkberaad.';
const NO_MEETING = 'Er loopt nu geen netwerkberaad in deze casus.';
const WRONG_CODE = 'Deze code hoort niet bij een netwerkberaad waar jij bij hoort. Kijk nog eens goed op het scherm.';

/** The facilitator (re-read in the transaction) and, unless `none`, the case's running meeting. */
function facilitator(tx: Tx, actor: Actor) {
  const me = actingWriter(tx, actor);
  requireAllowed(mayFacilitateMeeting(me.role), FACILITATORS_ONLY);
  return me;
}

function requireRunning(tx: Tx, caseId: string) {
  const meeting = runningMeeting(tx, caseId);
  if (!meeting) throw new Conflict(NO_MEETING);
  return meeting;
}

/** A round of this meeting that is still open; another meeting's or an unknown round is NotFound, a revealed one Conflict. */
function openRoundOf(tx: Tx, meetingId: string, roundId: string, revealedMessage: string) {
  const round = tx
    .select()
    .from(meetingRounds)
    .where(and(eq(meetingRounds.id, roundId), eq(meetingRounds.meetingId, meetingId)))
    .get();
  if (!round) throw new NotFound('Deze schaalronde bestaat niet (meer).', 'roundId');
  if (round.revealedAt !== null) throw new Conflict(revealedMessage);
  return round;
}

/** Marks someone present in a meeting (joining, scoring or the facilitator's correction). */
function markPresent(tx: Tx, meetingId: string, participantId: string, now: number, how: { joined: boolean; correctedById?: string; present?: boolean }) {
  const present = how.present ?? true;
  tx.insert(meetingAttendees)
    .values({
      meetingId,
      participantId,
      joinedAt: how.joined ? now : null,
      present,
      correctedById: how.correctedById ?? null,
      leftAt: null,
    })
    .onConflictDoUpdate({
      target: [meetingAttendees.meetingId, meetingAttendees.participantId],
      set: {
        present,
        leftAt: null,
        ...(how.joined ? { joinedAt: now } : {}),
        ...(how.correctedById ? { correctedById: how.correctedById } : {}),
      },
    })
    .run();
}

function newCode(tx: Tx): string {
  for (let i = 0; i < 20; i++) {
    const code = meetingCodeFrom(getRandomValues(new Uint32Array(6)));
    if (!runningMeetingByCode(tx, code)) return code;
  }
  throw new Conflict('Er kon geen code worden gemaakt. Probeer het nog eens.');
}

export const StartMeetingInput = z.object({ focus: z.enum(MEETING_FOCI, { error: 'Kies wat er besproken wordt.' }).optional() });

/** Starts a netwerkberaad: a join code, the case as it is now (the summary's "before"), and the facilitator present. */
export function startMeeting(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(StartMeetingInput, input);
  const now = nowOf(deps);
  return commit(
    deps,
    (tx) => {
      const me = facilitator(tx, actor);
      const before: CaseRendering = deps.snapshots.renderingNow(me.caseId);
      if (runningMeeting(tx, me.caseId)) throw new Conflict('Er loopt al een netwerkberaad in deze casus. Ga daarheen of rond het eerst af.');
      const id = randomUUID();
      const code = newCode(tx);
      tx.insert(meetings)
        .values({ id, caseId: me.caseId, code, startedById: me.id, startedAt: now, focus: data.focus ?? 'kaart', startRendering: JSON.stringify(before) })
        .run();
      markPresent(tx, id, me.id, now, { joined: true });
      recordCaseEvent(tx, { caseId: me.caseId, type: 'meeting-started', actorParticipantId: me.id, refId: id }, now);
      recordAudit(tx, { type: 'meeting-started', ...byActor(actor), detail: { sessie: id } }, now);
      return { caseId: me.caseId, by: me.id, meetingId: id, code };
    },
    (r) => deps.stamps.meetingChanged(r.caseId, r.by, now),
  );
}

export const JoinMeetingInput = z.object({
  code: z.string({ error: WRONG_CODE }).transform((v, ctx) => normalizeMeetingCode(v) ?? (ctx.addIssue(WRONG_CODE), z.NEVER)),
});

/**
 * Joins the running meeting a code names, as the signed-in person of that
 * case. A code of another case or of no running meeting is the same NotFound:
 * the answer never says which codes exist.
 */
export function joinMeeting(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(JoinMeetingInput, input);
  const now = nowOf(deps);
  return commit(
    deps,
    (tx) => {
      const me = actingWriter(tx, actor);
      const meeting = runningMeetingByCode(tx, data.code);
      if (!meeting || meeting.caseId !== me.caseId) throw new NotFound(WRONG_CODE, 'code');
      markPresent(tx, meeting.id, me.id, now, { joined: true });
      recordAudit(tx, { type: 'meeting-joined', ...byActor(actor), detail: { sessie: meeting.id } }, now);
      return { caseId: me.caseId, by: me.id, meetingId: meeting.id };
    },
    (r) => deps.stamps.meetingChanged(r.caseId, r.by, now),
  );
}

export const SetFocusInput = z.object({ focus: z.enum(MEETING_FOCI, { error: 'Kies wat er besproken wordt.' }) });

/** The facilitator picks what is under discussion; phones that follow the meeting show it. */
export function setMeetingFocus(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(SetFocusInput, input);
  const now = nowOf(deps);
  return commit(
    deps,
    (tx) => {
      const me = facilitator(tx, actor);
      const meeting = requireRunning(tx, me.caseId);
      tx.update(meetings).set({ focus: data.focus }).where(eq(meetings.id, meeting.id)).run();
      recordAudit(tx, { type: 'meeting-focus', ...byActor(actor), detail: { sessie: meeting.id, focus: data.focus } }, now);
      return { caseId: me.caseId, by: me.id };
    },
    (r) => deps.stamps.meetingChanged(r.caseId, r.by, now),
  );
}

export const SetAttendanceInput = z.object({
  participantId: Id('Kies een persoon.'),
  present: z.enum(['ja', 'nee'], { error: 'Kies aanwezig of niet aanwezig.' }),
});

/** The facilitator corrects who is there (someone without a phone, someone who left). */
export function setMeetingAttendance(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(SetAttendanceInput, input);
  const now = nowOf(deps);
  return commit(
    deps,
    (tx) => {
      const me = facilitator(tx, actor);
      const meeting = requireRunning(tx, me.caseId);
      const target = participantInCase(tx, me.caseId, data.participantId);
      markPresent(tx, meeting.id, target.id, now, { joined: false, correctedById: me.id, present: data.present === 'ja' });
      recordAudit(
        tx,
        { type: 'meeting-attendance', ...byActor(actor), subjectParticipantId: target.id, detail: { sessie: meeting.id, aanwezig: data.present } },
        now,
      );
      return { caseId: me.caseId, by: me.id };
    },
    (r) => deps.stamps.meetingChanged(r.caseId, r.by, now),
  );
}

/** Opens a scale round (one at a time); the phones show the scale question. */
export function openScaleRound(deps: CommandDeps, actor: Actor, _input?: unknown) {
  const now = nowOf(deps);
  return commit(
    deps,
    (tx) => {
      const me = facilitator(tx, actor);
      const meeting = requireRunning(tx, me.caseId);
      if (openRound(tx, meeting.id)) throw new Conflict('Er loopt al een schaalronde. Laat eerst de cijfers zien.');
      const id = randomUUID();
      tx.insert(meetingRounds).values({ id, meetingId: meeting.id, openedById: me.id, openedAt: now }).run();
      tx.update(meetings).set({ focus: 'schaal' }).where(eq(meetings.id, meeting.id)).run();
      recordAudit(tx, { type: 'meeting-round-opened', ...byActor(actor), detail: { sessie: meeting.id, ronde: id } }, now);
      return { caseId: me.caseId, by: me.id, roundId: id };
    },
    (r) => deps.stamps.meetingChanged(r.caseId, r.by, now),
  );
}

/** A round score is an ordinary score (the scale's own input rules) in one round. */
export const RoundScoreInput = ScoreInput.extend({ roundId: Id('Deze schaalronde bestaat niet (meer).') });

/**
 * A person's own score in the open round: one per person per round (giving
 * it again replaces it until the reveal). Its value is not audited and not
 * answered: the caller knows what it sent, nobody else learns it before the reveal.
 */
export function giveRoundScore(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(RoundScoreInput, input);
  const now = nowOf(deps);
  return commit(
    deps,
    (tx) => {
      const me = actingWriter(tx, actor);
      requireAllowed(caseAccess(me.role, 'ownScaleScore') === 'write', 'Je kunt in deze casus geen cijfer geven.');
      const meeting = requireRunning(tx, me.caseId);
      const round = openRoundOf(tx, meeting.id, data.roundId, 'De cijfers van deze ronde zijn al getoond. Je kunt nu geen cijfer meer geven.');
      tx.insert(meetingRoundScores)
        .values({ roundId: round.id, participantId: me.id, score: data.score, explanation: data.explanation || null, at: now })
        .onConflictDoUpdate({
          target: [meetingRoundScores.roundId, meetingRoundScores.participantId],
          set: { score: data.score, explanation: data.explanation || null, at: now },
        })
        .run();
      markPresent(tx, meeting.id, me.id, now, { joined: true });
      recordAudit(tx, { type: 'meeting-round-score', ...byActor(actor), detail: { sessie: meeting.id, ronde: round.id } }, now);
      return { caseId: me.caseId, by: me.id };
    },
    (r) => deps.stamps.meetingChanged(r.caseId, r.by, now),
  );
}

export const RevealRoundInput = z.object({ roundId: Id('Deze schaalronde bestaat niet (meer).') });

/** Shows all scores of the open round at once: they become ordinary scale scores, marked with the meeting. */
export function revealScaleRound(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(RevealRoundInput, input);
  const now = nowOf(deps);
  return commit(
    deps,
    (tx) => {
      const me = facilitator(tx, actor);
      const meeting = requireRunning(tx, me.caseId);
      const round = openRoundOf(tx, meeting.id, data.roundId, 'De cijfers van deze ronde zijn al getoond.');
      tx.update(meetingRounds).set({ revealedAt: now }).where(eq(meetingRounds.id, round.id)).run();
      // Only people who are still in the case: someone removed during the round is not shown.
      const given = tx
        .select({ participantId: meetingRoundScores.participantId, score: meetingRoundScores.score, explanation: meetingRoundScores.explanation })
        .from(meetingRoundScores)
        .innerJoin(participants, eq(participants.id, meetingRoundScores.participantId))
        .where(and(eq(meetingRoundScores.roundId, round.id), isNull(participants.removedAt)))
        .orderBy(meetingRoundScores.at)
        .all();
      for (const s of given) {
        tx.insert(scaleScores)
          .values({ caseId: me.caseId, participantId: s.participantId, score: s.score, explanation: s.explanation, meetingId: meeting.id, createdAt: now })
          .run();
      }
      recordAudit(tx, { type: 'meeting-round-revealed', ...byActor(actor), detail: { sessie: meeting.id, ronde: round.id, cijfers: given.length } }, now);
      return { caseId: me.caseId, by: me.id, count: given.length };
    },
    (r) => {
      deps.stamps.scoresChanged(r.caseId, r.by, now);
      deps.stamps.meetingChanged(r.caseId, r.by, now);
    },
  );
}

export const MeetingNoteInput = z.object({
  kind: z.enum(MEETING_NOTE_KINDS, { error: 'Kies notitie of beslissing.' }),
  text: z
    .string({ error: 'Schrijf eerst iets op.' })
    .trim()
    .min(2, 'Schrijf eerst iets op.')
    .max(MAX_MEETING_NOTE_CHARS, `Houd het korter dan ${MAX_MEETING_NOTE_CHARS} tekens.`),
});

/** A note or a decision of the meeting, captured by the facilitator (kept as written). */
export function addMeetingNote(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(MeetingNoteInput, input);
  const now = nowOf(deps);
  return commit(
    deps,
    (tx) => {
      const me = facilitator(tx, actor);
      const meeting = requireRunning(tx, me.caseId);
      tx.insert(meetingNotes).values({ meetingId: meeting.id, kind: data.kind, text: data.text, authorId: me.id, createdAt: now }).run();
      recordAudit(tx, { type: 'meeting-note', ...byActor(actor), detail: { sessie: meeting.id, soort: data.kind } }, now);
      return { caseId: me.caseId, by: me.id };
    },
    (r) => deps.stamps.meetingChanged(r.caseId, r.by, now),
  );
}

const DATE_MESSAGE = 'Kies een bestaande datum.';
const optionalDate = z
  .union([z.literal(''), z.string({ error: DATE_MESSAGE }).trim().refine(isIsoDate, DATE_MESSAGE)], { error: DATE_MESSAGE })
  .optional()
  .transform((v) => v || null);

export const MeetingAfspraakInput = z.object({
  wat: z.string({ error: 'Schrijf op wat er gaat gebeuren.' }).trim().min(2, 'Schrijf op wat er gaat gebeuren.').max(2000, 'Houd het korter.'),
  wie: z
    .union([Id('Kies wie het doet.'), z.array(Id('Kies wie het doet.')).max(20, 'Kies minder mensen.')], { error: 'Kies wie het doet.' })
    .transform((v) => [...new Set(Array.isArray(v) ? v : [v])])
    .pipe(z.array(z.string()).min(1, 'Kies wie het doet.')),
  start: z.string({ error: 'Kies wanneer het begint.' }).trim().refine(isIsoDate, 'Kies wanneer het begint.'),
  herhaling: z
    .string()
    .trim()
    .max(200)
    .optional()
    .refine((v) => !v || parseRecurrence(v) !== null, 'Kies hoe vaak het gebeurt.')
    .transform((v) => v || null),
  evaluatie: optionalDate,
});

/**
 * An afspraak made in the meeting: an ordinary afspraak of the veiligheidsplan
 * with owner(s) and start date, written into the live plan as the
 * facilitator's change after the audit row committed.
 */
export function addMeetingAfspraak(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(MeetingAfspraakInput, input);
  const now = nowOf(deps);
  if (data.evaluatie && data.evaluatie < data.start) throw new InvalidInput('De evaluatie komt na de start.', 'evaluatie');
  return commit(
    deps,
    (tx) => {
      const me = facilitator(tx, actor);
      requireAllowed(canWriteDocument(me.role, 'plan'), FACILITATORS_ONLY);
      const meeting = requireRunning(tx, me.caseId);
      for (const id of data.wie) participantInCase(tx, me.caseId, id);
      const itemId = randomUUID();
      const name = participantNames(tx, [me.id]).get(me.id) ?? 'Onbekend';
      recordAudit(tx, { type: 'document-edited', ...byActor(actor), detail: { document: 'plan', sessie: meeting.id, afspraak: itemId } }, now);
      return { caseId: me.caseId, by: me.id, itemId, name, role: me.role };
    },
    (r) => {
      deps.sync.room(r.caseId, 'plan').applyServerChange({ participantId: r.by, connectionId: null }, (doc) =>
        addItem(
          doc,
          { participantId: r.by, name: r.name, role: ROLE_LABELS[r.role] },
          {
            id: r.itemId,
            section: 'afspraken',
            fields: { wat: data.wat, wanneer: '', hoeWetenWe: '', watAlsNiet: '' },
            values: {
              wie: data.wie,
              start: data.start,
              ...(data.herhaling ? { herhaling: data.herhaling } : {}),
              ...(data.evaluatie ? { evaluatie: data.evaluatie } : {}),
            },
            now,
          },
        ),
      );
      deps.stamps.meetingChanged(r.caseId, r.by, now);
    },
  );
}

export const MeetingGuestInput = AddFamilyMemberInput.extend({ role: z.enum(FAMILY_ROLES, { error: 'Kies een rol.' }) });

/**
 * Someone at the table who is not yet in the case: the facilitator adds them
 * (a family or netwerk member), makes their personal link and marks them
 * present — one transaction. The link's token leaves this command once, to be
 * shown as a QR code on the facilitator's screen.
 */
export async function addMeetingGuest(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(MeetingGuestInput, input);
  const secrets = await newLinkSecrets(false);
  const now = nowOf(deps);
  return commit(
    deps,
    (tx) => {
      const me = facilitator(tx, actor);
      requireAllowed(caseAccess(me.role, 'participants') === 'manage', FACILITATORS_ONLY);
      const meeting = requireRunning(tx, me.caseId);
      const added = insertFamilyMember(tx, actor, me.caseId, data, now);
      const link = insertLink(tx, { participantId: added.participantId, createdById: me.id, tokenHash: secrets.tokenHash, codeHash: null, days: 30 }, now);
      recordAudit(
        tx,
        { type: 'link-created', ...byActor(actor), subjectParticipantId: added.participantId, detail: { dagen: 30, code: false, sessie: meeting.id } },
        now,
      );
      markPresent(tx, meeting.id, added.participantId, now, { joined: false, correctedById: me.id });
      return {
        caseId: me.caseId,
        by: me.id,
        participantId: added.participantId,
        name: added.name,
        token: secrets.token,
        code: meeting.code,
        expiresAt: link.expiresAt,
      };
    },
    (r) => deps.stamps.meetingChanged(r.caseId, r.by, now),
  );
}

export const EndMeetingInput = z.object({ nextMeetingDate: optionalDate });

/**
 * Ends the meeting: a `sessie` version with the attendees, and the summary
 * (what changed since the start, the rounds, the notes, the new afspraken,
 * the next meeting) kept with it. A round still open must be revealed first.
 */
export function endMeeting(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(EndMeetingInput, input);
  const now = nowOf(deps);
  return commit(
    deps,
    (tx) => {
      const me = facilitator(tx, actor);
      const meeting = requireRunning(tx, me.caseId);
      if (openRound(tx, meeting.id)) throw new Conflict('Er loopt nog een schaalronde. Laat eerst de cijfers zien.');
      const record = meetingRecord(tx, me.caseId, meeting.id);
      const present = record.attendees.filter((a) => a.present);
      const names = present.map((a) => a.name).join(', ');
      const day = formatIsoDay(new Date(now).toISOString().slice(0, 10));
      const snapshotId = deps.snapshots.insert(
        tx,
        me.caseId,
        { label: `Netwerkberaad ${day}${names ? ` · aanwezig: ${names}` : ''}`.slice(0, 300), reason: 'sessie', authorParticipantId: me.id },
        now,
      );
      const after = deps.snapshots.get(me.caseId, snapshotId)!.rendering; // same connection: sees the row just inserted
      const allNames = participantNames(tx, [...new Set([...Object.keys(after.scores), ...allPlanOwners(after)])]);
      const rounds: MeetingRoundResult[] = record.revealed
        .slice()
        .reverse()
        .map((r) => ({ openedAt: r.openedAt, revealedAt: r.revealedAt, scores: r.scores }));
      const summary = buildMeetingSummary({
        startedAt: meeting.startedAt,
        endedAt: now,
        facilitator: participantNames(tx, [meeting.startedById]).get(meeting.startedById) ?? 'Onbekend',
        attendees: present.map((a) => ({ participantId: a.participantId, name: a.name, role: a.role })),
        before: JSON.parse(meeting.startRendering) as CaseRendering,
        after,
        rounds,
        notes: record.notes.map((n) => ({ kind: n.kind, text: n.text, by: n.by, at: n.at })),
        nextMeetingDate: data.nextMeetingDate,
        nameOf: (id) => allNames.get(id),
      });
      tx.update(meetings)
        .set({ endedAt: now, endedById: me.id, snapshotId, nextMeetingDate: data.nextMeetingDate, summary: JSON.stringify(summary) })
        .where(eq(meetings.id, meeting.id))
        .run();
      recordCaseEvent(tx, { caseId: me.caseId, type: 'meeting-ended', actorParticipantId: me.id, newValue: names, refId: meeting.id }, now);
      recordAudit(tx, { type: 'snapshot', ...byActor(actor), detail: { reden: 'sessie', versie: snapshotId } }, now);
      recordAudit(tx, { type: 'meeting-ended', ...byActor(actor), detail: { sessie: meeting.id, aanwezig: present.length } }, now);
      return { caseId: me.caseId, by: me.id, meetingId: meeting.id, snapshotId };
    },
    (r) => deps.stamps.meetingChanged(r.caseId, r.by, now),
  );
}

function allPlanOwners(r: CaseRendering): string[] {
  return Object.values(r.plan.sections)
    .flat()
    .flatMap((i) => (Array.isArray(i.values.wie) ? (i.values.wie as unknown[]).filter((x): x is string => typeof x === 'string') : []));
}
