/**
 * Plain words and the family handout over real HTTP (issue 17 points 6 and 7,
 * ADR 029): the kaart, veiligheidsplan and bodemeisen pages arrive with the
 * plan's content rendered on the server (no JavaScript needed to read it);
 * family pages use plain titles with a "?" and professionals keep their
 * terms; the family home shows each contact person once; the print is a
 * handout (plan before kaart, labelled answers, akkoord and version lines,
 * phone numbers only where allowed). All people are fictional.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, participants, users } from '../../db/schema';
import { isProfessionalRole, ROLES, type Role } from '../../app/domain/caseFacts';
import { addItem } from '../../app/domain/items';
import { KAART_SECTIONS } from '../../app/domain/kaart';
import { createEveryRoleCase } from '../support/everyRole';
import { get, login, startTestServer, type TestServer } from '../support/testServer';

let server: TestServer;
let setup: Awaited<ReturnType<typeof createEveryRoleCase>>;
const cookies = {} as Record<Role, string>;
const NETWERK_PHONE = '06-11 22 33 44';
const PRO_PHONE = '010-123 45 67';
const AFSPRAAK = 'Oma Familie haalt Kim elke woensdag uit school.';

beforeAll(async () => {
  server = await startTestServer();
  setup = await createEveryRoleCase(server.services.db, 'Gezin Gewone Woorden');
  const { db } = server.services;
  for (const role of ROLES) {
    cookies[role] = isProfessionalRole(role)
      ? await login(server.url, setup.accounts[role]!.email, setup.accounts[role]!.password)
      : (await server.services.auth.createParticipantSession(setup.ids[role]!)).split(';')[0]!;
  }
  db.update(participants).set({ phone: NETWERK_PHONE }).where(eq(participants.id, setup.ids.netwerklid!)).run();
  db.update(users)
    .set({ phone: PRO_PHONE, availability: 'maandag tot en met vrijdag, 9 tot 17 uur' })
    .where(eq(users.id, setup.accounts.casusregisseur!.id))
    .run();
  // The regisseur is also the vaste contactpersoon: the family sees this person once.
  db.update(cases).set({ vastAanspreekpuntId: setup.ids.casusregisseur! }).where(eq(cases.id, setup.caseId)).run();

  const by = { participantId: setup.ids.jeugdbeschermer!, name: 'Prof jeugdbeschermer', role: 'Jeugdbeschermer' };
  const kaart = server.services.sync.room(setup.caseId, 'kaart').doc;
  for (const s of KAART_SECTIONS) addItem(kaart, by, { section: s.id, fields: { text: `Punt bij ${s.id}` } });
  const plan = server.services.sync.room(setup.caseId, 'plan').doc;
  addItem(plan, by, {
    section: 'afspraken',
    fields: { wat: AFSPRAAK, wanneer: 'elke woensdag', hoeWetenWe: 'Oma stuurt een berichtje.', watAlsNiet: 'Dan belt oma de buurvrouw.' },
    values: { wie: [setup.ids.netwerklid!, setup.ids.casusregisseur!] },
  });
  addItem(server.services.sync.room(setup.caseId, 'bodemeisen').doc, by, {
    section: 'eisen',
    fields: { tekst: 'Kim slaapt elke nacht thuis.', reden: 'Rust.' },
  });
});
afterAll(async () => {
  await server.stop();
});

const page = async (role: Role, tab: string) => {
  const res = await get(server.url, `/casussen/${setup.caseId}${tab ? `/${tab}` : ''}`, cookies[role]);
  expect(res.status, `${role} ${tab}`).toBe(200);
  return (await res.text()).replace(/<!-- -->/g, '');
};

describe('server-rendered content', () => {
  it("the kaart's HTML (no JavaScript) holds every item's text, and no section says it is empty", async () => {
    for (const role of ROLES) {
      const html = await page(role, 'kaart');
      for (const s of KAART_SECTIONS) expect(html, `${role} ${s.id}`).toContain(`Punt bij ${s.id}`);
      expect(html, role).not.toContain('Nog niets opgeschreven');
    }
  });

  it('the veiligheidsplan and bodemeisen pages hold their content too', async () => {
    for (const role of ['ouder', 'jeugdbeschermer', 'meelezer'] as const) {
      const plan = await page(role, 'veiligheidsplan');
      expect(plan, role).toContain(AFSPRAAK);
      expect(plan, role).toContain('Dan belt oma de buurvrouw.');
      expect(plan, role).not.toContain('Er zijn nog geen afspraken.');
      expect(await page(role, 'bodemeisen'), role).toContain('Kim slaapt elke nacht thuis.');
    }
  });

  it('family pages: plain titles with a "?", and a loading line instead of a technical state; professionals keep their terms', async () => {
    const family = await page('ouder', 'kaart');
    expect(family).toContain('Wat maakt het moeilijker?');
    expect(family).not.toContain('Complicerende factoren</h4>');
    expect(family).toContain('aria-label="Wat betekent dit?"');
    expect(family).toContain('aria-expanded="false"');
    expect(family).toContain('Het plan wordt geladen…');
    expect(family).not.toContain('Verbinden…');
    expect(await page('jeugdige', 'bodemeisen')).toContain('Wat moet er minimaal goed gaan?');
    const pro = await page('jeugdbeschermer', 'kaart');
    expect(pro).toContain('Complicerende factoren');
    expect(pro).not.toContain('Wat betekent dit?');
    expect(await page('meelezer', 'bodemeisen')).toContain('>Bodemeisen</h2>');
  });
});

describe('the contact block on the family home', () => {
  it('shows the regisseur who is also the vaste contactpersoon once, with phone, e-mail and hours', async () => {
    const html = await page('ouder', '');
    const block = html.slice(html.indexOf('id="contact-titel"'), html.indexOf('</section>', html.indexOf('id="contact-titel"')));
    expect(block.split('Prof casusregisseur').length - 1).toBe(1);
    expect(block).toContain('Heeft de regie en is jullie vaste contactpersoon');
    expect(block).toContain(`Bel ${PRO_PHONE}`);
    expect(block).toContain(`mailto:${setup.accounts.casusregisseur!.email}`);
    expect(block).toContain('Bereikbaar: maandag tot en met vrijdag, 9 tot 17 uur');
  });
});

describe('the print as a family handout', () => {
  it('puts the plan first with labelled answers, then who does what, akkoord, and the kaart and scale after', async () => {
    const html = await page('ouder', 'afdrukken');
    const at = (text: string) => {
      const i = html.indexOf(text);
      expect(i, text).toBeGreaterThan(-1);
      return i;
    };
    expect(at('Wat spreken we af?')).toBeLessThan(at('Wie doet wat'));
    expect(at('Wie doet wat')).toBeLessThan(at('Ben je het eens met het plan?'));
    expect(at('Ben je het eens met het plan?')).toBeLessThan(at('Kaart: hoe gaat het nu?'));
    expect(at('Kaart: hoe gaat het nu?')).toBeLessThan(at('Hoe veilig is het nu?'));
    for (const label of ['<dt>Wat</dt>', '<dt>Wie</dt>', '<dt>Wanneer</dt>', '<dt>Hoe weten we het</dt>', '<dt>Wat als het niet lukt</dt>']) at(label);
    expect(at(AFSPRAAK)).toBeLessThan(at('Punt bij gebeurd'));
    expect(html).toContain('Er is nog niet om akkoord gevraagd.');
    expect(html).toMatch(/Stand van [^<]+\./);
    expect(html).toContain('Er is nog geen versie bewaard.');
  });

  it('phone numbers where allowed: the family sees the professional’s, a professional also the netwerk’s; under the safety flag only the jeugdbeschermer and regisseur', async () => {
    const family = await page('ouder', 'afdrukken');
    expect(family).toContain(`tel. ${PRO_PHONE}`);
    expect(family).not.toContain(NETWERK_PHONE);
    expect(await page('jeugdbeschermer', 'afdrukken')).toContain(`tel. ${NETWERK_PHONE}`);
    server.services.db.update(cases).set({ safetyFlag: true }).where(eq(cases.id, setup.caseId)).run();
    try {
      // Issue 18 (ADR 033): under the flag family and netwerk numbers are for the jeugdbeschermer and regisseur only.
      const flagged = await page('professional', 'afdrukken');
      expect(flagged).not.toContain(NETWERK_PHONE);
      expect(flagged).toContain(`tel. ${PRO_PHONE}`);
      expect(await page('jeugdbeschermer', 'afdrukken')).toContain(`tel. ${NETWERK_PHONE}`);
    } finally {
      server.services.db.update(cases).set({ safetyFlag: false }).where(eq(cases.id, setup.caseId)).run();
    }
  });

  it('says who agreed to which version, and names the latest version', async () => {
    const { commands } = server.services;
    const as = (role: Role) => ({ caseId: setup.caseId, participantId: setup.ids[role]! });
    const { requestId } = commands.requestAcceptance(as('jeugdbeschermer'));
    commands.answerAcceptance(as('ouder'), { requestId, agreed: 'ja', comment: '' });
    commands.answerAcceptance(as('netwerklid'), { requestId, agreed: 'nee', comment: 'Nog niet' });
    const html = await page('jeugdige', 'afdrukken');
    const label = server.services.snapshots.list(setup.caseId)[0]!.label;
    expect(html).toContain(`Laatste versie: “${label}” van`);
    expect(html).toContain(`voor de versie “${label}”`);
    expect(html).toMatch(/Familie ouder: <strong>akkoord \(/);
    expect(html).toMatch(/Familie netwerklid: <strong>niet akkoord \(/);
    expect(html).toContain('Familie jeugdige: <strong>nog geen antwoord</strong>');
  });
});
