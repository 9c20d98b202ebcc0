/**
 * The netwerkberaad commands against the real server (real SQLite, the real
 * sync engine, the stock y-websocket provider): only the facilitator roles
 * start, steer and end a meeting; a join code alone grants nothing; a score in
 * an open round reaches nobody — not in any read model, not in the audit log,
 * not in any byte the sync server sends — until the reveal copies all of them
 * at once; one score per person per round; a person whose access ends is
 * dropped at once (sockets closed, their unrevealed score gone); ending makes
 * the `sessie` version and the summary; change and event are one transaction.
 */
import { and, count, eq } from 'drizzle-orm';
import type WebSocket from 'ws';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../app/domain/caseFacts';
import { renderPlan } from '../../app/domain/plan';
import { MEETING_FOCI, type MeetingSummary } from '../../app/domain/meeting';
import { auditLog, meetingRoundScores, meetings, scaleScores, snapshots } from '../../db/schema';
import { consentBy, failure } from '../../tests/support/commandTesting';
import { caseWithEveryRole, type RoleSession } from '../../tests/support/syncFixtures';
import { authenticatedWebSocket, connectClient, waitFor, waitSynced, wsUrl, type Client } from '../../tests/support/syncClient';
import { startTestServer, type TestServer } from '../../tests/support/testServer';
import { createEveryRoleCase } from '../../tests/support/everyRole';
import { meetingView } from '../meetings/meetings.server';
import type { Actor } from './command.server';
import { Conflict, InvalidInput, NotAllowed, NotFound } from './errors';
import type { Commands } from './index.server';

let server: TestServer;
let commands: Commands;
let caseId: string;
let sessions: Record<Role, RoleSession>;
let other: { caseId: string; participantIds: Record<string, string> };
const FACILITATORS: Role[] = ['jeugdbeschermer', 'casusregisseur'];
const OTHERS = ROLES.filter((r) => !FACILITATORS.includes(r));
const actor = (role: Role): Actor => ({ caseId, participantId: sessions[role].participantId });
const db = () => server.services.db;

/** Ends whatever meeting runs, revealing an open round first. */
async function endAnyMeeting() {
  const view = meetingView(db(), caseId, sessions.jeugdbeschermer.participantId);
  if (!view) return;
  if (view.round) commands.revealScaleRound(actor('jeugdbeschermer'), { roundId: view.round.id });
  commands.endMeeting(actor('jeugdbeschermer'), {});
}

beforeAll(async () => {
  server = await startTestServer();
  commands = server.services.commands;
  ({ caseId, sessions } = await caseWithEveryRole(server, 'Gezin Beraad'));
  ({ other } = await createEveryRoleCase(db(), 'Gezin Ander Beraad'));
});
afterAll(() => server?.close());
beforeEach(endAnyMeeting);

describe('who facilitates', () => {
  it('lets only the jeugdbeschermer and the casusregisseur start a meeting', async () => {
    for (const role of OTHERS) expect(await failure(() => commands.startMeeting(actor(role), {})), role).toBeInstanceOf(NotAllowed);
    for (const role of FACILITATORS) {
      const started = commands.startMeeting(actor(role), {});
      expect(started.code).toMatch(/^[A-Z2-9]{6}$/);
      expect(await failure(() => commands.startMeeting(actor(role), {}))).toBeInstanceOf(Conflict); // one at a time
      await endAnyMeeting();
    }
  });

  it('refuses every steering command to every other role, and each of them without a running meeting', async () => {
    const { roundId } = (() => {
      commands.startMeeting(actor('jeugdbeschermer'), {});
      return commands.openScaleRound(actor('jeugdbeschermer'));
    })();
    const steering: [string, (a: Actor) => unknown][] = [
      ['focus', (a) => commands.setMeetingFocus(a, { focus: 'plan' })],
      ['attendance', (a) => commands.setMeetingAttendance(a, { participantId: sessions.ouder.participantId, present: 'ja' })],
      ['open round', (a) => commands.openScaleRound(a)],
      ['reveal', (a) => commands.revealScaleRound(a, { roundId })],
      ['note', (a) => commands.addMeetingNote(a, { kind: 'beslissing', text: 'Oma haalt op' })],
      ['afspraak', (a) => commands.addMeetingAfspraak(a, { wat: 'Oma haalt op', wie: sessions.netwerklid.participantId, start: '2027-01-04' })],
      ['guest', (a) => commands.addMeetingGuest(a, { name: 'Buurvrouw Test', role: 'netwerklid' })],
      ['end', (a) => commands.endMeeting(a, {})],
    ];
    for (const role of OTHERS) {
      for (const [what, run] of steering) expect(await failure(() => run(actor(role))), `${role} ${what}`).toBeInstanceOf(NotAllowed);
    }
    await endAnyMeeting();
    for (const [what, run] of steering.filter(([w]) => w !== 'reveal')) {
      expect(await failure(() => run(actor('jeugdbeschermer'))), `${what} without a meeting`).toBeInstanceOf(Conflict);
    }
  });

  it('refuses a focus that is not one, and writes the ones that are', async () => {
    commands.startMeeting(actor('casusregisseur'), {});
    for (const focus of ['', 'Bodemeisen', 'logboek', '<script>']) {
      expect(await failure(() => commands.setMeetingFocus(actor('casusregisseur'), { focus }))).toBeInstanceOf(InvalidInput);
    }
    for (const focus of MEETING_FOCI) {
      commands.setMeetingFocus(actor('casusregisseur'), { focus });
      expect(meetingView(db(), caseId, sessions.ouder.participantId)!.focus).toBe(focus);
    }
  });

  it('writes the meeting and its case event in one transaction', async () => {
    const sqlite = server.services.database.sqlite;
    const before = db().select({ n: count() }).from(meetings).where(eq(meetings.caseId, caseId)).get()!.n;
    for (const table of ['case_events', 'audit_log']) {
      sqlite.exec(`create temp trigger fail_insert before insert on ${table} begin select raise(abort, 'forced failure'); end;`);
      try {
        expect(() => commands.startMeeting(actor('jeugdbeschermer'), {})).toThrow(/forced failure/);
      } finally {
        sqlite.exec('drop trigger temp.fail_insert');
      }
    }
    expect(db().select({ n: count() }).from(meetings).where(eq(meetings.caseId, caseId)).get()!.n).toBe(before);
    expect(server.services.meetings.running(caseId)).toBeUndefined();
  });
});

describe('joining', () => {
  it('lets everyone of the case join with the code; the code means nothing to another case or unknown codes', async () => {
    const { code } = commands.startMeeting(actor('jeugdbeschermer'), {});
    for (const role of ROLES) commands.joinMeeting(actor(role), { code: `${code.slice(0, 3)} ${code.slice(3).toLowerCase()}` });
    const view = meetingView(db(), caseId, sessions.jeugdbeschermer.participantId)!;
    expect(view.attendees.filter((a) => a.joined).length).toBe(ROLES.length);
    // Someone of another case with the right code: the same answer as a code that does not exist.
    const foreign: Actor = { caseId: other.caseId, participantId: other.participantIds.ouder! };
    const a = await failure(() => commands.joinMeeting(foreign, { code }));
    const b = await failure(() => commands.joinMeeting(foreign, { code: 'ZZZZZZ' }));
    expect(a).toBeInstanceOf(NotFound);
    expect(b).toBeInstanceOf(NotFound);
    expect(a.message).toBe(b.message);
    for (const bad of ['', '12', 'ABCDEFG', 'ABC-10O', { code: 1 }]) {
      expect(await failure(() => commands.joinMeeting(actor('ouder'), { code: bad }))).toBeInstanceOf(InvalidInput);
    }
    // After the end the code resolves to nothing.
    await endAnyMeeting();
    expect(await failure(() => commands.joinMeeting(actor('ouder'), { code }))).toBeInstanceOf(NotFound);
  });
});

describe('a scale round', () => {
  const SECRET = 'GEHEIME-TOELICHTING-7f3a';
  let listeners: Client[] = [];
  const rawBytes: Buffer[] = [];
  let raw: WebSocket | null = null;

  afterAll(() => {
    for (const c of listeners) c.destroy();
    raw?.close();
  });

  it('sends no score to anyone before the reveal, then shows all at once as ordinary scores marked with the meeting', async () => {
    // Everyone listens on the kaart (the document the meeting stamps) and the plan, as open pages do.
    listeners = ROLES.flatMap((role) => [
      connectClient(server.url, sessions[role].cookie, `${caseId}/kaart`),
      connectClient(server.url, sessions[role].cookie, `${caseId}/plan`),
    ]);
    await Promise.all(listeners.map((c) => waitSynced(c)));
    // And one raw socket keeps every byte the server sends the netwerklid.
    const Ws = authenticatedWebSocket(sessions.netwerklid.cookie, new URL(server.url).origin);
    raw = new Ws(`${wsUrl(server.url)}/sync/${caseId}/kaart`);
    raw.on('message', (data: Buffer) => rawBytes.push(Buffer.from(data)));
    await new Promise((r) => raw!.once('open', r));

    const scoresBefore = db().select({ n: count() }).from(scaleScores).where(eq(scaleScores.caseId, caseId)).get()!.n;
    commands.startMeeting(actor('jeugdbeschermer'), {});
    const { roundId } = commands.openScaleRound(actor('jeugdbeschermer'));
    const given: Partial<Record<Role, number>> = { ouder: 3, netwerklid: 7, jeugdbeschermer: 5, jeugdige: 9 };
    for (const [role, score] of Object.entries(given))
      commands.giveRoundScore(actor(role as Role), { roundId, score: String(score), explanation: `${SECRET} ${role}` });
    expect(await failure(() => commands.giveRoundScore(actor('meelezer'), { roundId, score: '4' }))).toBeInstanceOf(NotAllowed);

    // Read models of every role: who scored, never what.
    for (const role of ROLES) {
      const view = meetingView(db(), caseId, sessions[role].participantId)!;
      const text = JSON.stringify(view);
      expect(text, role).not.toContain(SECRET);
      expect(view.round!.scoredCount).toBe(4);
      expect(view.round!.mineGiven).toBe(role in given);
      expect(Object.keys(view.round!).sort()).toEqual(['id', 'mineGiven', 'openedAt', 'scoredBy', 'scoredCount']);
      expect(view.revealed).toEqual([]);
    }
    // Not in scale_scores (what every scale panel reads), not in the audit log.
    expect(db().select({ n: count() }).from(scaleScores).where(eq(scaleScores.caseId, caseId)).get()!.n).toBe(scoresBefore);
    const audits = db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.caseId, caseId), eq(auditLog.type, 'meeting-round-score')))
      .all();
    expect(audits).toHaveLength(4);
    for (const a of audits) expect(String(a.detail)).not.toMatch(/score|cijfer|GEHEIM/i);
    // Not in any sync message: the stamps the phones reload on have arrived, and hold no score.
    const kaartListeners = listeners.filter((c) => c.provider.roomname.endsWith('/kaart'));
    await waitFor(() => kaartListeners.every((c) => c.doc.getMap('meta').get('meetingChangedAt') !== undefined), 5000, 'meeting stamps');
    for (const c of listeners) expect(JSON.stringify(c.doc.toJSON())).not.toContain(SECRET);
    await waitFor(() => rawBytes.length > 2, 5000, 'raw messages');
    expect(Buffer.concat(rawBytes).includes(SECRET)).toBe(false);

    // The reveal: all four at once, as ordinary scores marked with the meeting.
    const meetingId = server.services.meetings.running(caseId)!.id;
    commands.revealScaleRound(actor('casusregisseur'), { roundId });
    const rows = db().select().from(scaleScores).where(eq(scaleScores.meetingId, meetingId)).all();
    expect(rows.map((r) => [r.participantId, r.score]).sort()).toEqual(
      Object.entries(given)
        .map(([role, score]) => [sessions[role as Role].participantId, score])
        .sort(),
    );
    expect(new Set(rows.map((r) => r.createdAt)).size).toBe(1);
    const revealed = meetingView(db(), caseId, sessions.ouder.participantId)!.revealed;
    expect(revealed).toHaveLength(1);
    expect(revealed[0]!.scores.map((s) => s.score).sort()).toEqual([3, 5, 7, 9]);
    // After the reveal nobody scores in that round any more.
    expect(await failure(() => commands.giveRoundScore(actor('netwerklid'), { roundId, score: '1' }))).toBeInstanceOf(Conflict);
    expect(await failure(() => commands.revealScaleRound(actor('jeugdbeschermer'), { roundId }))).toBeInstanceOf(Conflict);
  });

  it('keeps one score per person per round: giving it again replaces it', async () => {
    commands.startMeeting(actor('jeugdbeschermer'), {});
    const { roundId } = commands.openScaleRound(actor('jeugdbeschermer'));
    commands.giveRoundScore(actor('ouder'), { roundId, score: '2' });
    commands.giveRoundScore(actor('ouder'), { roundId, score: '6', explanation: 'Toch beter' });
    expect(db().select().from(meetingRoundScores).where(eq(meetingRoundScores.roundId, roundId)).all()).toHaveLength(1);
    expect(await failure(() => commands.openScaleRound(actor('jeugdbeschermer')))).toBeInstanceOf(Conflict); // one open round
    commands.revealScaleRound(actor('jeugdbeschermer'), { roundId });
    const mine = db().select().from(scaleScores).where(eq(scaleScores.participantId, sessions.ouder.participantId)).all().at(-1)!;
    expect([mine.score, mine.explanation]).toEqual([6, 'Toch beter']);
  });

  it('refuses bad scores, and rounds of another meeting or case', async () => {
    commands.startMeeting(actor('jeugdbeschermer'), {});
    const { roundId } = commands.openScaleRound(actor('jeugdbeschermer'));
    for (const score of ['', '11', '-1', '5.5', 'tien', '007']) {
      expect(await failure(() => commands.giveRoundScore(actor('ouder'), { roundId, score })), score).toBeInstanceOf(InvalidInput);
    }
    expect(await failure(() => commands.giveRoundScore(actor('ouder'), { roundId, score: '5', explanation: 'x'.repeat(1001) }))).toBeInstanceOf(InvalidInput);
    expect(await failure(() => commands.giveRoundScore(actor('ouder'), { roundId: 'nope', score: '5' }))).toBeInstanceOf(NotFound);
    const foreign: Actor = { caseId: other.caseId, participantId: other.participantIds.ouder! };
    expect(await failure(() => commands.giveRoundScore(foreign, { roundId, score: '5' }))).toBeInstanceOf(Conflict); // no meeting in their case
    expect(await failure(() => commands.endMeeting(actor('jeugdbeschermer'), {}))).toBeInstanceOf(Conflict); // reveal first
  });
});

describe('access ending during a meeting', () => {
  it('drops the person at once: sockets closed, attendance ended, their unrevealed score gone, no more scoring', async () => {
    const { participantIds } = await (async () => {
      const added = commands.addFamilyMember(actor('jeugdbeschermer'), {
        name: 'Tante Tijdelijk',
        role: 'netwerklid',
        ...consentBy(sessions.ouder.participantId),
      });
      return { participantIds: { tante: added.participantId } };
    })();
    const tante: Actor = { caseId, participantId: participantIds.tante };
    const { code } = commands.startMeeting(actor('jeugdbeschermer'), {});
    commands.joinMeeting(tante, { code });
    const { roundId } = commands.openScaleRound(actor('jeugdbeschermer'));
    commands.giveRoundScore(tante, { roundId, score: '1' });
    commands.giveRoundScore(actor('ouder'), { roundId, score: '4' });
    // The professional netwerklid (signed in with an account) has a live socket; it closes when they are removed.
    const client = connectClient(server.url, sessions.netwerklid.cookie, `${caseId}/kaart`);
    await waitSynced(client);
    try {
      commands.removeParticipant(actor('jeugdbeschermer'), { participantId: participantIds.tante });
      commands.removeParticipant(actor('jeugdbeschermer'), { participantId: sessions.netwerklid.participantId });
      await waitFor(() => client.closeCodes.length > 0, 5000, 'socket of the removed person closed');
    } finally {
      client.destroy();
    }
    const view = meetingView(db(), caseId, sessions.jeugdbeschermer.participantId)!;
    expect(view.attendees.find((a) => a.participantId === participantIds.tante)).toMatchObject({ present: false, left: true });
    expect(view.round!.scoredCount).toBe(1);
    expect(await failure(() => commands.giveRoundScore(tante, { roundId, score: '2' }))).toBeInstanceOf(NotFound);
    expect(await failure(() => commands.joinMeeting(tante, { code }))).toBeInstanceOf(NotFound);
    commands.revealScaleRound(actor('jeugdbeschermer'), { roundId });
    expect(meetingView(db(), caseId, sessions.jeugdbeschermer.participantId)!.revealed[0]!.scores.map((s) => s.participantId)).toEqual([
      sessions.ouder.participantId,
    ]);
  });
});

describe('during and at the end of a meeting', () => {
  it('adds an afspraak with owner and date to the live plan, attributed to the facilitator', async () => {
    commands.startMeeting(actor('jeugdbeschermer'), {});
    const { itemId } = commands.addMeetingAfspraak(actor('jeugdbeschermer'), {
      wat: 'Oma haalt Mila op woensdag op',
      wie: [sessions.ouder.participantId, sessions.jeugdige.participantId],
      start: '2027-01-06',
      herhaling: 'wekelijks:3',
    });
    const item = renderPlan(server.services.sync.room(caseId, 'plan').doc).sections.afspraken!.find((i) => i.id === itemId)!;
    expect(item.fields.wat).toBe('Oma haalt Mila op woensdag op');
    expect(item.values).toMatchObject({ wie: [sessions.ouder.participantId, sessions.jeugdige.participantId], start: '2027-01-06' });
    expect(item.createdBy.id).toBe(sessions.jeugdbeschermer.participantId);
    for (const bad of [
      { wat: '', wie: sessions.ouder.participantId, start: '2027-01-06' },
      { wat: 'Iets', wie: [], start: '2027-01-06' },
      { wat: 'Iets', wie: sessions.ouder.participantId, start: '2027-02-30' },
      { wat: 'Iets', wie: sessions.ouder.participantId, start: '2027-01-06', herhaling: 'soms' },
      { wat: 'Iets', wie: sessions.ouder.participantId, start: '2027-01-06', evaluatie: '2027-01-01' },
    ]) {
      expect(await failure(() => commands.addMeetingAfspraak(actor('jeugdbeschermer'), bad)), JSON.stringify(bad)).toBeInstanceOf(InvalidInput);
    }
    expect(
      await failure(() => commands.addMeetingAfspraak(actor('jeugdbeschermer'), { wat: 'Iets', wie: other.participantIds.ouder!, start: '2027-01-06' })),
    ).toBeInstanceOf(NotFound);
  });

  it('adds someone at the table with a personal link that opens, and marks them present', async () => {
    commands.startMeeting(actor('casusregisseur'), {});
    // A netwerk member at the table comes with a grondslag too (ADR 040).
    const noGround = await failure(() => commands.addMeetingGuest(actor('casusregisseur'), { name: 'Buurman Bram', role: 'netwerklid' }));
    expect(noGround).toBeInstanceOf(InvalidInput);
    expect(noGround.field).toBe('basis');
    const guest = await commands.addMeetingGuest(actor('casusregisseur'), {
      name: 'Buurman Bram',
      role: 'netwerklid',
      ...consentBy(sessions.ouder.participantId),
    });
    expect(guest.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const opened = await commands.openPersonalLink({ token: guest.token });
    expect(opened.status).toBe('open');
    const view = meetingView(db(), caseId, sessions.casusregisseur.participantId)!;
    expect(view.attendees.find((a) => a.participantId === guest.participantId)).toMatchObject({ present: true, joined: false, name: 'Buurman Bram' });
    expect(await failure(() => commands.addMeetingGuest(actor('casusregisseur'), { name: 'X', role: 'jeugdbeschermer' }))).toBeInstanceOf(InvalidInput);
  });

  it('ends with a sessie version naming the attendees, and a summary of what happened', async () => {
    const { code } = commands.startMeeting(actor('jeugdbeschermer'), {});
    commands.joinMeeting(actor('ouder'), { code });
    commands.setMeetingAttendance(actor('jeugdbeschermer'), { participantId: sessions.jeugdige.participantId, present: 'ja' });
    commands.setMeetingAttendance(actor('jeugdbeschermer'), { participantId: sessions.ouder.participantId, present: 'nee' });
    commands.setMeetingAttendance(actor('jeugdbeschermer'), { participantId: sessions.ouder.participantId, present: 'ja' });
    expect(
      await failure(() => commands.setMeetingAttendance(actor('jeugdbeschermer'), { participantId: other.participantIds.ouder!, present: 'ja' })),
    ).toBeInstanceOf(NotFound);
    const { roundId } = commands.openScaleRound(actor('jeugdbeschermer'));
    commands.giveRoundScore(actor('ouder'), { roundId, score: '6' });
    commands.revealScaleRound(actor('jeugdbeschermer'), { roundId });
    commands.addMeetingNote(actor('jeugdbeschermer'), { kind: 'beslissing', text: 'Mila slaapt in het weekend bij oma.' });
    expect(await failure(() => commands.addMeetingNote(actor('jeugdbeschermer'), { kind: 'besluit', text: 'x y' }))).toBeInstanceOf(InvalidInput);
    commands.addMeetingAfspraak(actor('jeugdbeschermer'), { wat: 'Papa belt elke zondag', wie: sessions.ouder.participantId, start: '2027-01-10' });
    expect(await failure(() => commands.endMeeting(actor('jeugdbeschermer'), { nextMeetingDate: '2027-13-01' }))).toBeInstanceOf(InvalidInput);
    const { meetingId, snapshotId } = commands.endMeeting(actor('jeugdbeschermer'), { nextMeetingDate: '2027-02-01' });

    const version = db().select().from(snapshots).where(eq(snapshots.id, snapshotId)).get()!;
    expect(version.reason).toBe('sessie');
    expect(version.label).toContain(sessions.jeugdige.name);
    expect(version.label).toContain(sessions.ouder.name);
    const ended = server.services.meetings.ended(caseId, meetingId)!;
    const s: MeetingSummary = ended.summary;
    expect(s.attendees.map((a) => a.name).sort()).toEqual([sessions.jeugdbeschermer.name, sessions.jeugdige.name, sessions.ouder.name].sort());
    expect(s.rounds[0]!.scores.map((x) => x.score)).toEqual([6]);
    expect(s.newAfspraken).toEqual([expect.objectContaining({ wat: 'Papa belt elke zondag', wie: [sessions.ouder.name] })]);
    expect(s.notes.map((n) => n.kind)).toEqual(['beslissing']);
    expect(s.changes.some((c) => c.kind === 'toegevoegd' && c.text.includes('Papa belt elke zondag'))).toBe(true);
    expect(s.nextMeetingDate).toBe('2027-02-01');
    expect(server.services.meetings.running(caseId)).toBeUndefined();
    // Ended is ended: the database refuses to change it.
    expect(() => db().update(meetings).set({ focus: 'plan' }).where(eq(meetings.id, meetingId)).run()).toThrow(/does not change/);
    // Another case's id does not find it.
    expect(server.services.meetings.ended(other.caseId, meetingId)).toBeUndefined();
  });

  it('starts no meeting on a closed case', async () => {
    const closedCase = await createEveryRoleCase(db(), 'Gezin Gesloten Beraad');
    const jb: Actor = { caseId: closedCase.caseId, participantId: closedCase.ids.jeugdbeschermer! };
    commands.startMeeting(jb, {});
    expect(await failure(() => commands.closeCase(jb, { reason: 'Het gaat goed genoeg' }))).toBeInstanceOf(Conflict); // end the meeting first
    commands.endMeeting(jb, {});
    commands.closeCase(jb, { reason: 'Het gaat goed genoeg' });
    expect(await failure(() => commands.startMeeting(jb, {}))).toBeInstanceOf(Conflict);
  });
});
