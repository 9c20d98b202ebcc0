/**
 * The second factor (ADR 032) against the real server: the commands
 * (enableSecondFactor, resetSecondFactor: happy path, NotAllowed, bad input,
 * NotFound, atomicity), the HTTP flow password → second step → case page,
 * recovery codes that work once, and that a half-signed-in session cannot
 * skip the second step: case pages, page data (`?_data=`) and the sync
 * WebSocket all refuse it — also when the organisation requires a second
 * factor that is not set up yet. Last, wrong codes are throttled.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, organisations, recoveryCodes, sessions, users } from '../../db/schema';
import { failure } from '../../tests/support/commandTesting';
import { createCaseFixture, createProfessionalFixture } from '../../tests/support/fixtures';
import { rawSocket } from '../../tests/support/syncClient';
import { get, login, postForm, startTestServer, type TestServer } from '../../tests/support/testServer';
import { currentTotpCode, newTotpSecret } from '../auth/totp.server';
import type { Commands } from './index.server';

let server: TestServer;
let commands: Commands;
const db = () => server.services.db;
const origin = () => new URL(server.url).origin;

beforeAll(async () => {
  server = await startTestServer();
  commands = server.services.commands;
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => {
  server.services.database.sqlite.exec('drop trigger if exists temp.fail_insert');
});

const cookieOf = (res: Response) => res.headers.get('set-cookie')?.split(';')[0] ?? null;
const audits = (type: string, userId: string) =>
  db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.type, type as never), eq(auditLog.actorUserId, userId)))
    .all();

/** A professional with a second factor set up through the command; returns the secret and recovery codes. */
async function withSecondFactor(name: string, organisation?: string) {
  const account = await createProfessionalFixture(db(), name, organisation);
  const secret = newTotpSecret();
  const { recoveryCodes: codes } = await commands.enableSecondFactor({ userId: account.id }, { code: currentTotpCode(secret) }, secret);
  return { ...account, secret, codes };
}

/** Signs in with the password only: the half session's cookie and where it was sent. */
async function firstStep(email: string, password: string, redirectTo = '') {
  const res = await postForm(server.url, '/login', { email, password, redirectTo });
  expect(res.status).toBe(302);
  return { cookie: cookieOf(res)!, location: res.headers.get('location')! };
}

/** A full session opens the case (a professional may be sent on to the case's Overzicht). */
async function expectCaseOpens(cookie: string, caseId: string) {
  const res = await get(server.url, `/casussen/${caseId}`, cookie);
  expect(res.status === 200 || res.headers.get('location') === `/casussen/${caseId}/overzicht`).toBe(true);
}

/** What a half session may not reach: the case page, its page data, and its live documents. */
async function expectRefusedEverywhere(cookie: string, caseId: string, title: string) {
  const page = await get(server.url, `/casussen/${caseId}`, cookie);
  expect(page.status).toBe(302);
  expect(page.headers.get('location')).toMatch(/^\/(login|account\/tweede-stap)/);
  const data = await get(server.url, `/casussen/${caseId}?_data=${encodeURIComponent('routes/casussen.$caseId')}`, cookie);
  expect(data.status).not.toBe(200);
  expect(await data.text()).not.toContain(title);
  const overview = await get(server.url, '/overzicht', cookie);
  expect(overview.status).toBe(302);
  await expect(rawSocket(server.url, `/sync/${caseId}/kaart`, { Cookie: cookie, Origin: origin() })).rejects.toMatchObject({ status: 401 });
}

describe('enableSecondFactor', () => {
  it('stores the secret with ten hashed recovery codes, shown once, and audits it', async () => {
    const a = await withSecondFactor('Sanne Sleutel');
    expect(a.codes).toHaveLength(10);
    expect(new Set(a.codes).size).toBe(10);
    const user = db().select().from(users).where(eq(users.id, a.id)).get()!;
    expect(user.totpSecret).toBe(a.secret);
    expect(user.totpEnabledAt).toBeGreaterThan(0);
    const stored = db().select().from(recoveryCodes).where(eq(recoveryCodes.userId, a.id)).all();
    expect(stored).toHaveLength(10);
    for (const row of stored) {
      expect(row.codeHash).toMatch(/^\$argon2id\$/);
      expect(a.codes.some((c) => row.codeHash.includes(c) || row.codeHash.includes(c.replace(/-/g, '')))).toBe(false);
    }
    expect(audits('second-factor-enabled', a.id)).toHaveLength(1);
  });

  it('refuses bad input in Dutch, a wrong code, a missing secret, and a second set-up', async () => {
    const a = await createProfessionalFixture(db(), 'Bram Fout');
    const secret = newTotpSecret();
    const wrong = String((Number(currentTotpCode(secret)) + 1) % 1_000_000).padStart(6, '0');
    for (const input of [undefined, null, {}, { code: '' }, { code: 'abc' }, { code: '12345' }, { code: 17 }, { code: wrong }, 'tekst']) {
      const error = await failure(() => commands.enableSecondFactor({ userId: a.id }, input, secret));
      expect(error.status).toBe(400);
      expect(error.message).not.toMatch(/invalid|expected|received|required|undefined/i);
    }
    expect((await failure(() => commands.enableSecondFactor({ userId: a.id }, { code: currentTotpCode(secret) }, undefined))).status).toBe(400);
    const b = await withSecondFactor('Bram Dubbel');
    const again = newTotpSecret();
    expect((await failure(() => commands.enableSecondFactor({ userId: b.id }, { code: currentTotpCode(again) }, again))).status).toBe(409);
    expect(db().select().from(users).where(eq(users.id, b.id)).get()!.totpSecret).toBe(b.secret);
  });

  it('refuses a deactivated account (NotFound) and writes nothing when the audit row fails', async () => {
    const a = await createProfessionalFixture(db(), 'Dirk Uit');
    db().update(users).set({ deactivatedAt: Date.now() }).where(eq(users.id, a.id)).run();
    const s1 = newTotpSecret();
    expect((await failure(() => commands.enableSecondFactor({ userId: a.id }, { code: currentTotpCode(s1) }, s1))).status).toBe(404);
    const b = await createProfessionalFixture(db(), 'Anna Atomair');
    const s2 = newTotpSecret();
    server.services.database.sqlite.exec(`create temp trigger fail_insert before insert on audit_log begin select raise(abort, 'forced failure'); end;`);
    await expect(commands.enableSecondFactor({ userId: b.id }, { code: currentTotpCode(s2) }, s2)).rejects.toThrow(/forced failure/);
    expect(db().select().from(users).where(eq(users.id, b.id)).get()!.totpEnabledAt).toBeNull();
    expect(db().select().from(recoveryCodes).where(eq(recoveryCodes.userId, b.id)).all()).toHaveLength(0);
  });
});

describe('signing in with a second factor', () => {
  it('password → second step → case page; the half session opens nothing before that', async () => {
    const a = await withSecondFactor('Linda Tweestap');
    const c = createCaseFixture(db(), a.id, 'Gezin Tweestap');
    const first = await firstStep(a.email, a.password, `/casussen/${c.caseId}`);
    expect(first.location).toBe(`/login/tweede-stap?redirectTo=${encodeURIComponent(`/casussen/${c.caseId}`)}`);
    await expectRefusedEverywhere(first.cookie, c.caseId, 'Gezin Tweestap');
    expect((await get(server.url, '/login/tweede-stap', first.cookie)).status).toBe(200);
    // The set-up page cannot be used to replace the factor that is owed.
    expect((await get(server.url, '/account/tweede-stap', first.cookie)).headers.get('location')).toBe('/login/tweede-stap');

    const wrong = await postForm(server.url, '/login/tweede-stap', { code: '000000' }, { Cookie: first.cookie });
    expect(wrong.status).toBe(401);
    expect(audits('second-factor-failed', a.id)).toHaveLength(1);

    // The next time step's code (the one used to set up is not accepted twice).
    const ok = await postForm(
      server.url,
      '/login/tweede-stap',
      { code: currentTotpCode(a.secret, Date.now() + 30_000), redirectTo: `/casussen/${c.caseId}` },
      { Cookie: first.cookie },
    );
    expect(ok.status).toBe(302);
    expect(ok.headers.get('location')).toBe(`/casussen/${c.caseId}`);
    const full = cookieOf(ok)!;
    expect(full).not.toBe(first.cookie);
    await expectCaseOpens(full, c.caseId);
    // The half session is gone: its id never becomes a full one.
    await expectRefusedEverywhere(first.cookie, c.caseId, 'Gezin Tweestap');
  });

  it('a recovery code works once, is marked used and audited', async () => {
    const a = await withSecondFactor('Riet Herstel');
    const first = await firstStep(a.email, a.password);
    const ok = await postForm(server.url, '/login/tweede-stap', { code: a.codes[3]!.toLowerCase() }, { Cookie: first.cookie });
    expect(ok.status).toBe(302);
    expect(
      db()
        .select()
        .from(recoveryCodes)
        .where(and(eq(recoveryCodes.userId, a.id), isNull(recoveryCodes.usedAt)))
        .all(),
    ).toHaveLength(9);
    expect(audits('recovery-code-used', a.id)).toHaveLength(1);
    const second = await firstStep(a.email, a.password);
    const again = await postForm(server.url, '/login/tweede-stap', { code: a.codes[3]! }, { Cookie: second.cookie });
    expect(again.status).toBe(401);
    expect((await get(server.url, '/overzicht', second.cookie)).status).toBe(302);
  });

  it('when the organisation requires it, a professional without one may only set it up first', async () => {
    const a = await createProfessionalFixture(db(), 'Karim Verplicht', 'GI Streng');
    const c = createCaseFixture(db(), a.id, 'Gezin Verplicht');
    const before = await login(server.url, a.email, a.password); // a full session from before the setting
    const org = db().select().from(users).where(eq(users.id, a.id)).get()!.organisationId;
    db().update(organisations).set({ requireSecondFactor: true }).where(eq(organisations.id, org)).run();
    await expectRefusedEverywhere(before, c.caseId, 'Gezin Verplicht');

    const first = await firstStep(a.email, a.password);
    expect(first.location).toMatch(/^\/account\/tweede-stap/);
    await expectRefusedEverywhere(first.cookie, c.caseId, 'Gezin Verplicht');
    expect((await get(server.url, '/login/tweede-stap', first.cookie)).headers.get('location')).toMatch(/^\/account\/tweede-stap/);
    const garbage = await postForm(server.url, '/account/tweede-stap', { code: 'x' }, { Cookie: first.cookie });
    expect(garbage.status).toBe(400);

    const page = await get(server.url, '/account/tweede-stap', first.cookie);
    expect(page.status).toBe(200);
    const secret = /class="totp-secret">([A-Z2-7]+)</.exec(await page.text())![1]!;
    const done = await postForm(server.url, '/account/tweede-stap', { code: currentTotpCode(secret) }, { Cookie: first.cookie });
    expect(done.status).toBe(200);
    const html = await done.text();
    expect(html.match(/[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{2}/g)?.length).toBeGreaterThanOrEqual(10);
    const full = cookieOf(done) ?? first.cookie;
    await expectCaseOpens(full, c.caseId);
    const again = await get(server.url, '/account/tweede-stap', full);
    expect(await again.text()).not.toMatch(/[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{2}/);
    db().update(organisations).set({ requireSecondFactor: false }).where(eq(organisations.id, org)).run();
  });
});

describe('resetSecondFactor and Beheer › Beveiliging', () => {
  it('a beheerder resets another professional: secret and codes gone, their sessions end, audited with the beheerder as actor', async () => {
    const beheerder = await createProfessionalFixture(db(), 'Bea Beheer');
    db().update(users).set({ isBeheerder: true }).where(eq(users.id, beheerder.id)).run();
    const a = await withSecondFactor('Piet Kwijt');
    const half = await firstStep(a.email, a.password);
    const bCookie = await login(server.url, beheerder.email, beheerder.password);
    const page = await get(server.url, '/beheer/beveiliging', bCookie);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Piet Kwijt');
    const res = await postForm(server.url, '/beheer/beveiliging', { intent: 'reset-second-factor', userId: a.id }, { Cookie: bCookie });
    expect(res.status).toBe(200);
    const user = db().select().from(users).where(eq(users.id, a.id)).get()!;
    expect(user).toMatchObject({ totpSecret: null, totpEnabledAt: null });
    expect(db().select().from(recoveryCodes).where(eq(recoveryCodes.userId, a.id)).all()).toHaveLength(0);
    const live = db()
      .select()
      .from(sessions)
      .where(eq(sessions.userId, a.id))
      .all()
      .filter((s) => s.expiresAt > Date.now());
    expect(live).toHaveLength(0);
    expect((await get(server.url, '/login/tweede-stap', half.cookie)).headers.get('location')).toBe('/login');
    const rows = db().select().from(auditLog).where(eq(auditLog.type, 'second-factor-reset')).all();
    expect(rows.at(-1)).toMatchObject({ actorUserId: beheerder.id });
    expect(JSON.parse(rows.at(-1)!.detail!)).toEqual({ account: a.id });
  });

  it("refuses a non-beheerder, one's own reset, another organisation, garbage, nothing to reset; atomic", async () => {
    const beheerder = await withSecondFactor('Bob Beheer');
    db().update(users).set({ isBeheerder: true }).where(eq(users.id, beheerder.id)).run();
    const colleague = await withSecondFactor('Cor Collega');
    const plain = await createProfessionalFixture(db(), 'Dina Zonder');
    const foreign = await withSecondFactor('Eddy Elders', 'GI Andere Regio');
    expect((await failure(() => commands.resetSecondFactor({ userId: colleague.id }, { userId: beheerder.id }))).status).toBe(403);
    expect((await failure(() => commands.resetSecondFactor({ userId: beheerder.id }, { userId: beheerder.id }))).status).toBe(403);
    expect((await failure(() => commands.resetSecondFactor({ userId: beheerder.id }, { userId: foreign.id }))).status).toBe(404);
    expect((await failure(() => commands.resetSecondFactor({ userId: beheerder.id }, { userId: plain.id }))).status).toBe(409);
    for (const input of [undefined, {}, { userId: '' }, { userId: 'x'.repeat(500) }, { userId: 5 }]) {
      const error = await failure(() => commands.resetSecondFactor({ userId: beheerder.id }, input));
      expect([400, 404]).toContain(error.status);
      expect(error.message).not.toMatch(/invalid|expected|received|required|undefined/i);
    }
    server.services.database.sqlite.exec(`create temp trigger fail_insert before insert on audit_log begin select raise(abort, 'forced failure'); end;`);
    await expect(Promise.resolve().then(() => commands.resetSecondFactor({ userId: beheerder.id }, { userId: colleague.id }))).rejects.toThrow(
      /forced failure/,
    );
    expect(db().select().from(users).where(eq(users.id, colleague.id)).get()!.totpSecret).toBe(colleague.secret);
    expect(db().select().from(recoveryCodes).where(eq(recoveryCodes.userId, colleague.id)).all()).toHaveLength(10);
    server.services.database.sqlite.exec('drop trigger temp.fail_insert');
    // Over HTTP: a professional who is not beheerder gets 403 on the page and the action.
    const pCookie = await login(server.url, plain.email, plain.password);
    expect((await get(server.url, '/beheer/beveiliging', pCookie)).status).toBe(403);
    expect((await postForm(server.url, '/beheer/beveiliging', { intent: 'reset-second-factor', userId: colleague.id }, { Cookie: pCookie })).status).toBe(403);
  });
});

describe('throttling the second step', () => {
  it('wrong codes are throttled like passwords: then even the right code is refused', async () => {
    const a = await withSecondFactor('Tom Traag');
    const first = await firstStep(a.email, a.password);
    const statuses: number[] = [];
    for (let i = 0; i < 8 && !statuses.includes(429); i++) {
      statuses.push((await postForm(server.url, '/login/tweede-stap', { code: '000000' }, { Cookie: first.cookie })).status);
    }
    expect(statuses.at(-1)).toBe(429);
    const right = await postForm(server.url, '/login/tweede-stap', { code: currentTotpCode(a.secret, Date.now() + 30_000) }, { Cookie: first.cookie });
    expect(right.status).toBe(429);
    expect(audits('second-factor-failed', a.id).length).toBeGreaterThanOrEqual(statuses.length);
  });
});

describe('a TOTP code is used once', () => {
  it('of two sign-ins with one code exactly one gets in, and after a restart the code is still spent (stored with the account)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'veiligplan-totp-'));
    let srv = await startTestServer({ dir });
    try {
      const account = await createProfessionalFixture(srv.services.db, 'Ruud Replay');
      const secret = newTotpSecret();
      await srv.services.commands.enableSecondFactor({ userId: account.id }, { code: currentTotpCode(secret) }, secret);
      const halfSession = async () => {
        const res = await postForm(srv.url, '/login', { email: account.email, password: account.password });
        expect(res.status).toBe(302);
        return cookieOf(res)!;
      };
      const secondStep = async (code: string) => (await postForm(srv.url, '/login/tweede-stap', { code }, { Cookie: await halfSession() })).status;
      // The code that confirmed the set-up does not sign in.
      expect(await secondStep(currentTotpCode(secret))).toBe(401);
      const code = currentTotpCode(secret, Date.now() + 30_000);
      const statuses = (await Promise.all([secondStep(code), secondStep(code)])).sort();
      expect(statuses[0]).toBe(302);
      expect([401, 429]).toContain(statuses[1]);

      await srv.close();
      srv = await startTestServer({ dir });
      expect(await secondStep(code)).toBe(401);
      expect(srv.services.db.select({ step: users.totpLastStep }).from(users).where(eq(users.id, account.id)).get()!.step).toBeGreaterThan(0);
    } finally {
      await srv.stop();
    }
  });
});
