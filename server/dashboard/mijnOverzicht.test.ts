/**
 * Mijn overzicht against the real server and real tables, on hand-built
 * fixtures: afspraken not reported, not kept twice in a row (latest report
 * per person counts), without owner; open and refused akkoord; the spread of
 * scores with trend; no change for N weeks; what others changed since my
 * last visit; regie and filters. A professional sees only the cases they take
 * part in — another case's data never shows — and a family session gets no
 * page (it is sent to its own case). Login lands professionals here.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckInResult } from '../../app/domain/checkIns';
import { attentionText, sortAndFilter, type CaseSummary } from '../../app/domain/mijnOverzicht';
import { addDaysIso, isoWeekday } from '../../app/domain/recurrence';
import { afspraken, cases, checkIns, participants, scaleScores, updates } from '../../db/schema';
import { createCase } from '../cases/cases.server';
import { recordCaseEvent } from '../cases/events.server';
import { todayIso } from '../cases/regie.server';
import { insertAcceptanceAnswer, insertAcceptanceRequest } from '../acceptance/acceptance.server';
import { ensureOrganisation } from '../users/users.server';
import { createProfessionalFixture } from '../../tests/support/fixtures';
import { get, login, postForm, startTestServer, type TestServer } from '../../tests/support/testServer';
import { mijnOverzicht } from './mijnOverzicht.server';

let server: TestServer;
const NOW = Date.now();
const TODAY = todayIso(NOW);
const day = (offset: number) => addDaysIso(TODAY, offset);
const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;

let marieke: Awaited<ReturnType<typeof createProfessionalFixture>>;
let sophie: Awaited<ReturnType<typeof createProfessionalFixture>>;
let bakker: { caseId: string; participantIds: Record<string, string> };
let stil: { caseId: string; participantIds: Record<string, string> };
let geheim: { caseId: string; participantIds: Record<string, string> };
/** Marieke's last visit to Gezin Bakker. */
const VISIT = NOW - 2 * HOUR;

function afspraak(caseId: string, id: string, input: { wie: string[]; startDate?: string; recurrence?: string }) {
  server.services.db
    .insert(afspraken)
    .values({
      caseId,
      id,
      position: 0,
      wat: `Afspraak ${id}`,
      wanneer: '',
      hoeWetenWe: '',
      watAlsNiet: '',
      wie: JSON.stringify(input.wie),
      voortgang: '',
      projectedAt: NOW,
      startDate: input.startDate ?? null,
      recurrence: input.recurrence ?? null,
    })
    .run();
}

function checkIn(caseId: string, afspraakId: string, occurrence: string, participantId: string, result: CheckInResult, createdAt = NOW - 10 * HOUR) {
  server.services.db.insert(checkIns).values({ caseId, afspraakId, occurrence, participantId, result, recordedById: participantId, createdAt }).run();
}

function score(caseId: string, participantId: string, value: number, createdAt: number) {
  server.services.db.insert(scaleScores).values({ caseId, participantId, score: value, createdAt }).run();
}

function edit(caseId: string, participantId: string | null, receivedAt: number, document: 'kaart' | 'plan' | 'bodemeisen' = 'kaart') {
  server.services.db
    .insert(updates)
    .values({ caseId, document, participantId, receivedAt, bytes: 1, update: Buffer.from([0]) })
    .run();
}

const summaryOf = (list: CaseSummary[], caseId: string) => list.find((c) => c.id === caseId)!;

beforeAll(async () => {
  server = await startTestServer();
  const { db } = server.services;
  const organisationId = ensureOrganisation(db, 'GI Testregio');
  marieke = await createProfessionalFixture(db, 'Marieke de Wit');
  sophie = await createProfessionalFixture(db, 'Sophie Jansen');

  bakker = createCase(db, {
    organisationId,
    title: 'Gezin Bakker',
    kader: 'maatregel',
    maatregelType: 'OTS',
    stage: 'uitvoering',
    nextEvaluationDate: day(-1),
    children: [{ firstName: 'Sanne', birthYear: 2015 }],
    participants: [
      { key: 'marieke', role: 'casusregisseur', userId: marieke.id },
      { key: 'sophie', role: 'jeugdbeschermer', userId: sophie.id },
      { key: 'linda', role: 'ouder', name: 'Linda Bakker' },
      { key: 'riet', role: 'netwerklid', name: 'Riet de Vries' },
    ],
    casusregisseur: 'marieke',
  });
  const p = bakker.participantIds as Record<'marieke' | 'sophie' | 'linda' | 'riet', string>;
  const c = bakker.caseId;
  db.update(participants).set({ lastVisitAt: VISIT }).where(eq(participants.id, p.marieke)).run();
  db.update(participants)
    .set({ lastVisitAt: NOW - 3 * HOUR })
    .where(eq(participants.id, p.linda))
    .run();
  db.update(participants)
    .set({ lastVisitAt: NOW - 30 * HOUR })
    .where(eq(participants.id, p.riet))
    .run();

  // a1: daily, Linda reported every day of the window → fine.
  afspraak(c, 'a1', { wie: [p.linda], startDate: day(-20), recurrence: 'dagelijks' });
  for (let d = -14; d <= -1; d++) checkIn(c, 'a1', day(d), p.linda, 'gelukt');
  // a2: once, three days ago, owner Riet; only Linda (not an owner) said something → not reported.
  afspraak(c, 'a2', { wie: [p.riet], startDate: day(-3), recurrence: 'eenmalig' });
  checkIn(c, 'a2', day(-3), p.linda, 'gelukt');
  // a3: every 2 weeks (−40, −26, −12): the last two reported occurrences niet gelukt (−26 lies outside the window).
  afspraak(c, 'a3', { wie: [p.linda], startDate: day(-40), recurrence: 'weken:2' });
  checkIn(c, 'a3', day(-40), p.linda, 'gelukt');
  checkIn(c, 'a3', day(-26), p.linda, 'niet-gelukt');
  checkIn(c, 'a3', day(-12), p.linda, 'niet-gelukt');
  // a4: no owner, no date.
  afspraak(c, 'a4', { wie: [] });
  // a5: weekly (−14, −7): both niet gelukt at first, −7 corrected to gelukt later → the latest report counts.
  afspraak(c, 'a5', { wie: [p.linda], startDate: day(-14), recurrence: `wekelijks:${isoWeekday(day(-14))}` });
  checkIn(c, 'a5', day(-14), p.linda, 'niet-gelukt');
  checkIn(c, 'a5', day(-7), p.linda, 'niet-gelukt', NOW - 9 * HOUR);
  checkIn(c, 'a5', day(-7), p.linda, 'gelukt', NOW - HOUR); // after Marieke's visit
  // a6: a future start: nothing due yet.
  afspraak(c, 'a6', { wie: [p.riet], startDate: day(3), recurrence: 'dagelijks' });

  // Scores: Linda 5 → 7, Sophie 3, Riet 6 → spread 4. Linda's 7 and Marieke's own score came after the visit.
  score(c, p.linda, 5, NOW - 10 * WEEK);
  score(c, p.sophie, 3, NOW - 5 * WEEK);
  score(c, p.riet, 6, NOW - 5 * WEEK);
  score(c, p.linda, 7, NOW - HOUR);

  // Akkoord asked: Linda niet akkoord, Sophie akkoord on an older request only, Riet and Marieke nothing.
  db.transaction((tx) => {
    const older = server.services.snapshots.insert(tx, c, { label: 'Eerste plan', reason: 'handmatig', authorParticipantId: p.marieke }, NOW - 4 * WEEK);
    const olderRequest = insertAcceptanceRequest(tx, { caseId: c, snapshotId: older, requestedById: p.marieke }, NOW - 4 * WEEK);
    insertAcceptanceAnswer(tx, { requestId: olderRequest, participantId: p.sophie, agreed: true, comment: '' }, NOW - 4 * WEEK);
    const snapshotId = server.services.snapshots.insert(tx, c, { label: 'Plan', reason: 'handmatig', authorParticipantId: p.marieke }, NOW - WEEK);
    const requestId = insertAcceptanceRequest(tx, { caseId: c, snapshotId, requestedById: p.marieke }, NOW - WEEK);
    insertAcceptanceAnswer(tx, { requestId, participantId: p.linda, agreed: true, comment: '' }, NOW - 5 * 24 * HOUR);
    insertAcceptanceAnswer(tx, { requestId, participantId: p.linda, agreed: false, comment: 'Nog niet' }, NOW - 4 * 24 * HOUR);
  });

  // Case events: one by Sophie before the visit, one by Sophie after, one by Marieke herself after.
  db.transaction((tx) => {
    recordCaseEvent(tx, { caseId: c, type: 'stage-changed', actorParticipantId: p.sophie, field: 'stage', oldValue: 'a', newValue: 'b' }, VISIT - HOUR);
    recordCaseEvent(tx, { caseId: c, type: 'stage-changed', actorParticipantId: p.sophie, field: 'stage', oldValue: 'b', newValue: 'c' }, VISIT + HOUR);
    recordCaseEvent(tx, { caseId: c, type: 'stage-changed', actorParticipantId: p.marieke, field: 'stage', oldValue: 'c', newValue: 'd' }, VISIT + HOUR);
  });
  // Document edits: Marieke's own kaart edit after the visit does not count; Riet's plan edit does.
  edit(c, p.marieke, VISIT + HOUR, 'kaart');
  edit(c, p.riet, VISIT + HOUR, 'plan');
  edit(c, p.sophie, VISIT - HOUR, 'bodemeisen');

  // Gezin Stil: Marieke is a professional there (Sophie holds regie); nothing happened for 10 weeks, last edit 8 weeks ago.
  stil = createCase(db, {
    organisationId,
    title: 'Gezin Stil',
    kader: 'vrijwillig',
    stage: 'kennismaking',
    nextEvaluationDate: day(30),
    children: [{ firstName: 'Mo', birthYear: 2018 }],
    participants: [
      { key: 'sophie', role: 'jeugdbeschermer', userId: sophie.id },
      { key: 'marieke', role: 'professional', userId: marieke.id },
      { key: 'ouder', role: 'ouder', name: 'Eva Stil' },
    ],
    casusregisseur: 'sophie',
  });
  db.update(cases)
    .set({ createdAt: NOW - 10 * WEEK })
    .where(eq(cases.id, stil.caseId))
    .run();
  edit(stil.caseId, stil.participantIds.sophie!, NOW - 8 * WEEK - HOUR);

  // Gezin Geheim: only Sophie. Full of things that would need attention.
  geheim = createCase(db, {
    organisationId,
    title: 'Gezin Geheim',
    kader: 'vrijwillig',
    stage: 'kennismaking',
    nextEvaluationDate: day(-30),
    children: [{ firstName: 'Jip', birthYear: 2016 }],
    participants: [
      { key: 'sophie', role: 'jeugdbeschermer', userId: sophie.id },
      { key: 'ouder', role: 'ouder', name: 'Geheime Ouder' },
    ],
    casusregisseur: 'sophie',
  });
  afspraak(geheim.caseId, 'g1', { wie: [] });
  afspraak(geheim.caseId, 'a2', { wie: [geheim.participantIds.ouder!], startDate: day(-3), recurrence: 'eenmalig' });
  score(geheim.caseId, geheim.participantIds.ouder!, 10, NOW - HOUR);
  score(geheim.caseId, geheim.participantIds.sophie!, 0, NOW - HOUR);
});
afterAll(async () => {
  await server.stop();
});

describe('mijnOverzicht', () => {
  it('lists exactly the cases I take part in, never another case', () => {
    const mine = mijnOverzicht(server.services.db, marieke.id, NOW);
    expect(mine.map((c) => c.title).sort()).toEqual(['Gezin Bakker', 'Gezin Stil']);
    expect(JSON.stringify(mine)).not.toMatch(/Geheim|Geheime Ouder/);
    const hers = mijnOverzicht(server.services.db, sophie.id, NOW);
    expect(hers.map((c) => c.title).sort()).toEqual(['Gezin Bakker', 'Gezin Geheim', 'Gezin Stil']);
  });

  it('no longer lists a case after I was removed from it', async () => {
    const other = await createProfessionalFixture(server.services.db, 'Karin Weg');
    const { caseId, participantIds } = createCase(server.services.db, {
      organisationId: ensureOrganisation(server.services.db, 'GI Testregio'),
      title: 'Gezin Verlaten',
      kader: 'vrijwillig',
      stage: 'kennismaking',
      children: [],
      participants: [
        { key: 'sophie', role: 'jeugdbeschermer', userId: sophie.id },
        { key: 'karin', role: 'professional', userId: other.id },
      ],
      casusregisseur: 'sophie',
    });
    expect(mijnOverzicht(server.services.db, other.id, NOW).map((c) => c.id)).toEqual([caseId]);
    server.services.db.update(participants).set({ removedAt: NOW }).where(eq(participants.id, participantIds.karin!)).run();
    expect(mijnOverzicht(server.services.db, other.id, NOW)).toEqual([]);
  });

  it('counts afspraken not reported, not kept twice in a row and without owner', () => {
    const c = summaryOf(mijnOverzicht(server.services.db, marieke.id, NOW), bakker.caseId);
    expect(c.afspraken).toEqual({ total: 6, notReported: 1, notKeptTwice: 1, withoutOwner: 1 });
  });

  it('gives stage, kader, regie, the overdue evaluatiemoment and the akkoord state', () => {
    const list = mijnOverzicht(server.services.db, marieke.id, NOW);
    const c = summaryOf(list, bakker.caseId);
    expect(c).toMatchObject({
      stage: 'Plan uitvoeren en volgen',
      kader: 'Maatregel: OTS',
      myRole: 'casusregisseur',
      regie: true,
      evaluationOverdue: true,
      nextEvaluationDate: day(-1),
    });
    expect(c.akkoord?.refused).toEqual(['Linda Bakker']);
    expect([...c.akkoord!.open].sort()).toEqual(['Marieke de Wit', 'Riet de Vries', 'Sophie Jansen']);
    const stilCase = summaryOf(list, stil.caseId);
    expect(stilCase).toMatchObject({ myRole: 'professional', regie: false, evaluationOverdue: false, akkoord: null });
  });

  it('gives each person’s latest score with the previous one, and the spread', () => {
    const c = summaryOf(mijnOverzicht(server.services.db, marieke.id, NOW), bakker.caseId);
    expect(c.scores.map((s) => [s.name, s.score, s.previous])).toEqual([
      ['Linda Bakker', 7, 5],
      ['Riet de Vries', 6, null],
      ['Sophie Jansen', 3, null],
    ]);
    expect(c.spread).toBe(4);
    expect(c.attention).toContainEqual({ kind: 'scores-uiteen', spread: 4 });
    // The chart's history: oldest first, ending at the current score.
    expect(c.scores.map((s) => s.history.map((h) => h.score))).toEqual([[5, 7], [6], [3]]);
  });

  it('says when the family last looked, and "geen wijziging sinds N weken"', () => {
    const list = mijnOverzicht(server.services.db, marieke.id, NOW);
    expect(summaryOf(list, bakker.caseId).familyLastVisitAt).toBe(NOW - 3 * HOUR);
    const s = summaryOf(list, stil.caseId);
    expect(s.weeksWithoutChange).toBe(8);
    expect(s.attention).toEqual([{ kind: 'geen-wijziging', weeks: 8 }]);
    expect(summaryOf(list, bakker.caseId).weeksWithoutChange).toBe(0);
  });

  it('summarises what others changed since my last visit, never my own changes', () => {
    const list = mijnOverzicht(server.services.db, marieke.id, NOW);
    expect(summaryOf(list, bakker.caseId).sinceMyLastVisit).toEqual({ since: VISIT, events: 1, checkIns: 1, notKept: 0, scores: 1, documents: ['plan'] });
    expect(summaryOf(list, stil.caseId).sinceMyLastVisit).toBeNull();
  });

  it('lists the reasons for attention in Dutch, pressing ones first', () => {
    const c = summaryOf(mijnOverzicht(server.services.db, marieke.id, NOW), bakker.caseId);
    expect(c.attention.map((r) => r.kind)).toEqual([
      'evaluatie-verlopen',
      'niet-akkoord',
      'twee-keer-niet-gelukt',
      'niet-gemeld',
      'zonder-eigenaar',
      'scores-uiteen',
      'akkoord-open',
    ]);
    const text = c.attention.map((r) => attentionText(r, (iso) => iso));
    expect(text).toContain('1 afspraak twee keer op rij niet gelukt');
    expect(text).toContain('Niet akkoord: Linda Bakker');
  });

  it('filters on regie and attention, and sorts by name', () => {
    const list = mijnOverzicht(server.services.db, marieke.id, NOW);
    expect(sortAndFilter(list, 'naam', 'regie').map((c) => c.title)).toEqual(['Gezin Bakker']);
    expect(sortAndFilter(list, 'naam', 'alle').map((c) => c.title)).toEqual(['Gezin Bakker', 'Gezin Stil']);
    expect(sortAndFilter(list, 'evaluatie', 'alle').map((c) => c.title)).toEqual(['Gezin Bakker', 'Gezin Stil']);
  });
  // Changes the fixture: keep it last in this block.
  it('an owner reporting the missing occurrence clears "niet gemeld"; a later gelukt clears "twee keer niet gelukt"', () => {
    const p = bakker.participantIds;
    checkIn(bakker.caseId, 'a2', day(-3), p.riet!, 'deels');
    checkIn(bakker.caseId, 'a3', day(-12), p.linda!, 'gelukt');
    const c = summaryOf(mijnOverzicht(server.services.db, marieke.id, NOW), bakker.caseId);
    expect(c.afspraken).toMatchObject({ notReported: 0, notKeptTwice: 0 });
    checkIn(bakker.caseId, 'a3', day(-12), p.linda!, 'niet-gelukt');
    expect(summaryOf(mijnOverzicht(server.services.db, marieke.id, NOW), bakker.caseId).afspraken).toMatchObject({ notKeptTwice: 1 });
  });
});

describe('the page', () => {
  it('login lands a professional on Mijn overzicht', async () => {
    const res = await postForm(server.url, '/login', { email: marieke.email, password: marieke.password });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/overzicht');
    const home = await get(server.url, '/', res.headers.get('set-cookie')!.split(';')[0]);
    expect(home.headers.get('location')).toBe('/overzicht');
  });

  it('shows my cases with the attention list, and none of another case', async () => {
    const cookie = await login(server.url, marieke.email, marieke.password);
    const res = await get(server.url, '/overzicht', cookie);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Mijn overzicht');
    expect(html).toContain('Aandacht nodig');
    expect(html).toContain(`/casussen/${bakker.caseId}/overzicht`);
    expect(html).toContain(`/casussen/${stil.caseId}/overzicht`);
    expect(html).toContain('Niet akkoord: Linda Bakker');
    expect(html).toContain('Geen wijziging sinds 8 weken');
    expect(html).toMatch(/Linda 7 ↑, Riet 6 →, Sophie 3 → · verschil 4/);
    expect(html).not.toContain('Geheim');
    expect(html).not.toContain(geheim.caseId);
  });

  it('filters through the query string (no script needed)', async () => {
    const cookie = await login(server.url, marieke.email, marieke.password);
    const html = await (await get(server.url, '/overzicht?filter=regie&sort=naam', cookie)).text();
    expect(html).toContain(`/casussen/${bakker.caseId}/overzicht`);
    expect(html).not.toContain(`/casussen/${stil.caseId}/overzicht`);
    const garbled = await get(server.url, '/overzicht?filter=%00&sort=<x>', cookie);
    expect(garbled.status).toBe(200);
  });

  it('sends a family session to its own case, and an anonymous visitor to the login page', async () => {
    const cookie = (await server.services.auth.createParticipantSession(bakker.participantIds.linda!)).split(';')[0]!;
    const res = await get(server.url, '/overzicht', cookie);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/casussen/${bakker.caseId}`);
    const anonymous = await get(server.url, '/overzicht');
    expect(anonymous.headers.get('location')).toBe(`/login?redirectTo=${encodeURIComponent('/overzicht')}`);
  });
});
