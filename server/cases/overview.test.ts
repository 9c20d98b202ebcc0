/**
 * The professional's Overzicht and the Logboek's case events, against the
 * real server: the read queries (running overdracht, today's absences, case
 * events since a visit, Logboek filters), the page for every role (family and
 * netwerk are sent to their own Overzicht), and "since my last visit" — with
 * "your item was resolved by X, reden …" only when X is someone else, a
 * person's own actions never reported back, and a prefetch not counted as a
 * visit.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProfessionalRole, ROLES, type Role } from '../../app/domain/caseFacts';
import { addItem, setStatus, type Actor } from '../../app/domain/items';
import type { MyItemStatusChange } from '../../app/domain/overview';
import { absences, afspraken, auditLog as auditLogTable, checkIns, overdrachten, participants, scaleScores } from '../../db/schema';
import { createEveryRoleCase } from '../../tests/support/everyRole';
import { waitFor } from '../../tests/support/syncClient';
import { get, login, startTestServer, type TestServer } from '../../tests/support/testServer';
import { caseEventsSince, checkInsSince, currentAbsences, logbookEvents, runningOverdracht, scoresSince } from './overview.server';
import { recordCaseEvent, type NewCaseEvent } from './events.server';
import { todayIso } from './regie.server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

type EveryRole = Awaited<ReturnType<typeof createEveryRoleCase>>;

/** A session cookie for each role: an account login for professionals, a participant session (as a personal link gives) for family. */
async function cookiesFor(c: EveryRole): Promise<Record<Role, string>> {
  const out = {} as Record<Role, string>;
  for (const role of ROLES) {
    out[role] = isProfessionalRole(role)
      ? await login(server.url, c.accounts[role]!.email, c.accounts[role]!.password)
      : (await server.services.auth.createParticipantSession(c.ids[role]!)).split(';')[0]!;
  }
  return out;
}

const event = (e: NewCaseEvent, at: number) => server.services.db.transaction((tx) => recordCaseEvent(tx, e, at));
const dayShift = (iso: string, days: number) => new Date(Date.parse(`${iso}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const dataUrl = (caseId: string, tab: string, query = '') =>
  `/casussen/${caseId}/${tab}?${query ? `${query}&` : ''}_data=${encodeURIComponent(`routes/casussen.$caseId.${tab}`)}`;

describe('read queries', () => {
  let c: EveryRole;
  beforeAll(async () => {
    c = await createEveryRoleCase(server.services.db, 'Gezin Overzicht');
  });

  it('runningOverdracht: none, then the open one with names, never a completed or cancelled one', () => {
    const { db } = server.services;
    expect(runningOverdracht(db, c.caseId)).toBeNull();
    const snapshotId = db.transaction((tx) =>
      server.services.snapshots.insert(tx, c.caseId, { label: 'Overdracht', reason: 'overdracht', authorParticipantId: c.ids.jeugdbeschermer! }),
    );
    const base = {
      caseId: c.caseId,
      situatie: 'Situatie',
      openAfsprakenRisicos: 'Risico’s',
      gezinBelangrijk: 'Rust',
      volgendeStappen: 'Evaluatie',
      familySummary: 'Samenvatting',
      snapshotId,
      startedById: c.ids.jeugdbeschermer!,
    };
    db.insert(overdrachten)
      .values({ ...base, id: randomUUID(), fromParticipantId: c.ids.casusregisseur!, toParticipantId: c.ids.meelezer!, startedAt: 1000, completedAt: 2000 })
      .run();
    db.insert(overdrachten)
      .values({ ...base, id: randomUUID(), fromParticipantId: c.ids.casusregisseur!, toParticipantId: c.ids.meelezer!, startedAt: 3000, cancelledAt: 4000 })
      .run();
    expect(runningOverdracht(db, c.caseId)).toBeNull();
    // The overlap lies in the past, so nobody's rights change for the other tests of this case.
    const id = randomUUID();
    db.insert(overdrachten)
      .values({
        ...base,
        id,
        fromParticipantId: c.ids.casusregisseur!,
        toParticipantId: c.ids.ouder!,
        regieProfessionalId: c.ids.professional!,
        overlapUntil: '2020-01-31',
        startedAt: 5000,
      })
      .run();
    expect(runningOverdracht(db, c.caseId)).toEqual({
      id,
      from: 'Prof casusregisseur',
      to: 'Familie ouder',
      regieProfessional: 'Prof professional',
      startedBy: 'Prof jeugdbeschermer',
      startedAt: 5000,
      overlapUntil: '2020-01-31',
    });
    expect(runningOverdracht(db, c.other.caseId)).toBeNull();
  });

  it('currentAbsences: only today’s, not ended, of this case; from and until days included', () => {
    const { db } = server.services;
    const today = todayIso();
    const row = (participantId: string, standIn: string, fromDate: string, untilDate: string, extra: { endedAt?: number; caseId?: string } = {}) => {
      const id = randomUUID();
      db.insert(absences)
        .values({ id, caseId: extra.caseId ?? c.caseId, participantId, standInParticipantId: standIn, fromDate, untilDate, endedAt: extra.endedAt ?? null })
        .run();
      return id;
    };
    const runs = row(c.ids.professional!, c.ids.jeugdbeschermer!, dayShift(today, -2), dayShift(today, 5));
    const lastDay = row(c.ids.casusregisseur!, c.ids.professional!, dayShift(today, -1), today);
    const firstDay = row(c.ids.meelezer!, c.ids.professional!, today, dayShift(today, 10));
    row(c.ids.jeugdbeschermer!, c.ids.professional!, dayShift(today, -3), dayShift(today, 3), { endedAt: Date.now() });
    row(c.ids.jeugdbeschermer!, c.ids.professional!, dayShift(today, 1), dayShift(today, 3));
    row(c.ids.jeugdbeschermer!, c.ids.professional!, dayShift(today, -9), dayShift(today, -1));
    row(c.other.participantIds.jb!, c.other.participantIds.jb!, dayShift(today, -1), dayShift(today, 1), { caseId: c.other.caseId });
    const list = currentAbsences(db, c.caseId);
    expect(list.map((a) => a.id)).toEqual([lastDay, runs, firstDay]);
    expect(list[1]).toMatchObject({ name: 'Prof professional', standIn: 'Prof jeugdbeschermer', untilDate: dayShift(today, 5) });
  });

  it('caseEventsSince: after `since`, by others (or nobody), newest first — never my own', () => {
    const { db } = server.services;
    const me = c.ids.professional!;
    const since = 1_000_000;
    event(
      {
        caseId: c.caseId,
        type: 'stage-changed',
        actorParticipantId: c.ids.jeugdbeschermer!,
        field: 'stage',
        oldValue: 'kennismaking',
        newValue: 'veiligheidsplan',
        reason: 'te vroeg',
      },
      since,
    );
    const byOther = event(
      {
        caseId: c.caseId,
        type: 'stage-changed',
        actorParticipantId: c.ids.jeugdbeschermer!,
        field: 'stage',
        oldValue: 'kennismaking',
        newValue: 'veiligheidsplan',
        reason: 'de kaart is klaar',
      },
      since + 1,
    );
    event({ caseId: c.caseId, type: 'fact-changed', actorParticipantId: me, field: 'title', oldValue: 'A', newValue: 'B', reason: 'zelf' }, since + 2);
    const byNobody = event({ caseId: c.caseId, type: 'case-reopened', actorParticipantId: null, reason: 'systeem' }, since + 3);
    event({ caseId: c.other.caseId, type: 'case-closed', actorParticipantId: c.other.participantIds.jb!, reason: 'elders' }, since + 4);
    const list = caseEventsSince(db, c.caseId, since, me);
    expect(list.map((e) => e.id)).toEqual([byNobody, byOther]);
    expect(list[1]).toMatchObject({ type: 'stage-changed', actorName: 'Prof jeugdbeschermer', reason: 'de kaart is klaar', newValue: 'veiligheidsplan' });
    expect(caseEventsSince(db, c.caseId, since + 3, me)).toEqual([]);
  });

  it('checkInsSince and scoresSince: by others after `since`, newest first, with the afspraak, namens and never my own', () => {
    const { db } = server.services;
    const me = c.ids.professional!;
    const since = 2_000_000;
    const row = (participantId: string, recordedById: string, result: 'gelukt' | 'niet-gelukt', createdAt: number, caseId = c.caseId) =>
      db
        .insert(checkIns)
        .values({ caseId, afspraakId: 'a-ophalen', occurrence: '2027-03-03', participantId, recordedById, result, toelichting: 'Was ziek', createdAt })
        .run();
    db.insert(afspraken)
      .values({
        caseId: c.caseId,
        id: 'a-ophalen',
        position: 0,
        wat: 'Daan ophalen',
        wanneer: '',
        hoeWetenWe: '',
        watAlsNiet: '',
        wie: '[]',
        voortgang: 'loopt',
        projectedAt: 1,
      })
      .run();
    row(c.ids.netwerklid!, c.ids.netwerklid!, 'gelukt', since); // not after since
    row(c.ids.netwerklid!, c.ids.netwerklid!, 'niet-gelukt', since + 1);
    row(c.ids.ouder!, c.ids.jeugdbeschermer!, 'gelukt', since + 2); // namens
    row(c.ids.ouder!, me, 'gelukt', since + 3); // recorded by me
    row(c.other.participantIds.ouder!, c.other.participantIds.ouder!, 'gelukt', since + 4, c.other.caseId);
    expect(checkInsSince(db, c.caseId, since, me).map((r) => [r.name, r.result, r.namens, r.afspraak])).toEqual([
      ['Familie ouder', 'gelukt', 'Prof jeugdbeschermer', 'Daan ophalen'],
      ['Familie netwerklid', 'niet-gelukt', null, 'Daan ophalen'],
    ]);
    db.insert(scaleScores)
      .values({ caseId: c.caseId, participantId: c.ids.ouder!, score: 6, createdAt: since + 1 })
      .run();
    db.insert(scaleScores)
      .values({ caseId: c.caseId, participantId: me, score: 4, createdAt: since + 2 })
      .run();
    expect(scoresSince(db, c.caseId, since, me).map((r) => [r.name, r.score])).toEqual([['Familie ouder', 6]]);
  });

  it('logbookEvents: all, by type, by a person who acted or was the subject', () => {
    const { db } = server.services;
    const all = logbookEvents(db, c.caseId);
    expect(all.length).toBeGreaterThanOrEqual(4);
    expect(all.map((e) => e.at)).toEqual([...all.map((e) => e.at)].sort((a, b) => b - a));
    expect(logbookEvents(db, c.caseId, { types: ['stage-changed'] }).every((e) => e.type === 'stage-changed')).toBe(true);
    const subject = event(
      { caseId: c.caseId, type: 'absence-set', actorParticipantId: c.ids.jeugdbeschermer!, subjectParticipantId: c.ids.meelezer!, newValue: 'tot 1 mei' },
      5_000_000,
    );
    expect(logbookEvents(db, c.caseId, { participantId: c.ids.meelezer! }).map((e) => e.id)).toEqual([subject]);
    expect(logbookEvents(db, c.caseId, { participantId: c.ids.professional! }).map((e) => e.type)).toEqual(['fact-changed']);
    expect(logbookEvents(db, c.caseId, { participantId: c.other.participantIds.jb! })).toEqual([]);
  });
});

describe('the Overzicht page for every role', () => {
  let c: EveryRole;
  let cookies: Record<Role, string>;
  beforeAll(async () => {
    c = await createEveryRoleCase(server.services.db, 'Gezin Rollen');
    cookies = await cookiesFor(c);
  });

  for (const role of ROLES) {
    it(`${role}: ${isProfessionalRole(role) ? 'the professional Overzicht' : 'sent to the family Overzicht'}; opening the case lands on their Overzicht`, async () => {
      const page = await get(server.url, `/casussen/${c.caseId}/overzicht`, cookies[role]);
      const index = await get(server.url, `/casussen/${c.caseId}`, cookies[role]);
      if (isProfessionalRole(role)) {
        expect(page.status).toBe(200);
        const html = await page.text();
        expect(html).toContain('Waar staat de casus?');
        expect(html).toContain('Kennismaking en zorgen in kaart');
        expect(html).toContain('Akkoord met het plan');
        expect(index.status).toBe(302);
        expect(index.headers.get('location')).toBe(`/casussen/${c.caseId}/overzicht`);
      } else {
        expect(page.status).toBe(302);
        expect(page.headers.get('location')).toBe(`/casussen/${c.caseId}`);
        expect(index.status).toBe(200);
      }
    });
  }

  it('someone who is not in the case gets the same 404 as for a case that does not exist; nobody signed in gets the way back (ADR 028)', async () => {
    const elsewhere = await login(server.url, c.elsewhere.email, c.elsewhere.password);
    expect((await get(server.url, `/casussen/${c.caseId}/overzicht`, elsewhere)).status).toBe(404);
    expect((await get(server.url, `/casussen/${randomUUID()}/overzicht`, elsewhere)).status).toBe(404);
    const anonymous = await get(server.url, `/casussen/${c.caseId}/overzicht`);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toMatch(/^\/weer-openen\?redirectTo=/);
  });

  it('the tab bar points professionals to overzicht and family to the case itself', async () => {
    const prof = await (await get(server.url, `/casussen/${c.caseId}/kaart`, cookies.professional)).text();
    expect(prof).toContain(`href="/casussen/${c.caseId}/overzicht"`);
    const family = await (await get(server.url, `/casussen/${c.caseId}/kaart`, cookies.ouder)).text();
    expect(family).not.toContain(`/casussen/${c.caseId}/overzicht`);
    expect(family).toContain(`href="/casussen/${c.caseId}"`);
  });
});

interface OverzichtData {
  since: number;
  mine: MyItemStatusChange[];
  changes: { kind: string; document: string; text: string; by: string; reason?: string }[] | null;
  events: { label: string; text: string; by: string | null; reason: string | null }[] | null;
  overdracht: unknown;
  absences: unknown[];
  akkoord: { answers: { participantId: string; answer: string | null }[] } | null;
}

describe('since my last visit', () => {
  let c: EveryRole;
  let cookies: Record<Role, string>;
  let jan: Actor;
  let sophie: Actor;
  let kaart: import('yjs').Doc;
  const lastVisit = (id: string) => server.services.db.select({ at: participants.lastVisitAt }).from(participants).where(eq(participants.id, id)).get()!.at;
  const visit = async (role: Role, headers: Record<string, string> = {}) => {
    const res = await fetch(new URL(dataUrl(c.caseId, 'overzicht'), server.url), { headers: { Cookie: cookies[role], ...headers } });
    expect(res.status).toBe(200);
    return (await res.json()) as OverzichtData;
  };
  const items: Record<string, string> = {};

  beforeAll(async () => {
    c = await createEveryRoleCase(server.services.db, 'Gezin Bezoek');
    cookies = await cookiesFor(c);
    jan = { participantId: c.ids.professional!, name: 'Prof professional', role: 'Professional' };
    sophie = { participantId: c.ids.jeugdbeschermer!, name: 'Prof jeugdbeschermer', role: 'Jeugdbeschermer' };
    kaart = server.services.sync.room(c.caseId, 'kaart').doc;
    items.resolvedByOther = addItem(kaart, jan, { section: 'bang', fields: { text: 'Vader drinkt te veel' } });
    items.withdrawnByMe = addItem(kaart, jan, { section: 'bang', fields: { text: 'Dubbel punt' } });
    items.sophies = addItem(kaart, sophie, { section: 'krachten', fields: { text: 'Oma helpt elke week' } });
    items.resolvedEarly = addItem(kaart, jan, { section: 'bang', fields: { text: 'Al eerder opgelost' } });
    setStatus(kaart, items.resolvedEarly, 'opgelost', 'voor het eerste bezoek', sophie);
  });

  it('the first visit says so, and is recorded', async () => {
    expect(lastVisit(jan.participantId)).toBeNull();
    const first = await visit('professional');
    expect(first.changes).toBeNull();
    expect(first.events).toBeNull();
    expect(first.mine).toEqual([]);
    expect(lastVisit(jan.participantId)).toBeGreaterThan(0);
    await visit('jeugdbeschermer');
  });

  it('tells me prominently that someone else resolved my item, with the reason; my own changes are not told back', async () => {
    const since = lastVisit(jan.participantId)!;
    await waitFor(() => Date.now() > Math.max(since, lastVisit(sophie.participantId)!), 1000, 'the clock to move past the visits');
    setStatus(kaart, items.resolvedByOther!, 'opgelost', 'Vader is drie maanden gestopt', sophie);
    setStatus(kaart, items.withdrawnByMe!, 'ingetrokken', 'Stond er al', jan);
    setStatus(kaart, items.sophies!, 'opgelost', 'Oma is verhuisd', sophie);
    event(
      {
        caseId: c.caseId,
        type: 'stage-changed',
        actorParticipantId: sophie.participantId,
        field: 'stage',
        oldValue: 'kennismaking',
        newValue: 'veiligheidsplan',
        reason: 'de kaart is klaar',
      },
      Date.now(),
    );
    event(
      {
        caseId: c.caseId,
        type: 'fact-changed',
        actorParticipantId: jan.participantId,
        field: 'title',
        oldValue: 'Gezin Bezoek',
        newValue: 'Gezin Bezoek-Jansen',
        reason: 'naam klopte niet',
      },
      Date.now(),
    );

    // A prefetch (hovering the tab) is not a visit.
    await visit('professional', { 'Sec-Purpose': 'prefetch' });
    expect(lastVisit(jan.participantId)).toBe(since);

    const d = await visit('professional');
    expect(d.since).toBe(since);
    expect(d.mine).toEqual([
      expect.objectContaining({
        itemId: items.resolvedByOther,
        document: 'Kaart',
        status: 'opgelost',
        text: 'Vader drinkt te veel',
        by: 'Prof jeugdbeschermer',
        reason: 'Vader is drie maanden gestopt',
      }),
    ]);
    // Told once, prominently: not again in the list; my own withdrawal is not news to me; Sophie's change to her own item is.
    expect(d.changes).toEqual([
      expect.objectContaining({ kind: 'opgelost', text: 'Oma helpt elke week', by: 'Prof jeugdbeschermer', reason: 'Oma is verhuisd' }),
    ]);
    expect(d.events).toEqual([
      expect.objectContaining({
        label: 'Fase gewijzigd',
        text: 'Fase: Kennismaking en zorgen in kaart → Veiligheidsplan maken',
        by: 'Prof jeugdbeschermer',
        reason: 'de kaart is klaar',
      }),
    ]);
    expect(lastVisit(jan.participantId)).toBeGreaterThan(since);

    const html = await (await get(server.url, `/casussen/${c.caseId}/overzicht`, cookies.professional)).text();
    expect(html).toContain('Er is niets veranderd sinds');
  });

  it('the one who resolved it is not told "your item" about someone else’s item, and sees the other’s case event', async () => {
    const d = await visit('jeugdbeschermer');
    expect(d.mine).toEqual([]);
    expect(d.changes).toEqual([expect.objectContaining({ kind: 'ingetrokken', text: 'Dubbel punt', by: 'Prof professional', reason: 'Stond er al' })]);
    expect(d.events).toEqual([expect.objectContaining({ label: 'Casusgegeven gewijzigd', by: 'Prof professional', reason: 'naam klopte niet' })]);
  });

  it('shows the running overdracht, today’s absences and who has not answered the akkoord yet', async () => {
    const { db } = server.services;
    const today = todayIso();
    db.insert(absences)
      .values({
        id: randomUUID(),
        caseId: c.caseId,
        participantId: c.ids.jeugdbeschermer!,
        standInParticipantId: jan.participantId,
        fromDate: today,
        untilDate: dayShift(today, 7),
      })
      .run();
    server.services.commands.requestAcceptance({ caseId: c.caseId, participantId: c.ids.jeugdbeschermer! });
    server.services.commands.answerAcceptance(
      { caseId: c.caseId, participantId: c.ids.ouder! },
      { requestId: server.services.acceptance.view(c.caseId).request!.id, agreed: 'ja', comment: '' },
    );
    const d = await visit('professional');
    expect(d.absences).toEqual([expect.objectContaining({ name: 'Prof jeugdbeschermer', standIn: 'Prof professional', untilDate: dayShift(today, 7) })]);
    expect(d.overdracht).toBeNull();
    const answers = new Map(d.akkoord!.answers.map((a) => [a.participantId, a.answer]));
    expect(answers.get(c.ids.ouder!)).toBe('akkoord');
    expect(answers.get(jan.participantId)).toBeNull();
    const html = await (await get(server.url, `/casussen/${c.caseId}/overzicht`, cookies.professional)).text();
    expect(html).toContain('afwezig tot en met');
    expect(html).toMatch(/Vervanger:.*jij/);
    expect(html).toContain('Nog geen antwoord van');
  });
});

describe('the Logboek with case events', () => {
  let c: EveryRole;
  let cookie: string;
  type Entry = { kind: 'audit' | 'event'; text: string; label?: string; detail?: string; reason?: string; view: boolean };
  const logboek = async (query = '') => {
    const res = await get(server.url, dataUrl(c.caseId, 'logboek', query), cookie);
    expect(res.status).toBe(200);
    return (await res.json()) as { entries: Entry[]; next: string | null };
  };
  beforeAll(async () => {
    c = await createEveryRoleCase(server.services.db, 'Gezin Logboek');
    cookie = await login(server.url, c.accounts.jeugdbeschermer!.email, c.accounts.jeugdbeschermer!.password);
    // A page view puts an audit row on record.
    expect((await get(server.url, `/casussen/${c.caseId}/kaart`, cookie)).status).toBe(200);
    event(
      {
        caseId: c.caseId,
        type: 'fact-changed',
        actorParticipantId: c.ids.casusregisseur!,
        field: 'nextEvaluationDate',
        oldValue: '2027-03-03',
        newValue: '2027-04-10',
        reason: 'de school vroeg uitstel',
      },
      Date.now(),
    );
    event(
      { caseId: c.caseId, type: 'absence-set', actorParticipantId: c.ids.jeugdbeschermer!, subjectParticipantId: c.ids.professional!, newValue: 'tot 1 mei' },
      Date.now(),
    );
  });

  it('shows the events between the audit rows, with label, old → new, reason and who', async () => {
    const { entries } = await logboek('bekijken=ja');
    expect(entries.some((r) => r.kind === 'audit')).toBe(true);
    expect(entries).toContainEqual(
      expect.objectContaining({
        kind: 'event',
        label: 'Casusgegeven gewijzigd',
        text: 'Prof casusregisseur',
        detail: 'Volgend evaluatiemoment: 3 maart 2027 → 10 april 2027',
        reason: 'de school vroeg uitstel',
      }),
    );
  });

  it('filters by kind (one event type, all events, one audit type, nonsense) and by person', async () => {
    expect((await logboek('soort=gebeurtenis:absence-set')).entries.map((r) => [r.kind, r.label])).toEqual([['event', 'Afwezigheid en vervanger']]);
    expect((await logboek('soort=gebeurtenissen')).entries.map((r) => r.kind)).toEqual(['event', 'event']);
    const viewed = (await logboek('soort=case-viewed')).entries;
    expect(viewed.length).toBeGreaterThan(0);
    expect(viewed.every((r) => r.kind === 'audit' && r.view && r.text.startsWith('Prof jeugdbeschermer heeft'))).toBe(true);
    expect((await logboek('soort=gebeurtenis:bestaat-niet')).entries).toEqual([]);
    expect((await logboek('soort=bestaat-niet')).entries).toEqual([]);
    const professional = (await logboek(`persoon=${c.ids.professional}`)).entries;
    expect(professional.filter((r) => r.kind === 'event').map((r) => r.label)).toEqual(['Afwezigheid en vervanger']);
  });

  it('pages long lists with a cursor', async () => {
    const before = server.services.audit.logboek(c.caseId, { views: true, limit: 10000 }).entries.length;
    const db = server.services.db;
    for (let i = 0; i < 60; i++) {
      db.insert(auditLogTable)
        .values({ at: Date.now() - 1000, caseId: c.caseId, type: 'score-saved', actorParticipantId: c.ids.ouder!, detail: JSON.stringify({ score: i % 10 }) })
        .run();
    }
    const first = await logboek();
    expect(first.entries).toHaveLength(50);
    expect(first.next).not.toBeNull();
    const second = await logboek(`vanaf=${first.next}`);
    expect(second.entries.length).toBeGreaterThan(0);
    expect((await logboek('vanaf=kapot')).entries).toEqual(first.entries);
    expect(server.services.audit.logboek(c.caseId, { views: true, limit: 10000 }).entries.length).toBe(before + 60);
  });
});
