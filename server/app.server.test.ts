/**
 * Integration tests of the HTTP side: the real server on an ephemeral port,
 * a real SQLite file in a temp directory, the real Remix build.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '../db/schema';
import { LOGIN_MESSAGES_FOR_TESTS } from '../tests/support/messages';
import { createCaseFixture, createProfessionalFixture } from '../tests/support/fixtures';
import { get, login, postForm, startTestServer, type TestServer } from '../tests/support/testServer';

let server: TestServer;
let alice: Awaited<ReturnType<typeof createProfessionalFixture>>;
let bob: Awaited<ReturnType<typeof createProfessionalFixture>>;
let aliceCaseId: string;
let bobCaseId: string;

beforeAll(async () => {
  server = await startTestServer();
  alice = await createProfessionalFixture(server.services.db, 'Alice Jeugdbeschermer');
  bob = await createProfessionalFixture(server.services.db, 'Bob Casusregisseur');
  aliceCaseId = createCaseFixture(server.services.db, alice.id, 'Gezin Van Alice').caseId;
  bobCaseId = createCaseFixture(server.services.db, bob.id, 'Gezin Van Bob').caseId;
});
afterAll(() => server.stop());

describe('GET /healthz', () => {
  it('answers 200 {"ok":true} while the database answers', async () => {
    const res = await get(server.url, '/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });
});

describe('login', () => {
  it('signs in with the right password and sets a safe session cookie', async () => {
    const res = await postForm(server.url, '/login', { email: alice.email.toUpperCase(), password: alice.password });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/overzicht');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^vp_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/i); // plain http here; PUBLIC_URL=https://… makes it Secure
    const list = await get(server.url, '/casussen', cookie.split(';')[0]);
    const html = await list.text();
    expect(html).toContain('Gezin Van Alice');
    expect(html).not.toContain('Gezin Van Bob');
  });

  it('stores only a hash of the session id', async () => {
    const cookie = await login(server.url, alice.email, alice.password);
    const rows = server.services.db.select().from(sessions).where(eq(sessions.userId, alice.id)).all();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(cookie).not.toContain(row.idHash);
  });

  it('gives the same Dutch message for a wrong password and an unknown e-mail', async () => {
    const wrongPassword = await postForm(server.url, '/login', { email: bob.email, password: 'fout' });
    const unknownEmail = await postForm(server.url, '/login', { email: 'niemand@test.veiligplan.nl', password: 'fout' });
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(await wrongPassword.text()).toContain(LOGIN_MESSAGES_FOR_TESTS.invalid);
    expect(await unknownEmail.text()).toContain(LOGIN_MESSAGES_FOR_TESTS.invalid);
    expect(wrongPassword.headers.get('set-cookie')).toBeNull();
  });

  it('asks for both fields when one is empty', async () => {
    const res = await postForm(server.url, '/login', { email: '', password: '' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(LOGIN_MESSAGES_FOR_TESTS.missing);
  });

  it('answers a body that is not a form with a Dutch 400, not an error page', async () => {
    const origin = new URL(server.url).origin;
    for (const [type, body] of [
      ['application/json', JSON.stringify({ email: bob.email, password: bob.password })],
      ['multipart/form-data; boundary=kapot', '--kapot\r\nContent-Disposition: form-data; name="email"\r\n\r\nhalf'],
    ]) {
      const res = await fetch(new URL('/login?_data=routes%2Flogin', server.url), { method: 'POST', headers: { 'Content-Type': type!, Origin: origin }, body });
      expect(res.status).toBe(400);
      const text = await res.text();
      expect(text).toContain('Dit formulier kon niet worden gelezen');
      expect(text).not.toMatch(/\bat .*\(|node_modules/);
    }
  });

  it('does not redirect to another site after login', async () => {
    const res = await postForm(server.url, '/login', { email: bob.email, password: bob.password, redirectTo: '//evil.example/x' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/overzicht');
  });
});

describe('cases', () => {
  it('shows the way back to the plan when not signed in (no cookie: maybe a family member), with the login one click away (ADR 028)', async () => {
    const res = await get(server.url, `/casussen/${aliceCaseId}/kaart`);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/weer-openen?redirectTo=${encodeURIComponent(`/casussen/${aliceCaseId}/kaart`)}`);
  });

  it("answers a Dutch 404 for someone else's case, the same as for a case that does not exist", async () => {
    const cookie = await loginFresh('Dirk Buitenstaander');
    const foreign = await get(server.url, `/casussen/${bobCaseId}`, cookie);
    const missing = await get(server.url, '/casussen/00000000-0000-0000-0000-000000000000', cookie);
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    const foreignHtml = await foreign.text();
    expect(foreignHtml).toContain('Pagina niet gevonden');
    expect(foreignHtml).not.toContain('Gezin Van Bob');
    // Same answer for every tab of the case, including the data request Remix makes on client navigation.
    for (const tab of ['kaart', 'veiligheidsplan', 'bodemeisen', 'versies', 'betrokkenen']) {
      expect((await get(server.url, `/casussen/${bobCaseId}/${tab}`, cookie)).status).toBe(404);
    }
    const data = await get(server.url, `/casussen/${bobCaseId}/betrokkenen?_data=routes%2Fcasussen.%24caseId.betrokkenen`, cookie);
    expect(data.status).toBe(404);
    expect(await data.text()).not.toContain('Eva Testmans');
  });

  it('shows a participant their case with its facts and participants', async () => {
    const cookie = await login(server.url, alice.email, alice.password);
    const res = await get(server.url, `/casussen/${aliceCaseId}/betrokkenen`, cookie);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Gezin Van Alice');
    expect(html).toContain('Noor (2016)');
    expect(html).toContain('Eva Testmans');
    expect(html).toContain('15 januari 2027');
  });
});

describe('unknown routes', () => {
  it('answer a Dutch 404 page', async () => {
    const res = await get(server.url, '/dit/bestaat/niet');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Pagina niet gevonden');
  });

  it('answer an address that cannot be decoded with a plain Dutch 400, without a stack', async () => {
    for (const path of ['/%E0%A4%A', '/casussen/%E0%A4%A']) {
      const res = await get(server.url, path);
      expect(res.status).toBe(400);
      const text = await res.text();
      expect(text).toBe('Dit adres of verzoek klopt niet.');
    }
  });

  it('never sends error stacks to the browser', async () => {
    const res = await get(server.url, '/casussen?_data=routes%2Fbestaat-niet');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(await res.text()).not.toMatch(/"stack"|node_modules/);
  });
});

describe('security headers', () => {
  it('sends a nonce-based CSP without unsafe-inline scripts, and the other headers', async () => {
    const res = await get(server.url, '/login');
    const csp = res.headers.get('content-security-policy')!;
    const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src'))!;
    expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
    expect(scriptSrc).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');

    const nonce = /'nonce-([^']+)'/.exec(scriptSrc)![1];
    const html = await res.text();
    const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)];
    expect(inlineScripts.length).toBeGreaterThan(0);
    for (const [, attrs] of inlineScripts) expect(attrs).toContain(`nonce="${nonce}"`);
    // No resource from another host.
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\/(?!localhost)/);
  });

  it('uses a fresh nonce for every response', async () => {
    const a = (await get(server.url, '/login')).headers.get('content-security-policy');
    const b = (await get(server.url, '/login')).headers.get('content-security-policy');
    expect(a).not.toBe(b);
  });
});

describe('cross-site requests', () => {
  it('refuses a POST from another origin with a Dutch page', async () => {
    const res = await postForm(server.url, '/login', { email: alice.email, password: alice.password }, { Origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Verzoek geweigerd');
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('refuses a POST that a browser marks as cross-site', async () => {
    const res = await fetch(new URL('/logout', server.url), {
      method: 'POST',
      headers: { 'Sec-Fetch-Site': 'cross-site' },
      redirect: 'manual',
    });
    expect(res.status).toBe(403);
  });
});

describe('sessions', () => {
  it('ends with logout: the old cookie no longer works', async () => {
    const cookie = await login(server.url, alice.email, alice.password);
    expect((await get(server.url, '/casussen', cookie)).status).toBe(200);
    const out = await fetch(new URL('/logout', server.url), { method: 'POST', headers: { Cookie: cookie, Origin: server.url }, redirect: 'manual' });
    expect(out.status).toBe(302);
    expect(out.headers.get('set-cookie')).toMatch(/vp_session=;/);
    expect((await get(server.url, '/casussen', cookie)).status).toBe(302);
  });

  it('expires: a session past its expiry time is not accepted', async () => {
    const cookie = await login(server.url, alice.email, alice.password);
    server.services.db
      .update(sessions)
      .set({ expiresAt: Date.now() - 1000 })
      .where(eq(sessions.userId, alice.id))
      .run();
    const res = await get(server.url, '/casussen', cookie);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toMatch(/^\/login/);
  });

  it('rejects a tampered cookie', async () => {
    const cookie = await login(server.url, alice.email, alice.password);
    const tampered = cookie.slice(0, -3) + (cookie.endsWith('A') ? 'BBB' : 'AAA');
    expect((await get(server.url, '/casussen', tampered)).status).toBe(302);
  });
});

async function loginFresh(name: string): Promise<string> {
  const p = await createProfessionalFixture(server.services.db, name);
  return login(server.url, p.email, p.password);
}
