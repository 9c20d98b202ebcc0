/**
 * The regie pages over real HTTP (ADR 018): every role opens Overdracht and
 * Betrokkenen without an error; a handover note reaches professionals only
 * (family members get the plain summary); the family home says who their
 * regisseur is since when and whom to call during an absence (a
 * professional's phone); the case header shows a running overdracht and the
 * stand-in. All people are fictional.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProfessionalRole, ROLES, type Role } from '../../app/domain/caseFacts';
import { addDays } from '../../app/domain/regie';
import { users } from '../../db/schema';
import { todayIso } from '../../server/cases/regie.server';
import { createEveryRoleCase } from '../support/everyRole';
import { get, login, startTestServer, type TestServer } from '../support/testServer';

let server: TestServer;
let setup: Awaited<ReturnType<typeof createEveryRoleCase>>;
const cookies = {} as Record<Role, string>;
const NOTE = {
  situatie: 'Geheime situatieschets voor professionals.',
  openAfsprakenRisicos: 'Risico: de avonden.',
  gezinBelangrijk: 'Samen blijven wonen.',
  volgendeStappen: 'Netwerkberaad plannen.',
  familySummary: 'Vanaf nu helpt een nieuwe regisseur jullie. De afspraken blijven hetzelfde.',
};

beforeAll(async () => {
  server = await startTestServer();
  setup = await createEveryRoleCase(server.services.db, 'Gezin Pagina');
  server.services.db.update(users).set({ phone: '06 1234 5678' }).where(eq(users.id, setup.accounts.professional!.id)).run();
  for (const role of ROLES) {
    cookies[role] = isProfessionalRole(role)
      ? await login(server.url, setup.accounts[role]!.email, setup.accounts[role]!.password)
      : (await server.services.auth.createParticipantSession(setup.ids[role]!)).split(';')[0]!;
  }
});
afterAll(async () => {
  await server.stop();
});

const as = (role: Role) => ({ caseId: setup.caseId, participantId: setup.ids[role]! });
const page = async (role: Role, tab: string) => {
  const res = await get(server.url, `/casussen/${setup.caseId}/${tab}`, cookies[role]);
  return { status: res.status, html: (await res.text()).replace(/<!-- -->/g, '') };
};
const data = async (role: Role, tab: string) => {
  const res = await get(server.url, `/casussen/${setup.caseId}/${tab}?_data=${encodeURIComponent(`routes/casussen.$caseId.${tab}`)}`, cookies[role]);
  return { status: res.status, text: await res.text() };
};

describe('regie pages', () => {
  it('a running overdracht: professionals read the note, the family does not; the header points to it', async () => {
    const { commands } = server.services;
    const { overdrachtId } = commands.startOverdracht(as('jeugdbeschermer'), { toParticipantId: setup.ids.professional, ...NOTE });
    for (const role of ROLES) {
      const { status, html } = await page(role, 'overdracht');
      expect(status, role).toBe(200);
      expect(html).toContain('Overdracht van de regie');
      const loaderData = (await data(role, 'overdracht')).text;
      if (isProfessionalRole(role)) expect(loaderData, role).toContain(NOTE.situatie);
      else expect(loaderData, role).not.toContain(NOTE.situatie);
    }
    expect((await page('professional', 'overdracht')).html).toContain('Ik neem de regie over');
    expect((await page('casusregisseur', 'overdracht')).html).not.toContain('Ik neem de regie over');
    expect((await page('jeugdbeschermer', 'overdracht')).html).toContain('Stop de overdracht');
    expect((await page('jeugdbeschermer', 'kaart')).html).toContain('Overdracht loopt');
    commands.acknowledgeOverdracht(as('professional'), { overdrachtId });
    const family = await data('ouder', 'overdracht');
    expect(family.text).toContain(NOTE.familySummary);
    expect(family.text).not.toContain(NOTE.situatie);
    const home = await page('ouder', '');
    expect(home.html).toContain('Prof professional</strong> jullie regisseur');
    expect(home.html).toContain(NOTE.familySummary);
  });

  it('Betrokkenen for every role; an absence of the regisseur tells the family whom to call, with the stand-in’s phone', async () => {
    const { commands } = server.services;
    // The professional is the regisseur now (previous test); the jeugdbeschermer is away, the professional stands in.
    server.services.db.update(users).set({ phone: '06 8765 4321' }).where(eq(users.id, setup.accounts.jeugdbeschermer!.id)).run();
    commands.setHelp(as('professional'), {
      participantId: setup.ids.casusregisseur,
      task: 'Gezinscoach',
      from: '2026-09-01',
      until: addDays(todayIso(), -1),
      result: 'Rust in huis.',
    });
    commands.setAbsence(as('professional'), {
      participantId: setup.ids.professional,
      from: todayIso(),
      until: addDays(todayIso(), 7),
      standInParticipantId: setup.ids.jeugdbeschermer,
    });
    for (const role of ROLES) {
      const { status, html } = await page(role, 'betrokkenen');
      expect(status, role).toBe(200);
      if (role === 'meelezer') continue;
      expect(html, role).toContain('Wie helpt er, en sinds wanneer?');
      expect(html, role).toContain('Rust in huis.');
      expect(html, role).toContain('Bel in die tijd');
    }
    const home = await page('ouder', '');
    expect(home.html).toContain('Prof professional is afwezig tot en met');
    expect(home.html).toContain('06 8765 4321');
    expect((await page('casusregisseur', 'kaart')).html).toContain('bel Prof jeugdbeschermer (06 8765 4321)');
    // Forms to keep help and absences are for writers and for the professional themself only.
    expect((await page('ouder', 'betrokkenen')).html).not.toContain('name="intent" value="set-absence"');
    expect((await page('professional', 'betrokkenen')).html).toContain('name="intent" value="set-absence"');
  });
});
