/**
 * The commands of ADR 028 against the real server (real SQLite file, real
 * sync engine): inviteFamilyMember (a person and their link in one step; a
 * double submit adds nobody twice — also two concurrent posts of the same
 * form over HTTP) and endSessionsOf ("overal uitloggen"). For each: the happy
 * path, every role that may not (NotAllowed), bad input (InvalidInput in
 * Dutch), ids of another case (NotFound), and atomicity under a forced failure.
 */
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../app/domain/caseFacts';
import { caseAccess } from '../../app/domain/permissions';
import { auditLog, participants, personalLinks, sessions } from '../../db/schema';
import { consentBy, failure } from '../../tests/support/commandTesting';
import { createEveryRoleCase } from '../../tests/support/everyRole';
import { login, postForm, startTestServer, type TestServer } from '../../tests/support/testServer';
import { hashToken } from '../links/links.server';
import type { Actor } from './command.server';
import { Conflict, InvalidInput, NotAllowed, NotFound } from './errors';
import type { Commands } from './index.server';

let server: TestServer;
let commands: Commands;
let c: Awaited<ReturnType<typeof createEveryRoleCase>>;
const as = (role: Role): Actor => ({ caseId: c.caseId, participantId: c.ids[role]! });
const MANAGERS = ROLES.filter((r) => caseAccess(r, 'participants') === 'manage');
let n = 0;
const requestId = () => `test-request-${String(++n).padStart(6, '0')}-${Math.random().toString(36).slice(2, 10)}`;
const invite = (extra: Record<string, unknown> = {}) => ({
  name: `Riet Uitnodiging ${++n}`,
  role: 'netwerklid',
  requestId: requestId(),
  ...consentBy(c.ids.ouder!),
  ...extra,
});

beforeAll(async () => {
  server = await startTestServer();
  commands = server.services.commands;
  c = await createEveryRoleCase(server.services.db, 'Gezin Uitnodiging');
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => {
  server.services.database.sqlite.exec('drop trigger if exists temp.fail_insert');
});

const db = () => server.services.db;
const named = (name: string) =>
  db()
    .select({ n: count() })
    .from(participants)
    .where(and(eq(participants.caseId, c.caseId), eq(participants.name, name)))
    .get()!.n;
const TABLES = ['participants', 'personal_links', 'sessions', 'audit_log'];
const fingerprint = () =>
  TABLES.map((t) => JSON.stringify(server.services.database.sqlite.prepare(`select * from ${t} order by rowid`).raw().all())).join('\n');

async function atomic(table: string, run: () => unknown) {
  const sqlite = server.services.database.sqlite;
  const before = fingerprint();
  sqlite.exec(`create temp trigger fail_insert before insert on ${table} begin select raise(abort, 'forced failure'); end;`);
  await expect(Promise.resolve().then(run)).rejects.toThrow(/forced failure/);
  sqlite.exec('drop trigger temp.fail_insert');
  expect(fingerprint() === before, `failing insert on ${table}`).toBe(true);
}

async function refusesBadInput(run: (input: unknown) => unknown, inputs: unknown[]) {
  for (const input of [...inputs, undefined, null, 'plain text', 17, [1, 2]]) {
    const error = await failure(() => run(input));
    expect([400, 404], String(JSON.stringify(input)).slice(0, 120)).toContain(error.status);
    expect(error.message).not.toMatch(/invalid|expected|received|required|undefined/i);
  }
}

describe('inviteFamilyMember', () => {
  it('adds the person and makes their personal link in one step, with both audit rows', async () => {
    const input = invite({ relation: 'oma', phone: '06 12 34 56 78', email: 'riet@example.nl', days: '14' });
    const r = await commands.inviteFamilyMember(as('jeugdbeschermer'), input);
    expect(r).toMatchObject({ caseId: c.caseId, name: input.name, code: null, phone: '06 12 34 56 78', email: 'riet@example.nl' });
    expect(r.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const person = db().select().from(participants).where(eq(participants.id, r.participantId)).get()!;
    expect(person).toMatchObject({ caseId: c.caseId, role: 'netwerklid', relation: 'oma', userId: null });
    const link = db()
      .select()
      .from(personalLinks)
      .where(eq(personalLinks.tokenHash, hashToken(r.token)))
      .get()!;
    expect(link.participantId).toBe(r.participantId);
    expect(link.expiresAt - link.createdAt).toBe(14 * 86_400_000);
    const rows = db().select().from(auditLog).where(eq(auditLog.subjectParticipantId, r.participantId)).all();
    expect(rows.map((a) => a.type).sort()).toEqual(['grondslag-recorded', 'link-created', 'participant-added']);
    expect(JSON.parse(rows.find((a) => a.type === 'participant-added')!.detail!)).toEqual({ rol: 'netwerklid', verzoek: input.requestId });
    // The link's token is in no audit row.
    expect(JSON.stringify(rows)).not.toContain(r.token);
  });

  it('with a toegangscode: the code leaves the command once, and only its hash is stored', async () => {
    const r = await commands.inviteFamilyMember(as('casusregisseur'), invite({ code: 'on' }));
    expect(r.code).toMatch(/^\d{6}$/);
    const link = db().select().from(personalLinks).where(eq(personalLinks.participantId, r.participantId)).get()!;
    expect(link.codeHash).not.toContain(r.code);
  });

  it('may be done by the jeugdbeschermer and the casusregisseur, by nobody else', async () => {
    expect(MANAGERS).toEqual(['jeugdbeschermer', 'casusregisseur']);
    for (const role of ROLES.filter((r) => !MANAGERS.includes(r))) {
      const input = invite();
      const error = await failure(() => commands.inviteFamilyMember(as(role), input));
      expect(error, role).toBeInstanceOf(NotAllowed);
      expect(error.message).toMatch(/Alleen de jeugdbeschermer of casusregisseur/);
      expect(named(input.name), role).toBe(0);
    }
  });

  it('answers bad input in Dutch and adds nobody', async () => {
    const before = fingerprint();
    await refusesBadInput(
      (i) => commands.inviteFamilyMember(as('jeugdbeschermer'), i),
      [
        {},
        invite({ requestId: undefined }),
        invite({ requestId: 'kort' }),
        invite({ requestId: '../../etc/passwd/../../../x' }),
        invite({ name: '' }),
        invite({ name: 'x'.repeat(500) }),
        invite({ role: 'jeugdbeschermer' }),
        invite({ role: 'casusregisseur' }),
        invite({ email: 'geen-adres' }),
        invite({ days: '0' }),
        invite({ days: '400' }),
        invite({ days: 'morgen' }),
        invite({ code: 'ja' }),
        invite({ name: ['a', 'b'] }),
      ],
    );
    const error = await failure(() => commands.inviteFamilyMember(as('jeugdbeschermer'), invite({ requestId: 'x' })));
    expect(error).toBeInstanceOf(InvalidInput);
    expect(error.message).toBe('Dit formulier is verlopen. Laad de pagina opnieuw en probeer het nog eens.');
    expect(fingerprint() === before).toBe(true);
  });

  it('acts only in the actor’s own case: an actor of another case is NotFound', async () => {
    const error = await failure(() => commands.inviteFamilyMember({ caseId: c.caseId, participantId: c.other.participantIds.jb! }, invite()));
    expect(error).toBeInstanceOf(NotFound);
  });

  it('adds nobody twice for a repeated request: the repeat gets the same person and link, also while the first still runs', async () => {
    const input = invite({ code: 'on' }); // with a code the first is slow (argon2): the repeats arrive while it runs
    const [a, b] = await Promise.all([commands.inviteFamilyMember(as('jeugdbeschermer'), input), commands.inviteFamilyMember(as('jeugdbeschermer'), input)]);
    const later = await commands.inviteFamilyMember(as('jeugdbeschermer'), input);
    expect(b).toEqual(a);
    expect(later).toEqual(a);
    expect(named(input.name)).toBe(1);
    expect(db().select({ n: count() }).from(personalLinks).where(eq(personalLinks.participantId, a.participantId)).get()!.n).toBe(1);
  });

  it('refuses a repeat the memory no longer holds (after a restart) from the audit row, instead of adding again', async () => {
    const input = invite();
    await commands.inviteFamilyMember(as('jeugdbeschermer'), input);
    // Another professional's memory does not hold it; the audit row does.
    const error = await failure(() => commands.inviteFamilyMember(as('casusregisseur'), input));
    expect(error).toBeInstanceOf(Conflict);
    expect(error.message).toMatch(/net al toegevoegd/);
    expect(named(input.name)).toBe(1);
  });

  it('two concurrent posts of the same form over HTTP add the person once and both show the same link', async () => {
    const cookie = await login(server.url, c.accounts.jeugdbeschermer!.email, c.accounts.jeugdbeschermer!.password);
    const form = { intent: 'invite', name: 'Riet Dubbelklik', role: 'netwerklid', requestId: requestId(), days: '30', ...consentBy(c.ids.ouder!) };
    const path = `/casussen/${c.caseId}/betrokkenen?_data=${encodeURIComponent('routes/casussen.$caseId.betrokkenen')}`;
    const answers = await Promise.all([postForm(server.url, path, form, { Cookie: cookie }), postForm(server.url, path, form, { Cookie: cookie })]);
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    const [a, b] = (await Promise.all(answers.map((r) => r.json()))) as { link: { url: string }; saved: string }[];
    expect(a!.link.url).toMatch(/\/l\/[A-Za-z0-9_-]{43}$/);
    expect(b!.link.url).toBe(a!.link.url);
    expect(a!.saved).toBe('Riet Dubbelklik is toegevoegd.');
    expect(named('Riet Dubbelklik')).toBe(1);
  });

  it('writes the person, the link and the audit rows in one transaction', async () => {
    for (const table of ['participants', 'personal_links', 'audit_log']) {
      await atomic(table, () => commands.inviteFamilyMember(as('jeugdbeschermer'), invite()));
    }
  });

  it('is refused on a closed case', async () => {
    const other = c.other;
    server.services.database.sqlite.prepare('update cases set closed_at = ? where id = ?').run(Date.now(), other.caseId);
    try {
      const error = await failure(() => commands.inviteFamilyMember({ caseId: other.caseId, participantId: other.participantIds.jb! }, invite()));
      expect(error).toBeInstanceOf(Conflict);
    } finally {
      server.services.database.sqlite.prepare('update cases set closed_at = null where id = ?').run(other.caseId);
    }
  });
});

describe('endSessionsOf', () => {
  async function signedIn(role: 'ouder' | 'netwerklid' | 'jeugdige', devices = 2) {
    for (let i = 0; i < devices; i++) await server.services.auth.createParticipantSession(c.ids[role]!);
  }
  const live = (participantId: string) =>
    db()
      .select()
      .from(sessions)
      .where(eq(sessions.participantId, participantId))
      .all()
      .filter((s) => s.expiresAt > Date.now() && s.endedAt === null).length;

  it('signs a family member out on every device (sessions expire, not ended), keeps their link, audits it', async () => {
    await signedIn('ouder');
    const link = await commands.createPersonalLink(as('jeugdbeschermer'), { participantId: c.ids.ouder });
    expect(live(c.ids.ouder!)).toBe(0); // a new link ended the older sessions
    await signedIn('ouder', 2);
    const r = commands.endSessionsOf(as('casusregisseur'), { participantId: c.ids.ouder });
    expect(r).toMatchObject({ caseId: c.caseId, participantId: c.ids.ouder, sessions: 2 });
    expect(live(c.ids.ouder!)).toBe(0);
    const rows = db().select().from(sessions).where(eq(sessions.participantId, c.ids.ouder!)).all();
    expect(rows.filter((s) => s.endedAt !== null).length).toBe(2); // the first two were ended by the new link…
    expect(rows.filter((s) => s.endedAt === null).length).toBe(2); // …the last two only expired (the link opens a new one)
    expect(server.services.links.check(link.token).status).toBe('valid');
    const audit = db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.caseId, c.caseId), eq(auditLog.type, 'sessions-ended')))
      .all()
      .at(-1)!;
    expect(audit).toMatchObject({ actorParticipantId: c.ids.casusregisseur, subjectParticipantId: c.ids.ouder });
    expect(JSON.parse(audit.detail!)).toEqual({ sessies: 2 });
  });

  it('may be done by the jeugdbeschermer and the casusregisseur, by nobody else', async () => {
    await signedIn('netwerklid', 1);
    for (const role of ROLES.filter((r) => !MANAGERS.includes(r))) {
      const error = await failure(() => commands.endSessionsOf(as(role), { participantId: c.ids.netwerklid }));
      expect(error, role).toBeInstanceOf(NotAllowed);
      expect(error.message).toMatch(/overal uitloggen/);
    }
    expect(live(c.ids.netwerklid!)).toBe(1);
  });

  it('answers bad input in Dutch; professionals sign themselves out; an id of another case is NotFound', async () => {
    await refusesBadInput(
      (i) => commands.endSessionsOf(as('jeugdbeschermer'), i),
      [{}, { participantId: '' }, { participantId: 'x'.repeat(500) }, { participantId: ['a'] }],
    );
    const pro = await failure(() => commands.endSessionsOf(as('jeugdbeschermer'), { participantId: c.ids.professional }));
    expect(pro).toBeInstanceOf(InvalidInput);
    const foreign = await failure(() => commands.endSessionsOf(as('jeugdbeschermer'), { participantId: c.other.participantIds.ouder }));
    expect(foreign).toBeInstanceOf(NotFound);
  });

  it('writes the sign-out and its audit row in one transaction', async () => {
    await signedIn('jeugdige', 1);
    await atomic('audit_log', () => commands.endSessionsOf(as('jeugdbeschermer'), { participantId: c.ids.jeugdige }));
    expect(live(c.ids.jeugdige!)).toBe(1);
  });
});
