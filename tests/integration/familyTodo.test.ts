/**
 * The family's to-do on their Overzicht, over real HTTP (issue 15, point 4):
 * the akkoord task shows only while a request is open and this person has not
 * answered the latest one (then one line with what they said); on the
 * veiligheidsplan tab the answer form comes after the plan; "Wat is er
 * veranderd" says what changed (owner removed, stand from X to Y), compared
 * with the plan as it was at the last visit. All people are fictional.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../app/domain/caseFacts';
import { addItem, setValue } from '../../app/domain/items';
import { createEveryRoleCase } from '../support/everyRole';
import { waitFor } from '../support/syncClient';
import { get, startTestServer, type TestServer } from '../support/testServer';

const TASK = 'Lees het plan en zeg of je akkoord bent';
const FAMILY = ['ouder', 'jeugdige', 'netwerklid'] as const;

let server: TestServer;
let setup: Awaited<ReturnType<typeof createEveryRoleCase>>;
const cookies = {} as Record<(typeof FAMILY)[number], string>;

beforeAll(async () => {
  server = await startTestServer();
  setup = await createEveryRoleCase(server.services.db, 'Gezin Taken');
  for (const role of FAMILY) cookies[role] = (await server.services.auth.createParticipantSession(setup.ids[role]!)).split(';')[0]!;
});
afterAll(async () => {
  await server.stop();
});

const as = (role: Role) => ({ caseId: setup.caseId, participantId: setup.ids[role]! });
const page = async (role: (typeof FAMILY)[number], tab = '') => {
  const res = await get(server.url, `/casussen/${setup.caseId}${tab ? `/${tab}` : ''}`, cookies[role]);
  expect(res.status, role).toBe(200);
  return (await res.text()).replace(/<!-- -->/g, '');
};

describe('the akkoord task on the family home', () => {
  it('is not there while nobody asked for akkoord', async () => {
    for (const role of FAMILY) expect(await page(role), role).not.toContain(TASK);
  });

  it('shows while a request is open and this person has not answered it; after answering, one line with what they said', async () => {
    const { commands } = server.services;
    const first = commands.requestAcceptance(as('jeugdbeschermer'));
    for (const role of FAMILY) {
      const html = await page(role);
      expect(html, role).toContain(TASK);
      expect(html).toContain(`href="/casussen/${setup.caseId}/veiligheidsplan#akkoord"`);
    }
    commands.answerAcceptance(as('ouder'), { requestId: first.requestId, agreed: 'nee', comment: 'Opa Henk staat er niet in' });
    const answered = await page('ouder');
    expect(answered).not.toContain(TASK);
    expect(answered).toContain('Je hebt gezegd: <strong>niet akkoord</strong> met het plan (“Opa Henk staat er niet in”)');
    expect(await page('netwerklid')).toContain(TASK);

    // A new request (a new version of the plan): the earlier answer was for the older version, so the task is back.
    commands.requestAcceptance(as('jeugdbeschermer'));
    expect(await page('ouder')).toContain(TASK);
  });
});

describe('the veiligheidsplan tab', () => {
  it('puts the answer form after the plan (afspraken and netwerk), under the anchor the task links to', async () => {
    const html = await page('ouder', 'veiligheidsplan');
    // Family pages name them in plain words (issue 17 point 6).
    const afspraken = html.indexOf('>Wat spreken we af?</h3>');
    const netwerk = html.indexOf('>Wie helpt er mee?</h3>');
    const anchor = html.indexOf('id="akkoord"');
    const form = html.indexOf('name="intent" value="answer"');
    expect(afspraken).toBeGreaterThan(0);
    expect(netwerk).toBeGreaterThan(afspraken);
    expect(anchor).toBeGreaterThan(netwerk);
    expect(form).toBeGreaterThan(anchor);
  });
});

describe('Wat is er veranderd', () => {
  it('says which owner was removed and how the stand changed since the last visit', async () => {
    const plan = server.services.sync.room(setup.caseId, 'plan').doc;
    const sophie = { participantId: setup.ids.jeugdbeschermer!, name: 'Prof jeugdbeschermer', role: 'Jeugdbeschermer' };
    const id = addItem(plan, sophie, {
      section: 'afspraken',
      fields: { wat: 'Als de ouders ruzie krijgen, gaat Familie ouder naar buiten', wanneer: '' },
      values: { wie: [setup.ids.ouder!, setup.ids.netwerklid!], voortgang: 'loopt' },
    });
    await page('jeugdige'); // The visit the changes are measured from.
    const visitedAt = Date.now();
    await waitFor(() => Date.now() > visitedAt + 1, 1000, 'the clock to move past the visit');
    setValue(plan, id, 'wie', [setup.ids.netwerklid!], sophie);
    setValue(plan, id, 'voortgang', 'niet-nagekomen', sophie);
    const html = await page('jeugdige');
    expect(html).toContain('Familie ouder doet deze afspraak niet meer.');
    expect(html).toContain('Stand van Loopt naar Niet nagekomen.');
  });
});

describe('scores as a picture on the kaart', () => {
  it('draws everyone’s scores with the spread, and gives the numbers as text', async () => {
    const { commands } = server.services;
    commands.saveScaleScore(as('ouder'), { score: '7', explanation: '' });
    commands.saveScaleScore(as('jeugdbeschermer'), { score: '3', explanation: '' });
    const html = await page('ouder', 'kaart');
    expect(html).toContain('<figcaption class="score-chart-title">Scores door de tijd</figcaption>');
    expect(html).toMatch(/<tspan[^>]*>verschil<\/tspan><tspan[^>]*>4<\/tspan>/);
    expect(html).toContain('Verschil tussen hoogste en laagste score nu: 4.');
    expect(html).toMatch(/<ul class="visually-hidden"><li>Familie ouder: 7 op \d+ \w+ \d{4}\. Nu 7\.<\/li>/);
  });
});
