/**
 * Staying signed in on one's own phone, over real HTTP (ADR 028): a link's
 * session lasts as long as the link (past the professionals' 12 hours) and
 * slides with use, ends at revocation; a bookmarked case page without a valid
 * session shows the way back, not the professionals' login; the device list
 * and "overal uitloggen" on Betrokkenen; and "Wie heeft ons plan bekeken?"
 * shows names of the case's people and never an address or a stranger.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personalLinks, sessions } from '../../db/schema';
import { createEveryRoleCase } from '../support/everyRole';
import { issueLinkFixture } from '../support/fixtures';
import { get, login, postForm, startTestServer, type TestServer } from '../support/testServer';

const ANDROID = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.122 Mobile Safari/537.36';
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let server: TestServer;
let c: Awaited<ReturnType<typeof createEveryRoleCase>>;
let jbCookie: string;

beforeAll(async () => {
  server = await startTestServer({ linkAttempts: { burst: 1000, perSecond: 100 } });
  c = await createEveryRoleCase(server.services.db, 'Gezin Blijft Ingelogd');
  jbCookie = await login(server.url, c.accounts.jeugdbeschermer!.email, c.accounts.jeugdbeschermer!.password);
});
afterAll(async () => {
  await server.stop();
});

const sqlite = () => server.services.database.sqlite;
/**
 * Opens a personal link as a phone would: the GET asks "Ben jij …?", the POST of "Ja, dat ben ik" signs in (ADR 037).
 * Returns the cookies it set ("a=1; b=2") and the raw Set-Cookie values.
 */
async function openLink(token: string, userAgent = ANDROID) {
  const asked = await fetch(new URL(`/l/${token}`, server.url), { headers: { 'User-Agent': userAgent }, redirect: 'manual' });
  expect(asked.status).toBe(200);
  expect(asked.headers.get('set-cookie')).toBeNull();
  const res = await postForm(server.url, `/l/${token}`, {}, { 'User-Agent': userAgent });
  expect(res.status).toBe(302);
  const setCookies = res.headers.getSetCookie();
  return { cookie: setCookies.map((s) => s.split(';')[0]).join('; '), setCookies };
}
const sessionsOf = (participantId: string) =>
  server.services.db
    .select()
    .from(sessions)
    .where(eq(sessions.participantId, participantId))
    .all()
    .filter((s) => s.endedAt === null && s.expiresAt > Date.now());
const linkOf = (id: string) => server.services.db.select().from(personalLinks).where(eq(personalLinks.id, id)).get()!;

describe('a personal link’s session', () => {
  it('lasts as long as the link, well past 12 hours, and each use slides both', async () => {
    const link = await issueLinkFixture(server.services, c.ids.ouder!);
    const { cookie, setCookies } = await openLink(link.token);
    // The browser may keep the cookie long; the hint says this browser uses a personal link.
    expect(Number(/Max-Age=(\d+)/.exec(setCookies[0]!)![1])).toBeGreaterThan(12 * 3600);
    expect(setCookies.some((s) => s.startsWith('vp_gezin=1;'))).toBe(true);
    const [session] = sessionsOf(c.ids.ouder!);
    expect(session!.expiresAt).toBe(linkOf(link.id).expiresAt);
    expect(session!.device).toBe('Chrome op Android');
    expect(session!.data).not.toContain('Pixel');

    // 13 hours later (and 20 days into a 30-day link): the case still opens, and the use slides the link by its term.
    const now = Date.now();
    sqlite()
      .prepare('update personal_links set created_at = ?, last_used_at = ?, expires_at = ? where id = ?')
      .run(now - 20 * DAY, now - 20 * DAY, now + 10 * DAY, link.id);
    sqlite()
      .prepare('update sessions set created_at = ?, last_seen_at = ?, expires_at = ? where participant_id = ? and ended_at is null')
      .run(now - 13 * HOUR, now - 13 * HOUR, now + 10 * DAY, c.ids.ouder!);
    const home = await get(server.url, `/casussen/${c.caseId}`, cookie);
    expect(home.status).toBe(200);
    const slid = linkOf(link.id);
    expect(slid.expiresAt - now).toBeGreaterThan(30 * DAY - 60_000);
    expect(slid.expiresAt - now).toBeLessThan(30 * DAY + 60_000);
    const [after] = sessionsOf(c.ids.ouder!);
    expect(after!.expiresAt).toBe(slid.expiresAt);
    expect(after!.lastSeenAt!).toBeGreaterThanOrEqual(now);

    // Revoking the link ends it at once, as before.
    server.services.commands.revokeLink({ caseId: c.caseId, participantId: c.ids.jeugdbeschermer! }, { participantId: c.ids.ouder });
    const ended = await get(server.url, `/casussen/${c.caseId}`, cookie);
    expect(ended.headers.get('location')).toBe('/toegang-beeindigd');
  });

  it('ends with its link when the link was not used for its term: the bookmarked page shows the way back, not the login', async () => {
    const link = await issueLinkFixture(server.services, c.ids.netwerklid!);
    const { cookie } = await openLink(link.token);
    const past = Date.now() - 1;
    sqlite().prepare('update personal_links set expires_at = ? where id = ?').run(past, link.id);
    sqlite().prepare('update sessions set expires_at = ? where participant_id = ?').run(past, c.ids.netwerklid!);
    const page = `/casussen/${c.caseId}/kaart`;
    const res = await get(server.url, page, cookie);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/weer-openen?redirectTo=${encodeURIComponent(page)}`);
    const wayBack = await get(server.url, res.headers.get('location')!, cookie);
    expect(wayBack.status).toBe(401);
    const html = await wayBack.text();
    expect(html).toContain('Open je persoonlijke link opnieuw (uit je e-mail of sms), of vraag je hulpverlener om een nieuwe link.');
    expect(html).toContain(`href="/login?redirectTo=${encodeURIComponent(page)}"`);
    expect(html).toContain('Ik ben hulpverlener: inloggen');
    expect(html).not.toContain('Gezin Blijft Ingelogd');
    // Its cookie alone (without the hint) is a family session too: the same way back. No cookie at all: the same.
    const sessionOnly = cookie.split('; ').find((p) => p.startsWith('vp_session='))!;
    expect((await get(server.url, page, sessionOnly)).headers.get('location')).toMatch(/^\/weer-openen\?/);
    expect((await get(server.url, page)).headers.get('location')).toMatch(/^\/weer-openen\?/);
  });

  it('sends a professional whose session expired to the login, as before', async () => {
    const cookie = await login(server.url, c.accounts.professional!.email, c.accounts.professional!.password);
    sqlite()
      .prepare('update sessions set expires_at = ? where user_id = ?')
      .run(Date.now() - 1, c.accounts.professional!.id);
    const res = await get(server.url, `/casussen/${c.caseId}/kaart`, cookie);
    expect(res.headers.get('location')).toBe(`/login?redirectTo=${encodeURIComponent(`/casussen/${c.caseId}/kaart`)}`);
  });

  it('signed in again (another tab), the way-back page sends straight on', async () => {
    const link = await issueLinkFixture(server.services, c.ids.netwerklid!);
    const { cookie } = await openLink(link.token);
    const res = await get(server.url, `/weer-openen?redirectTo=${encodeURIComponent(`/casussen/${c.caseId}`)}`, cookie);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/casussen/${c.caseId}`);
  });
});

describe('devices and overal uitloggen on Betrokkenen', () => {
  it('lists a family member’s devices by label and last use; signing them out everywhere keeps their link working', async () => {
    const link = await issueLinkFixture(server.services, c.ids.jeugdige!);
    const phone = await openLink(link.token, IPHONE);
    const laptop = await openLink(link.token, ANDROID);
    const page = (await (await get(server.url, `/casussen/${c.caseId}/betrokkenen`, jbCookie)).text()).replace(/<!-- -->/g, '');
    expect(page).toContain('Safari op iPhone');
    expect(page).toContain('Chrome op Android');
    expect(page).toContain('Overal uitloggen: Familie jeugdige');
    expect(page).not.toContain('iPhone OS 17_5');
    expect(page).not.toContain('Pixel 8');

    const res = await postForm(
      server.url,
      `/casussen/${c.caseId}/betrokkenen`,
      { intent: 'end-sessions', participantId: c.ids.jeugdige! },
      { Cookie: jbCookie },
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Familie jeugdige is op alle apparaten uitgelogd. De link blijft werken.');
    for (const device of [phone, laptop])
      expect((await get(server.url, `/casussen/${c.caseId}`, device.cookie)).headers.get('location')).toMatch(/^\/weer-openen\?/);
    expect(sessionsOf(c.ids.jeugdige!)).toEqual([]);
    // The link opens the plan again.
    const again = await openLink(link.token, IPHONE);
    expect((await get(server.url, `/casussen/${c.caseId}`, again.cookie)).status).toBe(200);
  });

  it('is refused in Dutch to a professional who does not manage participants, and shows no devices to them', async () => {
    const cookie = await login(server.url, c.accounts.professional!.email, c.accounts.professional!.password);
    const page = await (await get(server.url, `/casussen/${c.caseId}/betrokkenen`, cookie)).text();
    expect(page).not.toContain('Overal uitloggen');
    const res = await postForm(server.url, `/casussen/${c.caseId}/betrokkenen`, { intent: 'end-sessions', participantId: c.ids.ouder! }, { Cookie: cookie });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Alleen de jeugdbeschermer of casusregisseur kan iemand overal uitloggen.');
  });
});

describe('Wie heeft ons plan bekeken?', () => {
  it('shows the family, per day, who of the case viewed or changed the plan — names and roles, never an address or a stranger', async () => {
    const link = await issueLinkFixture(server.services, c.ids.ouder!);
    const parent = await openLink(link.token);
    expect((await get(server.url, `/casussen/${c.caseId}/kaart`, jbCookie)).status).toBe(200);
    server.services.commands.saveScaleScore({ caseId: c.caseId, participantId: c.ids.casusregisseur! }, { score: '6', explanation: 'Het gaat beter.' });
    // A stranger is refused (and that refusal is on record, not on this page).
    const stranger = await login(server.url, c.elsewhere.email, c.elsewhere.password);
    expect((await get(server.url, `/casussen/${c.caseId}/kaart`, stranger)).status).toBe(404);

    const home = await (await get(server.url, `/casussen/${c.caseId}`, parent.cookie)).text();
    expect(home).toContain(`href="/casussen/${c.caseId}/bekeken"`);
    const res = await get(server.url, `/casussen/${c.caseId}/bekeken`, parent.cookie);
    expect(res.status).toBe(200);
    const html = (await res.text()).replace(/<!-- -->/g, '');
    expect(html).toContain('Wie heeft ons plan bekeken?');
    expect(html).toMatch(/Prof jeugdbeschermer \(jeugdbeschermer\) heeft het plan (\d+ keer )?bekeken/);
    expect(html).toContain('Prof casusregisseur (regisseur) heeft een cijfer gegeven');
    expect(html).toMatch(/Jij hebt het plan (\d+ keer )?bekeken/);
    expect(html).not.toContain('Prof elders');
    expect(html).not.toMatch(/127\.0\.0\.1|::1|::ffff|Chrome op|Mozilla/);
    const body = html.slice(html.indexOf('Wie heeft ons plan bekeken?'));
    expect(body).not.toContain('geweigerd');
  });

  it('is not for netwerk members or the meelezer (404), and not linked on their home', async () => {
    const link = await issueLinkFixture(server.services, c.ids.netwerklid!);
    const netwerk = await openLink(link.token);
    expect((await get(server.url, `/casussen/${c.caseId}/bekeken`, netwerk.cookie)).status).toBe(404);
    expect(await (await get(server.url, `/casussen/${c.caseId}`, netwerk.cookie)).text()).not.toContain('/bekeken"');
    const meelezer = await login(server.url, c.accounts.meelezer!.email, c.accounts.meelezer!.password);
    expect((await get(server.url, `/casussen/${c.caseId}/bekeken`, meelezer)).status).toBe(404);
  });
});
