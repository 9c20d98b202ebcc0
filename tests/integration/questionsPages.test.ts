/**
 * Questions and Bij nood over real HTTP (issue 17, ADR 027): a parent asks
 * through the `vragen` action; the regisseur sees it with its age on Mijn
 * overzicht (attention list and the open questions list) and in the case's
 * Overzicht, answers there; the parent sees the answer on their home, the
 * netwerklid never sees the parent's question. Bij nood shows the netwerk's
 * own numbers (not under the safety flag), the out-of-hours number (or the
 * sentence without it), Veilig Thuis and 112 as tel: links. All fictional.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_LABELS, isProfessionalRole, ROLES, type Role } from '../../app/domain/caseFacts';
import { addItem, type Actor as ItemActor } from '../../app/domain/items';
import { cases, participants, questions } from '../../db/schema';
import { createEveryRoleCase } from '../support/everyRole';
import { get, login, postForm, startTestServer, type TestServer } from '../support/testServer';

let server: TestServer;
let setup: Awaited<ReturnType<typeof createEveryRoleCase>>;
const cookies = {} as Record<Role, string>;
const VRAGEN = encodeURIComponent('routes/casussen.$caseId.vragen');

beforeAll(async () => {
  server = await startTestServer();
  setup = await createEveryRoleCase(server.services.db, 'Gezin Vraagpagina');
  for (const role of ROLES) {
    cookies[role] = isProfessionalRole(role)
      ? await login(server.url, setup.accounts[role]!.email, setup.accounts[role]!.password)
      : (await server.services.auth.createParticipantSession(setup.ids[role]!)).split(';')[0]!;
  }
  // The netwerklid is in the plan's veiligheidsnetwerk, with a phone of their own.
  server.services.db.update(participants).set({ phone: '06-55 50 10 03' }).where(eq(participants.id, setup.ids.netwerklid!)).run();
  const who: ItemActor = { participantId: setup.ids.jeugdbeschermer!, name: 'Prof jeugdbeschermer', role: ROLE_LABELS.jeugdbeschermer };
  server.services.sync
    .room(setup.caseId, 'plan')
    .applyServerChange({ participantId: who.participantId, connectionId: null }, (doc) =>
      addItem(doc, who, { section: 'netwerk', fields: { taak: 'Kinderen opvangen als het thuis niet gaat' }, values: { persoon: setup.ids.netwerklid! } }),
    );
});
afterAll(async () => {
  await server.stop();
});

const html = async (role: Role, path: string) => {
  const res = await get(server.url, path, cookies[role]);
  return { status: res.status, html: (await res.text()).replace(/<!-- -->/g, '') };
};
const post = async (role: Role, fields: Record<string, string>) => {
  const res = await postForm(server.url, `/casussen/${setup.caseId}/vragen?_data=${VRAGEN}`, fields, { Cookie: cookies[role] });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('questions over HTTP', () => {
  it('a parent asks, the regisseur sees it on Mijn overzicht and in the case, answers, the parent reads the answer', async () => {
    const home = await html('ouder', `/casussen/${setup.caseId}`);
    expect(home.html).toContain('Een vraag stellen');
    expect(home.html).toContain('Je hebt nog geen vragen gesteld.');

    const asked = await post('ouder', { intent: 'ask-question', kind: 'vraag', text: 'Mag Kim zaterdag bij oma slapen?' });
    expect(asked.status).toBe(200);
    expect(asked.body.saved).toContain('Prof casusregisseur');
    // Two days old, so the age shows.
    const id = server.services.db.select().from(questions).where(eq(questions.caseId, setup.caseId)).get()!.id;
    server.services.database.sqlite.prepare('update questions set created_at = ? where id = ?').run(Date.now() - 2 * 86_400_000, id);

    const mine = await html('ouder', `/casussen/${setup.caseId}`);
    expect(mine.html).toContain('Mag Kim zaterdag bij oma slapen?');
    expect(mine.html).toContain('Nog geen antwoord — gesteld 2 dagen geleden');
    // Netwerk members (and the other family members) see only their own questions.
    expect((await html('netwerklid', `/casussen/${setup.caseId}`)).html).not.toContain('zaterdag bij oma');

    const overzicht = await html('casusregisseur', '/overzicht');
    expect(overzicht.html).toContain('Open vraag, gesteld 2 dagen geleden');
    expect(overzicht.html).toContain('Open vragen van gezinnen (1)');
    expect(overzicht.html).toContain('Een vraag van Familie ouder, gesteld 2 dagen geleden');
    // A professional who is not the addressee and does not write case facts has nothing to answer.
    expect((await html('professional', '/overzicht')).html).not.toContain('Open vragen van gezinnen');

    const inCase = await html('casusregisseur', `/casussen/${setup.caseId}/overzicht`);
    expect(inCase.html).toContain('Vragen van gezin en netwerk');
    expect(inCase.html).toContain('Mag Kim zaterdag bij oma slapen?');
    expect(inCase.html).toContain('name="intent" value="answer-question"');
    // The professional reads it but gets no answer form; the meelezer does not see questions at all.
    const prof = await html('professional', `/casussen/${setup.caseId}/overzicht`);
    expect(prof.html).toContain('Mag Kim zaterdag bij oma slapen?');
    expect(prof.html).not.toContain('value="answer-question"');
    expect((await html('meelezer', `/casussen/${setup.caseId}/overzicht`)).html).not.toContain('zaterdag bij oma');

    const refused = await post('professional', { intent: 'answer-question', questionId: id, answer: 'Ja hoor.' });
    expect(refused.status).toBe(403);
    const answered = await post('casusregisseur', { intent: 'answer-question', questionId: id, answer: 'Ja, dat is goed. Oma weet ervan.' });
    expect(answered).toMatchObject({ status: 200, body: { questionId: id } });
    expect((await post('casusregisseur', { intent: 'answer-question', questionId: id, answer: 'Nog een keer.' })).status).toBe(409);

    const after = await html('ouder', `/casussen/${setup.caseId}`);
    expect(after.html).toContain('Ja, dat is goed. Oma weet ervan.');
    expect(after.html).toContain('Beantwoord vandaag');
    expect((await html('casusregisseur', '/overzicht')).html).not.toContain('Open vragen van gezinnen');
  });

  it('refuses asking by professionals and garbage in Dutch', async () => {
    expect((await post('jeugdbeschermer', { intent: 'ask-question', kind: 'vraag', text: 'Hallo daar' })).status).toBe(403);
    const bad = await post('ouder', { intent: 'ask-question', kind: 'terugbellen', phone: 'morgen' });
    expect(bad).toMatchObject({ status: 400, body: { field: 'phone' } });
    expect(String(bad.body.error)).toMatch(/telefoonnummer/);
  });
});

describe('Bij nood', () => {
  it('on the family home, the veiligheidsplan and the print: the netwerk’s number, the out-of-hours sentence, Veilig Thuis and 112', async () => {
    for (const path of [`/casussen/${setup.caseId}`, `/casussen/${setup.caseId}/veiligheidsplan`, `/casussen/${setup.caseId}/afdrukken`]) {
      const page = await html('ouder', path);
      expect(page.status, path).toBe(200);
      expect(page.html, path).toContain('Bij nood');
      expect(page.html).toContain('href="tel:08002000"');
      expect(page.html).toContain('href="tel:112"');
      expect(page.html).toContain('Familie netwerklid');
      expect(page.html).toContain('href="tel:0655501003"');
      expect(page.html).toContain('Vraag je hulpverlener naar het nummer buiten kantoortijd.');
    }
  });

  it('shows the organisation’s out-of-hours number, and hides family numbers under the safety flag', async () => {
    server.services.commands.setOrganisationSettings({ via: 'admin-cli' }, { organisation: 'GI Testregio', outOfHoursPhone: '010-555 09 99' });
    server.services.db.update(cases).set({ safetyFlag: true }).where(eq(cases.id, setup.caseId)).run();
    try {
      for (const role of ['ouder', 'jeugdbeschermer'] as const) {
        const page = await html(role, `/casussen/${setup.caseId}/afdrukken`);
        expect(page.html).toContain('href="tel:0105550999"');
        expect(page.html).toContain('Familie netwerklid');
        // Issue 18 (ADR 033): the jeugdbeschermer still sees the family's numbers; the family does not.
        if (role === 'ouder') expect(page.html, role).not.toContain('tel:0655501003');
        else expect(page.html, role).toContain('tel:0655501003');
      }
    } finally {
      server.services.db.update(cases).set({ safetyFlag: false }).where(eq(cases.id, setup.caseId)).run();
    }
  });
});
