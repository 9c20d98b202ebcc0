/**
 * Scores and document permissions for a family member (a participant session
 * without an account, as personal links will create), over real HTTP and a
 * real y-websocket provider.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCase } from '../cases/cases.server';
import { ensureOrganisation } from '../users/users.server';
import { createProfessionalFixture } from '../../tests/support/fixtures';
import { connectClient, waitFor, waitSynced, type Client } from '../../tests/support/syncClient';
import { login, postForm, startTestServer, type TestServer } from '../../tests/support/testServer';
import { addItem, getItem } from '../../app/domain/items';
import { SCORE_MESSAGES } from '../../app/domain/scale';

let server: TestServer;
let caseId: string;
let ids: Record<string, string>;
let parentCookie: string;
let jbCookie: string;
let meelezerCookie: string;
const clients: Client[] = [];

beforeAll(async () => {
  server = await startTestServer({ sync: { upgradesPerSecond: 0 } });
  const db = server.services.db;
  const jb = await createProfessionalFixture(db, 'Sophie Test');
  const reader = await createProfessionalFixture(db, 'Mees Meelezer');
  ({ caseId, participantIds: ids } = createCase(db, {
    organisationId: ensureOrganisation(db, 'GI Testregio'),
    title: 'Gezin Schaal',
    kader: 'vrijwillig',
    stage: 'kennismaking',
    children: [{ firstName: 'Sam', birthYear: 2018 }],
    participants: [
      { key: 'jb', role: 'jeugdbeschermer', userId: jb.id },
      { key: 'ouder', role: 'ouder', name: 'Linda Test', relation: 'moeder' },
      { key: 'meelezer', role: 'meelezer', userId: reader.id },
    ],
  }));
  parentCookie = (await server.services.auth.createParticipantSession(ids.ouder!)).split(';')[0]!;
  jbCookie = await login(server.url, jb.email, jb.password);
  meelezerCookie = await login(server.url, reader.email, reader.password);
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.stop();
});

const scorePath = () => `/casussen/${caseId}/kaart?_data=routes%2Fcasussen.%24caseId.kaart`;
const postScore = (cookie: string, fields: Record<string, string>) => postForm(server.url, scorePath(), { intent: 'score', ...fields }, { Cookie: cookie });

describe('scale scores', () => {
  it('stores a parent’s own score with history, and shows it to the professional', async () => {
    expect((await postScore(parentCookie, { score: '4', explanation: 'Het gaat iets beter' })).status).toBe(200);
    expect((await postScore(parentCookie, { score: '6', explanation: '' })).status).toBe(200);
    const history = server.services.scores.history(caseId);
    expect(history).toEqual([{ participantId: ids.ouder, scores: [expect.objectContaining({ score: 4 }), expect.objectContaining({ score: 6 })] }]);
    const page = await (await fetch(new URL(`/casussen/${caseId}/kaart`, server.url), { headers: { Cookie: jbCookie } })).text();
    expect(page).toContain('Linda Test');
    expect(page).toContain('4 → 6');
  });

  it('cannot set someone else’s score, also not with a crafted request', async () => {
    const before = server.services.scores.history(caseId).find((h) => h.participantId === ids.jb)?.scores.length ?? 0;
    const res = await postScore(parentCookie, { score: '9', participantId: ids.jb!, participant: ids.jb! });
    expect(res.status).toBe(200);
    expect(server.services.scores.history(caseId).find((h) => h.participantId === ids.jb)?.scores.length ?? 0).toBe(before);
    expect(
      server.services.scores
        .history(caseId)
        .find((h) => h.participantId === ids.ouder)!
        .scores.at(-1)!.score,
    ).toBe(9);
  });

  it.each([['11'], ['-1'], ['abc'], ['4.5'], [''], ['1e1']])('refuses %j with a Dutch message', async (score) => {
    const res = await postScore(parentCookie, { score });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toBe(SCORE_MESSAGES.score);
  });

  it('refuses a score from the meelezer', async () => {
    const res = await postScore(meelezerCookie, { score: '5' });
    expect(res.status).toBe(403);
    expect((await res.json()).error).toMatch(/geen score/);
  });

  it('refuses a parent changing the scale question', async () => {
    const res = await postForm(
      server.url,
      scorePath(),
      { intent: 'scaleQuestion', question: 'Een andere vraag die lang genoeg is', reason: 'Een betere vraag' },
      { Cookie: parentCookie },
    );
    expect(res.status).toBe(403);
  });
});

describe('scores keep their words', () => {
  const kaartHtml = async (cookie: string) => (await fetch(new URL(`/casussen/${caseId}/kaart`, server.url), { headers: { Cookie: cookie } })).text();
  const mine = () => server.services.scores.history(caseId).find((h) => h.participantId === ids.jb)!.scores;

  it('keeps the explanation when a new score is saved without touching it, and clears it only on purpose', async () => {
    expect((await postScore(jbCookie, { score: '3', explanation: 'Vader drinkt weer' })).status).toBe(200);
    // The form starts with the current explanation, so saving a new score sends it unchanged.
    expect(await kaartHtml(jbCookie)).toMatch(/<textarea[^>]*name="explanation"[^>]*>Vader drinkt weer<\/textarea>/);
    expect((await postScore(jbCookie, { score: '4', explanation: 'Vader drinkt weer' })).status).toBe(200);
    // A request without the field at all (not from this form) keeps it as well.
    expect((await postScore(jbCookie, { score: '5' })).status).toBe(200);
    expect(mine().map((s) => [s.score, s.explanation])).toEqual([
      [3, 'Vader drinkt weer'],
      [4, 'Vader drinkt weer'],
      [5, 'Vader drinkt weer'],
    ]);
    // Emptying the field clears it, on purpose; the earlier rows keep their words.
    expect((await postScore(jbCookie, { score: '6', explanation: '' })).status).toBe(200);
    expect(mine().at(-1)).toMatchObject({ score: 6, explanation: null });
    expect(mine()[0]).toMatchObject({ score: 3, explanation: 'Vader drinkt weer' });
    expect(await kaartHtml(jbCookie)).toMatch(/<textarea[^>]*name="explanation"[^>]*><\/textarea>/);
  });

  it('shows the default anchors only under the default question; a case’s own question stands on its own', async () => {
    const before = await kaartHtml(jbCookie);
    expect(before).toContain('class="scale-anchors"');
    const question = 'Hoe veilig is Sam thuis? 0 is helemaal niet, 10 is helemaal veilig.';
    expect(
      (await postForm(server.url, scorePath(), { intent: 'scaleQuestion', question, reason: 'Eigen woorden van de organisatie' }, { Cookie: jbCookie })).status,
    ).toBe(200);
    const after = await kaartHtml(jbCookie);
    expect(after).toContain(question);
    expect(after).not.toContain('scale-anchors');
    expect(after).not.toContain('iets ergs');
  });
});

describe('documents for a family session', () => {
  it('lets the parent read bodemeisen live but drops the parent’s writes (not stored, not broadcast)', async () => {
    const jb = connectClient(server.url, jbCookie, `${caseId}/bodemeisen`);
    const parent = connectClient(server.url, parentCookie, `${caseId}/bodemeisen`);
    clients.push(jb, parent);
    await Promise.all([waitSynced(jb), waitSynced(parent)]);
    const actorJb = { participantId: ids.jb!, name: 'Sophie Test', role: 'Jeugdbeschermer' };
    addItem(jb.doc, actorJb, { section: 'eisen', fields: { tekst: 'Geen geweld in huis', reden: 'Veiligheid van Sam' } });
    await waitFor(() => parent.doc.getMap('items').size === 1);
    addItem(
      parent.doc,
      { participantId: ids.ouder!, name: 'Linda Test', role: 'Ouder / verzorger' },
      { section: 'eisen', fields: { tekst: 'Mag niet', reden: '' } },
    );
    await waitFor(() => parent.denied.includes('read-only'));
    await new Promise((r) => setTimeout(r, 100));
    expect(jb.doc.getMap('items').size).toBe(1);
    const stored = server.services.database.sqlite
      .prepare("select count(*) as n from updates where case_id = ? and document = 'bodemeisen' and participant_id = ?")
      .get(caseId, ids.ouder) as { n: number };
    expect(stored.n).toBe(0);
  });

  it('refuses a forged author: an item the parent adds under another name is never stored or shown', async () => {
    const parent = connectClient(server.url, parentCookie, `${caseId}/kaart`);
    const jb = connectClient(server.url, jbCookie, `${caseId}/kaart`);
    clients.push(parent, jb);
    await Promise.all([waitSynced(parent), waitSynced(jb)]);
    const id = addItem(
      parent.doc,
      { participantId: ids.jb!, name: 'Sophie Test', role: 'Jeugdbeschermer' },
      { section: 'bang', fields: { text: 'Onder valse naam' } },
    );
    await waitFor(() => parent.denied.includes('update-refused'), 3000, 'the parent is told');
    expect(getItem(jb.doc, id)).toBeUndefined();
    expect(getItem(server.services.sync.room(caseId, 'kaart').doc, id)).toBeUndefined();
  });
});

describe('betrokkenen for a family session', () => {
  it('shows names and roles and the professionals’ contact details, but no family contact details', async () => {
    server.services.database.sqlite.prepare("update participants set phone = '06-11 22 33 44' where id = ?").run(ids.ouder);
    const asParent = await (await fetch(new URL(`/casussen/${caseId}/betrokkenen`, server.url), { headers: { Cookie: parentCookie } })).text();
    const asPro = await (await fetch(new URL(`/casussen/${caseId}/betrokkenen`, server.url), { headers: { Cookie: jbCookie } })).text();
    expect(asParent).toContain('Sophie Test');
    expect(asParent).toContain('@test.veiligplan.nl'); // the professional's e-mail
    expect(asParent).not.toContain('06-11 22 33 44');
    expect(asPro).toContain('06-11 22 33 44');
    const asReader = await (await fetch(new URL(`/casussen/${caseId}/betrokkenen`, server.url), { headers: { Cookie: meelezerCookie } })).text();
    expect(asReader).toContain('Als meelezer kun je de lijst van betrokkenen niet inzien.');
    expect(asReader).not.toContain('Linda Test</p>');
  });
});

describe('participants for the meelezer (no participant list)', () => {
  it('the print view has no Betrokkenen list, and the plan page only gets the names the plan itself shows', async () => {
    const jbActor = { participantId: ids.jb!, name: 'Sophie Test', role: 'Jeugdbeschermer' };
    server.services.sync.room(caseId, 'plan').applyServerChange({ participantId: ids.jb!, connectionId: null }, (doc) => {
      addItem(doc, jbActor, { section: 'afspraken', fields: { wat: 'Sam elke dag naar school brengen' }, values: { wie: [ids.ouder] } });
    });
    const data = async (path: string, route: string, cookie: string) =>
      (await (await fetch(new URL(`${path}?_data=${encodeURIComponent(route)}`, server.url), { headers: { Cookie: cookie } })).json()) as Record<
        string,
        unknown
      >;
    const printAsReader = await data(`/casussen/${caseId}/afdrukken`, 'routes/casussen.$caseId_.afdrukken', meelezerCookie);
    const printAsPro = await data(`/casussen/${caseId}/afdrukken`, 'routes/casussen.$caseId_.afdrukken', jbCookie);
    expect(printAsReader.participants).toBeNull();
    expect(printAsPro.participants).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Mees Meelezer' })]));
    expect(JSON.stringify(printAsReader)).not.toContain('Mees Meelezer');

    const people = (d: Record<string, unknown>) => (d.people as { name: string }[]).map((p) => p.name).sort();
    const planAsReader = await data(`/casussen/${caseId}/veiligheidsplan`, 'routes/casussen.$caseId.veiligheidsplan', meelezerCookie);
    const planAsPro = await data(`/casussen/${caseId}/veiligheidsplan`, 'routes/casussen.$caseId.veiligheidsplan', jbCookie);
    expect(people(planAsReader)).toEqual(['Linda Test']); // named in the afspraak
    expect(people(planAsPro)).toEqual(['Linda Test', 'Mees Meelezer', 'Sophie Test']);
  });
});
