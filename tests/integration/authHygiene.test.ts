/**
 * Auth hygiene over real HTTP (issue 18 point 7, ADR 037): redirect targets
 * after login, `Cache-Control: no-store` on signed-in answers, a personal
 * link that only signs in with a POST (a GET writes nothing and starts no
 * session; a signed-in professional is told before being replaced), and the
 * upgrade limiter keyed on the trusted client address.
 */
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, participants, personalLinks, sessions } from '../../db/schema';
import { createEveryRoleCase } from '../support/everyRole';
import { issueLinkFixture } from '../support/fixtures';
import { rawSocket } from '../support/syncClient';
import { get, login, postForm, startTestServer, type TestServer } from '../support/testServer';

let server: TestServer;
let c: Awaited<ReturnType<typeof createEveryRoleCase>>;
let jbCookie: string;

beforeAll(async () => {
  server = await startTestServer({ linkAttempts: { burst: 1000, perSecond: 100 }, trustProxy: true, sync: { upgradeBurst: 2, upgradesPerSecond: 0.01 } });
  c = await createEveryRoleCase(server.services.db, 'Gezin Hygiëne');
  jbCookie = await login(server.url, c.accounts.jeugdbeschermer!.email, c.accounts.jeugdbeschermer!.password);
});
afterAll(async () => {
  await server.stop();
});

const rows = (table: typeof auditLog | typeof sessions) => server.services.db.select({ n: count() }).from(table).get()!.n;
const nameOf = (participantId: string) => server.services.db.select().from(participants).where(eq(participants.id, participantId)).get()!.name!;
const cookieOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((s) => s.split(';')[0])
    .join('; ');

describe('redirect after login', () => {
  it.each(['/\t/evil.example', '/\n/evil.example', '//evil.example', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)'])(
    'never leaves the site for %j, and never fails',
    async (target) => {
      const res = await postForm(server.url, '/login', {
        email: c.accounts.casusregisseur!.email,
        password: c.accounts.casusregisseur!.password,
        redirectTo: target,
      });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe('/overzicht');
    },
  );

  it('a control character in the way back gives no 500', async () => {
    const res = await get(server.url, '/weer-openen?redirectTo=%2F%0A%2Fevil.example', jbCookie);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/');
  });
});

describe('Cache-Control on signed-in answers', () => {
  it.each(['/overzicht', '/overzicht?_data=routes%2Foverzicht', `/casussen/${'x'}`, '/'])('%s is no-store', async (path) => {
    const res = await get(server.url, path, jbCookie);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('also a page of a case and its data request', async () => {
    for (const path of [`/casussen/${c.caseId}/kaart`, `/casussen/${c.caseId}/kaart?_data=routes%2Fcasussen.%24caseId.kaart`]) {
      const res = await get(server.url, path, jbCookie);
      expect(res.status).toBeLessThan(500);
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });
});

describe('opening a personal link', () => {
  it('a GET asks "Ben jij …?", starts no session and writes nothing (link-preview bots)', async () => {
    const link = await issueLinkFixture(server.services, c.ids.ouder!);
    const before = { audit: rows(auditLog), sessions: rows(sessions) };
    const res = await fetch(new URL(`/l/${link.token}`, server.url), { headers: { 'User-Agent': 'WhatsApp/2.23 A' }, redirect: 'manual' });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBeNull();
    const html = await res.text();
    expect(html).toContain(`Ben jij ${nameOf(c.ids.ouder!)}?`);
    expect(html).toContain('Ja, dat ben ik');
    expect({ audit: rows(auditLog), sessions: rows(sessions) }).toEqual(before);
    expect(server.services.db.select().from(personalLinks).where(eq(personalLinks.id, link.id)).get()!.lastUsedAt).toBeNull();
  });

  it('the POST of "Ja, dat ben ik" starts the session and goes to the case', async () => {
    const link = await issueLinkFixture(server.services, c.ids.netwerklid!);
    const res = await postForm(server.url, `/l/${link.token}`, {});
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/casussen/${c.caseId}`);
    expect((await get(server.url, `/casussen/${c.caseId}`, cookieOf(res))).status).toBe(200);
  });

  it('a link with a code asks the code in the same form', async () => {
    const link = await issueLinkFixture(server.services, c.ids.jeugdige!, true);
    const html = await (await get(server.url, `/l/${link.token}`)).text();
    expect(html).toContain(`Ben jij ${nameOf(c.ids.jeugdige!)}?`);
    expect(html).toContain('name="code"');
    expect((await postForm(server.url, `/l/${link.token}`, { code: link.code! })).status).toBe(302);
  });

  it('tells a signed-in professional they will be signed out, and only the POST replaces their session', async () => {
    const link = await issueLinkFixture(server.services, c.ids.ouder!);
    const asked = await get(server.url, `/l/${link.token}`, jbCookie);
    expect(asked.status).toBe(200);
    expect(asked.headers.get('set-cookie')).toBeNull();
    const html = await asked.text();
    expect(html).toContain(`Je bent ingelogd als ${c.accounts.jeugdbeschermer!.name}`);
    expect(html).toContain('word je uitgelogd');
    // Still signed in as the professional after the GET.
    expect((await get(server.url, '/overzicht', jbCookie)).status).toBe(200);

    const ownCookie = await login(server.url, c.accounts.jeugdbeschermer!.email, c.accounts.jeugdbeschermer!.password);
    const opened = await postForm(server.url, `/l/${link.token}`, {}, { Cookie: ownCookie });
    expect(opened.status).toBe(302);
    // The professional's session is over, not silently kept next to the new one.
    expect((await get(server.url, '/overzicht', ownCookie)).status).toBe(302);
  });
});

describe('the WebSocket upgrade limiter behind a trusted proxy', () => {
  it('gives each forwarded client address its own budget', async () => {
    const origin = new URL(server.url).origin;
    const status = (ip: string) =>
      rawSocket(server.url, `/sync/${c.caseId}/kaart`, { Origin: origin, 'X-Forwarded-For': ip }).then(
        (ws) => {
          ws.close();
          return 101;
        },
        (error: { status?: number }) => error.status,
      );
    expect(await status('198.51.100.1')).toBe(401);
    expect(await status('198.51.100.1')).toBe(401);
    expect(await status('198.51.100.1')).toBe(429);
    expect(await status('198.51.100.2')).toBe(401);
  });
});
