/**
 * Beheer over HTTP (issue 18, ADR 031): who may open the beheer pages; an
 * invitation from the team page to a first login (the GET of the link makes
 * no session, a used link is refused); deactivation ends the person's
 * sessions and closes their live WebSocket at once; and the case whose
 * regisseur was deactivated shows "Regie vacant" to the beheerder and on the
 * overviews of the other professionals in it.
 */
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '../../db/schema';
import { createProfessional } from '../../server/users/users.server';
import { createEveryRoleCase, type Account } from '../support/everyRole';
import { PASSWORD } from '../support/fixtures';
import { connectClient, waitFor, waitSynced } from '../support/syncClient';
import { get, login, postForm, startTestServer, type TestServer } from '../support/testServer';

let server: TestServer;
let caseId: string;
let accounts: Partial<Record<string, Account>>;
let ids: Record<string, string>;
let bossCookie: string;

const sessionCount = () => server.services.db.select({ n: count() }).from(sessions).get()!.n;
const teamAction = (fields: Record<string, string>, cookie = bossCookie) =>
  postForm(server.url, '/beheer?index&_data=routes%2Fbeheer._index', fields, { Cookie: cookie });

beforeAll(async () => {
  server = await startTestServer({ sync: { upgradesPerSecond: 0 } });
  ({ caseId, accounts, ids } = await createEveryRoleCase(server.services.db, 'Gezin Beheer'));
  await createProfessional(server.services.db, {
    email: 'femke@beheer.test',
    name: 'Femke de Boer',
    organisation: 'GI Testregio',
    password: PASSWORD,
    isBeheerder: true,
  });
  bossCookie = await login(server.url, 'femke@beheer.test', PASSWORD);
});
afterAll(async () => {
  await server.stop();
});

describe('who may open beheer', () => {
  it('a beheerder sees the team and the settings; the header links to Beheer', async () => {
    const team = await get(server.url, '/beheer', bossCookie);
    expect(team.status).toBe(200);
    const html = await team.text();
    expect(html).toContain('Professional uitnodigen');
    expect(html).toContain('href="/beheer"');
    const settings = await get(server.url, '/beheer/instellingen', bossCookie);
    expect(settings.status).toBe(200);
    expect(await settings.text()).toContain('Bewaartermijn');
  });

  it('another professional gets 403 (page and action), a family session its case, nobody the login', async () => {
    const cookie = await login(server.url, accounts.jeugdbeschermer!.email, PASSWORD);
    const page = await get(server.url, '/beheer', cookie);
    expect(page.status).toBe(403);
    expect(await page.text()).not.toContain('href="/beheer"');
    expect((await teamAction({ intent: 'invite', name: 'X', email: 'x@x.nl' }, cookie)).status).toBe(403);
    expect((await postForm(server.url, '/beheer/instellingen', { intent: 'save-settings', retentionMonths: '1' }, { Cookie: cookie })).status).toBe(403);
    const family = (await server.services.auth.createParticipantSession(ids.ouder!)).split(';')[0]!;
    const familyPage = await get(server.url, '/beheer', family);
    expect(familyPage.status).toBe(302);
    expect(familyPage.headers.get('location')).toBe(`/casussen/${caseId}`);
    const anonymous = await get(server.url, '/beheer/instellingen');
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toMatch(/^\/login/);
  });
});

describe('an invitation, from the team page to the first login', () => {
  it('shows the link once; its GET makes no session; setting the password leads to login; the link works once', async () => {
    const res = await teamAction({ intent: 'invite', name: 'Nadia Nieuw', email: 'nadia@beheer.test', phone: '' });
    expect(res.status).toBe(200);
    const { invitation } = (await res.json()) as { invitation: { url: string } };
    const path = new URL(invitation.url).pathname;
    expect(path).toMatch(/^\/account\/[A-Za-z0-9_-]{43}$/);

    const before = sessionCount();
    const page = await get(server.url, path);
    expect(page.status).toBe(200);
    expect(page.headers.get('set-cookie')).toBeNull();
    expect(page.headers.get('cache-control')).toContain('no-store');
    expect(await page.text()).toContain('Kies je wachtwoord');
    expect(sessionCount()).toBe(before);

    const set = await postForm(server.url, path, { password: 'nadia kiest een zin', repeat: 'nadia kiest een zin' });
    expect(set.status).toBe(302);
    expect(set.headers.get('location')).toBe('/login');
    expect(set.headers.get('set-cookie')).toBeNull();
    expect(await login(server.url, 'nadia@beheer.test', 'nadia kiest een zin')).toMatch(/^vp_session=/);

    const reused = await postForm(server.url, path, { password: 'iemand anders zin', repeat: 'iemand anders zin' });
    expect(reused.status).toBe(404);
    expect(await reused.text()).toContain('Deze link werkt niet');
    const again = await get(server.url, path);
    expect(await again.text()).toContain('Deze link werkt niet');
    await expect(login(server.url, 'nadia@beheer.test', 'iemand anders zin')).rejects.toThrow();
  });

  it('an unknown link gets the same page as a used one', async () => {
    const page = await get(server.url, `/account/${'b'.repeat(43)}`);
    expect(await page.text()).toContain('Deze link werkt niet');
  });
});

describe('deactivating the casusregisseur', () => {
  it('ends their sessions, closes their live connection at once, and leaves regie vacant for the others', async () => {
    const regisseur = accounts.casusregisseur!;
    const cookie = await login(server.url, regisseur.email, PASSWORD);
    const client = connectClient(server.url, cookie, `${caseId}/kaart`);
    try {
      await waitSynced(client);
      const res = await teamAction({ intent: 'deactivate', userId: regisseur.id });
      expect(res.status).toBe(200);
      await waitFor(() => client.closeCodes.length > 0, 5000, 'socket closed');
    } finally {
      client.destroy();
    }
    expect(server.services.db.select({ n: count() }).from(sessions).where(eq(sessions.userId, regisseur.id)).get()!.n).toBe(0);
    const after = await get(server.url, '/overzicht', cookie);
    expect(after.status).toBe(302);
    expect(after.headers.get('location')).toMatch(/^\/login/);
    await expect(login(server.url, regisseur.email, PASSWORD)).rejects.toThrow();

    const other = await login(server.url, accounts.jeugdbeschermer!.email, PASSWORD);
    const overzicht = await (await get(server.url, '/overzicht', other)).text();
    expect(overzicht).toContain('Regie vacant');
    expect(overzicht).toContain('Prof casusregisseur');
    const caseOverview = await (await get(server.url, `/casussen/${caseId}/overzicht`, other)).text();
    expect(caseOverview).toContain('Regie vacant');

    const team = await (await get(server.url, '/beheer', bossCookie)).text();
    expect(team).toContain('Regie vacant');
    expect(team).toContain('Gezin Beheer');
    expect(team).not.toContain('Familie ouder');

    // Reactivated: nothing vacant any more.
    expect((await teamAction({ intent: 'reactivate', userId: regisseur.id })).status).toBe(200);
    expect(await (await get(server.url, '/overzicht', other)).text()).not.toContain('Regie vacant');
  });

  it('refuses an unknown account, in Dutch', async () => {
    const res = await teamAction({ intent: 'deactivate', userId: 'onbekend-id' });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toContain('bestaat niet');
  });
});
