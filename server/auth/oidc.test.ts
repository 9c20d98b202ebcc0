/**
 * OpenID Connect sign-in (ADR 032) against a REAL provider: oidc-provider 8,
 * started in this test on an ephemeral port with one client and in-memory
 * accounts. The browser is played with fetch, following redirects by hand
 * and keeping cookies per site. Covered: an account found once by its
 * verified e-mail (then linked by subject) and later by subject; no account
 * is ever created; a deactivated account and an unverified e-mail are
 * refused; a provider sign-in without MFA still owes the account's second
 * step; a callback without a started sign-in (no state) is refused.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, users } from '../../db/schema';
import { createCaseFixture, createProfessionalFixture } from '../../tests/support/fixtures';
import { get, startTestServer, type TestServer } from '../../tests/support/testServer';
import { currentTotpCode, newTotpSecret } from './totp.server';

let server: TestServer;
let idp: Server;
let issuer: string;
const accounts = new Map<string, { email: string; email_verified: boolean }>();
const ENV = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;

beforeAll(async () => {
  const box: { provider?: Provider } = {};
  idp = createServer((req, res) => box.provider!.callback()(req, res));
  await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
  Object.assign(process.env, { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: 'veiligplan', OIDC_CLIENT_SECRET: 'test-geheim-niet-voor-productie' });
  server = await startTestServer();
  for (const key of ENV) delete process.env[key];
  box.provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'veiligplan',
        client_secret: 'test-geheim-niet-voor-productie',
        redirect_uris: [new URL('/login/oidc/terug', server.url).href],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    cookies: { keys: ['test-cookie-key'] },
    async findAccount(_ctx, sub) {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...account }) };
    },
  });
});
afterAll(async () => {
  await server?.stop();
  await new Promise((resolve) => idp?.close(resolve));
});

/** A tiny browser: cookies per origin, redirects followed by hand. */
function browser() {
  const jars = new Map<string, Map<string, string>>();
  const jar = (url: URL) => jars.get(url.origin) ?? jars.set(url.origin, new Map()).get(url.origin)!;
  async function request(url: URL, init: { method?: string; body?: URLSearchParams } = {}) {
    const cookies = [...jar(url)].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, {
      method: init.method ?? 'GET',
      body: init.body,
      redirect: 'manual',
      headers: { ...(cookies ? { Cookie: cookies } : {}), ...(init.body ? { Origin: url.origin } : {}) },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const [name, ...rest] = pair!.split('=');
      const expired = attrs.some((a) => /max-age=0\b/i.test(a.trim()) || /expires=thu, 01 jan 1970/i.test(a.trim()));
      if (expired) jar(url).delete(name!.trim());
      else jar(url).set(name!.trim(), rest.join('='));
    }
    return res;
  }
  /** Follows redirects until a page that is not a redirect, or one on `stopAt`'s path. */
  async function follow(start: URL, init?: { method?: string; body?: URLSearchParams }, stopAt?: RegExp) {
    let url = start;
    let res = await request(url, init);
    while (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get('location')!, url);
      if (stopAt?.test(url.pathname)) return { url, res };
      res = await request(url);
    }
    return { url, res };
  }
  const veiligplanCookie = () => [...jar(new URL(server.url))].map(([k, v]) => `${k}=${v}`).join('; ');
  return { request, follow, veiligplanCookie };
}

/** Clicks "Inloggen via je organisatie", signs in at the provider as `sub` and gives consent; returns where Veiligplan sent us. */
async function signInAt(sub: string) {
  const b = browser();
  let { url, res } = await b.follow(new URL('/login/oidc', server.url));
  for (let round = 0; round < 3 && url.pathname.startsWith('/interaction/'); round++) {
    const html = await res.text();
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1] ?? (html.includes('name="login"') ? 'login' : 'consent');
    const body = new URLSearchParams(prompt === 'login' ? { prompt, login: sub, password: 'x' } : { prompt });
    ({ url, res } = await b.follow(url, { method: 'POST', body }, /^\/(login|overzicht|account)/));
    if (url.origin === new URL(server.url).origin) break;
  }
  expect(url.origin).toBe(new URL(server.url).origin);
  // Veiligplan's callback itself (the code grant happens here).
  const back = await b.request(url);
  return { b, back, location: back.headers.get('location') ?? '' };
}

describe('Inloggen via je organisatie (OpenID Connect)', () => {
  it('shows the button only when a provider is configured', async () => {
    expect(await (await get(server.url, '/login')).text()).toContain('Inloggen via je organisatie');
  });

  it('finds an account once by verified e-mail, links the subject, and signs in (no MFA claimed: no second step owed here)', async () => {
    const a = await createProfessionalFixture(server.services.db, 'Olga Organisatie');
    const c = createCaseFixture(server.services.db, a.id, 'Gezin Koppeling');
    accounts.set('sub-olga', { email: a.email.toUpperCase(), email_verified: true });
    const { b, location } = await signInAt('sub-olga');
    expect(location).toBe('/overzicht');
    expect(server.services.db.select().from(users).where(eq(users.id, a.id)).get()!.oidcSubject).toBe('sub-olga');
    const casePage = await get(server.url, `/casussen/${c.caseId}`, b.veiligplanCookie());
    // Signed in: the case opens (a professional may be sent on to the case's Overzicht).
    expect(casePage.status === 200 || casePage.headers.get('location') === `/casussen/${c.caseId}/overzicht`).toBe(true);
    // Later the subject decides, even when the e-mail at the provider changed.
    accounts.set('sub-olga', { email: 'ander-adres@example.nl', email_verified: false });
    expect((await signInAt('sub-olga')).location).toBe('/overzicht');
    const logins = server.services.db.select().from(auditLog).where(eq(auditLog.actorUserId, a.id)).all();
    expect(logins.filter((r) => r.type === 'login' && r.detail?.includes('oidc'))).toHaveLength(2);
  });

  it('never creates an account; refuses an unverified e-mail and a deactivated account', async () => {
    const before = server.services.db.select().from(users).all().length;
    accounts.set('sub-onbekend', { email: 'niemand@example.nl', email_verified: true });
    expect((await signInAt('sub-onbekend')).location).toBe('/login?oidc=onbekend');
    const u = await createProfessionalFixture(server.services.db, 'Ursula Onbevestigd');
    accounts.set('sub-ursula', { email: u.email, email_verified: false });
    expect((await signInAt('sub-ursula')).location).toBe('/login?oidc=onbekend');
    expect(server.services.db.select().from(users).where(eq(users.id, u.id)).get()!.oidcSubject).toBeNull();
    const d = await createProfessionalFixture(server.services.db, 'Daan Uitgezet');
    server.services.db.update(users).set({ deactivatedAt: Date.now() }).where(eq(users.id, d.id)).run();
    accounts.set('sub-daan', { email: d.email, email_verified: true });
    const refused = await signInAt('sub-daan');
    expect(refused.location).toBe('/login?oidc=uit');
    expect((await get(server.url, '/overzicht', refused.b.veiligplanCookie())).status).toBe(302);
    expect(server.services.db.select().from(users).all().length).toBe(before + 2);
  });

  it("a provider sign-in without MFA still owes the account's own second step", async () => {
    const t = await createProfessionalFixture(server.services.db, 'Tess Totp');
    const secret = newTotpSecret();
    await server.services.commands.enableSecondFactor({ userId: t.id }, { code: currentTotpCode(secret) }, secret);
    accounts.set('sub-tess', { email: t.email, email_verified: true });
    const { b, location } = await signInAt('sub-tess');
    expect(location).toBe('/login/tweede-stap');
    expect((await get(server.url, '/overzicht', b.veiligplanCookie())).status).toBe(302);
  });

  it('refuses a callback that was not started here (no state cookie)', async () => {
    const res = await get(server.url, '/login/oidc/terug?code=abc&state=xyz');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/login?oidc=mislukt');
  });
});
