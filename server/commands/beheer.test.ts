/**
 * Beheer commands (issue 18, ADR 031) against the real server: the happy
 * path of each, refusal for a professional who is no beheerder (NotAllowed)
 * and for a beheerder of another organisation (NotFound: the account is not
 * theirs to see), bad input in Dutch, the last-beheerder guards, and the
 * audit row written in the same transaction as the change.
 */
import { createHash } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCALE_QUESTION } from '../../app/domain/caseFacts';
import { accountInvitations, auditLog, cases, organisations, participants, sessions, users } from '../../db/schema';
import { failure } from '../../tests/support/commandTesting';
import { createProfessionalFixture, PASSWORD } from '../../tests/support/fixtures';
import { startTestServer, type TestServer } from '../../tests/support/testServer';
import { NO_PASSWORD, verifyPassword } from '../auth/passwords.server';
import { createProfessional } from '../users/users.server';
import { Conflict, InvalidInput, NotAllowed, NotFound } from './errors';
import type { Commands } from './index.server';

let server: TestServer;
let commands: Commands;
const db = () => server.services.db;
/** Beheerder and professional of GI Beheerregio; a beheerder of another organisation. */
let boss: { userId: string };
let prof: Awaited<ReturnType<typeof createProfessionalFixture>>;
let stranger: { userId: string };
let n = 0;

const ORG = 'GI Beheerregio';
const account = (id: string) => db().select().from(users).where(eq(users.id, id)).get()!;
const auditOf = (type: string) =>
  db()
    .select({ n: count() })
    .from(auditLog)
    .where(eq(auditLog.type, type as 'login'))
    .get()!.n;
const invite = (extra: Record<string, unknown> = {}) =>
  commands.inviteProfessional(boss, { name: `Nieuwe Collega ${++n}`, email: `nieuw${n}@beheer.test`, phone: '', ...extra });

beforeAll(async () => {
  server = await startTestServer();
  commands = server.services.commands;
  boss = {
    userId: await createProfessional(db(), { email: 'baas@beheer.test', name: 'Femke Baas', organisation: ORG, password: PASSWORD, isBeheerder: true }),
  };
  prof = await createProfessionalFixture(db(), 'Piet Professional', ORG);
  stranger = {
    userId: await createProfessional(db(), {
      email: 'vreemd@elders.test',
      name: 'Elders Baas',
      organisation: 'GI Elders',
      password: PASSWORD,
      isBeheerder: true,
    }),
  };
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => {
  server.services.database.sqlite.exec('drop trigger if exists temp.fail_audit');
});

describe('inviteProfessional', () => {
  it('makes an account without a password and a 7-day invitation of which only the hash is stored', () => {
    const r = invite({ beheerder: 'ja' });
    const user = account(r.userId);
    expect(user).toMatchObject({ passwordHash: NO_PASSWORD, isBeheerder: true, deactivatedAt: null, organisationId: account(boss.userId).organisationId });
    const row = db().select().from(accountInvitations).where(eq(accountInvitations.userId, r.userId)).get()!;
    expect(row.tokenHash).toBe(createHash('sha256').update(r.token).digest('hex'));
    expect(JSON.stringify(db().select().from(accountInvitations).all())).not.toContain(r.token);
    expect(row.expiresAt - row.createdAt).toBe(7 * 24 * 60 * 60 * 1000);
    expect(r.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const audit = db().select().from(auditLog).where(eq(auditLog.type, 'account-invited')).all().at(-1)!;
    expect(audit.actorUserId).toBe(boss.userId);
    expect(audit.detail).not.toContain('@');
  });

  it('refuses a professional who is no beheerder', async () => {
    expect(await failure(() => commands.inviteProfessional({ userId: prof.id }, { name: 'X', email: 'x@beheer.test' }))).toBeInstanceOf(NotAllowed);
  });

  it('refuses bad input in Dutch, and an e-mail address that has an account', async () => {
    for (const input of [
      {},
      { name: '', email: 'a@b.nl' },
      { name: 'A', email: 'geen-adres' },
      { name: 'A', email: 'a@b.nl', phone: 'bel me' },
      { name: 'A', email: 'a@b.nl', beheerder: 'misschien' },
      { name: 'x'.repeat(300), email: 'a@b.nl' },
    ]) {
      const e = await failure(() => commands.inviteProfessional(boss, input));
      expect(e, JSON.stringify(input)).toBeInstanceOf(InvalidInput);
      expect(e.message).not.toMatch(/invalid|expected|required/i);
    }
    expect(await failure(() => commands.inviteProfessional(boss, { name: 'Dubbel', email: ` ${prof.email.toUpperCase()} ` }))).toBeInstanceOf(Conflict);
  });

  it('writes nothing when its audit row cannot be written', async () => {
    const before = db().select({ n: count() }).from(users).get()!.n;
    server.services.database.sqlite.exec("create temp trigger fail_audit before insert on audit_log begin select raise(abort,'x'); end;");
    await expect(async () => invite()).rejects.toThrow();
    expect(db().select({ n: count() }).from(users).get()!.n).toBe(before);
  });
});

describe('acceptInvitation', () => {
  it('sets the password once; the link is then used up', async () => {
    const r = invite();
    await commands.acceptInvitation({ token: r.token, password: 'een lange zin van mij', repeat: 'een lange zin van mij' });
    expect(await verifyPassword(account(r.userId).passwordHash, 'een lange zin van mij')).toBe(true);
    expect(auditOf('account-password-set')).toBeGreaterThan(0);
    const again = await failure(() => commands.acceptInvitation({ token: r.token, password: 'nog een andere zin', repeat: 'nog een andere zin' }));
    expect(again).toBeInstanceOf(NotFound);
    expect(await verifyPassword(account(r.userId).passwordHash, 'een lange zin van mij')).toBe(true);
  });

  it('refuses a short or unrepeated password and an unknown link, in Dutch', async () => {
    const r = invite();
    expect(await failure(() => commands.acceptInvitation({ token: r.token, password: 'kort', repeat: 'kort' }))).toBeInstanceOf(InvalidInput);
    expect(
      await failure(() => commands.acceptInvitation({ token: r.token, password: 'een lange zin van mij', repeat: 'een andere zin van mij' })),
    ).toBeInstanceOf(InvalidInput);
    expect(
      await failure(() => commands.acceptInvitation({ token: 'a'.repeat(43), password: 'een lange zin van mij', repeat: 'een lange zin van mij' })),
    ).toBeInstanceOf(NotFound);
    expect(await failure(() => commands.acceptInvitation({}))).toBeInstanceOf(InvalidInput);
  });

  it('does not work for a deactivated account', async () => {
    const r = invite();
    commands.deactivateAccount(boss, { userId: r.userId });
    expect(
      await failure(() => commands.acceptInvitation({ token: r.token, password: 'een lange zin van mij', repeat: 'een lange zin van mij' })),
    ).toBeInstanceOf(NotFound);
    expect(account(r.userId).passwordHash).toBe(NO_PASSWORD);
  });
});

describe('deactivateAccount and reactivateAccount', () => {
  it('ends every session, revokes open invitations, refuses login; reactivating lets the password work again', async () => {
    const p = await createProfessionalFixture(db(), 'Deactiveer Mij', ORG);
    expect((await server.services.auth.login(p.email, p.password, '10.0.0.1')).ok).toBe(true);
    // An open invitation lying around (as a reset would leave one).
    db()
      .insert(accountInvitations)
      .values({ id: `inv-${++n}`, userId: p.id, purpose: 'password', tokenHash: `hash-${n}`, createdAt: Date.now(), expiresAt: Date.now() + 60_000 })
      .run();

    const r = commands.deactivateAccount(boss, { userId: p.id });
    expect(r.sessions).toBeGreaterThan(0);
    expect(db().select({ n: count() }).from(sessions).where(eq(sessions.userId, p.id)).get()!.n).toBe(0);
    expect(account(p.id).deactivatedAt).not.toBeNull();
    const openLeft = db()
      .select()
      .from(accountInvitations)
      .where(and(eq(accountInvitations.userId, p.id)))
      .all()
      .filter((i) => i.usedAt === null && i.revokedAt === null);
    expect(openLeft).toEqual([]);
    expect(await server.services.auth.login(p.email, p.password, '10.0.0.2')).toMatchObject({ ok: false, reason: 'invalid' });
    expect(await failure(() => commands.deactivateAccount(boss, { userId: p.id }))).toBeInstanceOf(Conflict);

    commands.reactivateAccount(boss, { userId: p.id });
    expect((await server.services.auth.login(p.email, p.password, '10.0.0.3')).ok).toBe(true);
    expect(await failure(() => commands.reactivateAccount(boss, { userId: p.id }))).toBeInstanceOf(Conflict);
  });

  it('a deactivated account is never put into a case: not as a new participant, not as regisseur of a new case', async () => {
    const gone = await createProfessionalFixture(db(), 'Weg Collega', ORG);
    commands.deactivateAccount(boss, { userId: gone.id });
    const start = (extra: Record<string, unknown>) =>
      commands.startCase(
        { userId: prof.id },
        {
          title: 'Gezin Gedeactiveerd',
          child1FirstName: 'Noor',
          child1BirthYear: '2015',
          step: 'drang:specialistisch-casemanagement',
          stage: 'kennismaking',
          myRole: 'jeugdbeschermer',
          nextEvaluationDate: '2099-01-01',
          scaleQuestionChoice: 'standaard',
          ...extra,
        },
      );
    const refused = (await failure(() => start({ regisseurEmail: gone.email }))) as InvalidInput;
    expect(refused).toBeInstanceOf(InvalidInput);
    expect(refused.message).toContain('gedeactiveerd');
    const { caseId } = start({});
    const me = db()
      .select()
      .from(participants)
      .where(eq(participants.caseId, caseId))
      .all()
      .find((p) => p.userId === prof.id)!;
    const added = (await failure(() =>
      commands.addProfessional({ caseId, participantId: me.id, sessionRef: 'test' }, { role: 'professional', account: gone.email }),
    )) as InvalidInput;
    expect(added).toBeInstanceOf(InvalidInput);
    expect(added.message).toContain('gedeactiveerd');
    expect(
      db()
        .select()
        .from(participants)
        .where(eq(participants.caseId, caseId))
        .all()
        .some((p) => p.userId === gone.id),
    ).toBe(false);
  });

  it('refuses a non-beheerder, another organisation, oneself, and garbled ids', async () => {
    expect(await failure(() => commands.deactivateAccount({ userId: prof.id }, { userId: boss.userId }))).toBeInstanceOf(NotAllowed);
    expect(await failure(() => commands.deactivateAccount(stranger, { userId: prof.id }))).toBeInstanceOf(NotFound);
    expect(await failure(() => commands.reactivateAccount(stranger, { userId: prof.id }))).toBeInstanceOf(NotFound);
    expect(await failure(() => commands.deactivateAccount(boss, { userId: boss.userId }))).toBeInstanceOf(InvalidInput);
    for (const input of [{}, { userId: '../x' }, { userId: 'x'.repeat(100) }]) {
      expect(await failure(() => commands.deactivateAccount(boss, input))).toBeInstanceOf(InvalidInput);
    }
    expect(account(prof.id).deactivatedAt).toBeNull();
  });

  it('a deactivated beheerder can do nothing any more', async () => {
    const second = invite({ beheerder: 'ja' });
    commands.deactivateAccount(boss, { userId: second.userId });
    expect(await failure(() => commands.inviteProfessional({ userId: second.userId }, { name: 'X', email: 'zz@beheer.test' }))).toBeInstanceOf(NotAllowed);
  });

  it('writes no deactivation without its audit row', async () => {
    const p = await createProfessionalFixture(db(), 'Blijf Actief', ORG);
    server.services.database.sqlite.exec("create temp trigger fail_audit before insert on audit_log begin select raise(abort,'x'); end;");
    expect(() => commands.deactivateAccount(boss, { userId: p.id })).toThrow();
    expect(account(p.id).deactivatedAt).toBeNull();
  });
});

describe('resetPassword', () => {
  it('revokes older invitations and the current password; the new link sets a new one', async () => {
    const p = await createProfessionalFixture(db(), 'Vergeten Wachtwoord', ORG);
    const first = commands.resetPassword(boss, { userId: p.id });
    const second = commands.resetPassword(boss, { userId: p.id });
    expect(account(p.id).passwordHash).toBe(NO_PASSWORD);
    expect((await server.services.auth.login(p.email, p.password, '10.0.1.1')).ok).toBe(false);
    expect(
      await failure(() => commands.acceptInvitation({ token: first.token, password: 'mijn nieuwe zin hier', repeat: 'mijn nieuwe zin hier' })),
    ).toBeInstanceOf(NotFound);
    await commands.acceptInvitation({ token: second.token, password: 'mijn nieuwe zin hier', repeat: 'mijn nieuwe zin hier' });
    expect((await server.services.auth.login(p.email, 'mijn nieuwe zin hier', '10.0.1.1')).ok).toBe(true);
    expect(auditOf('password-reset')).toBeGreaterThanOrEqual(2);
  });

  it('refuses a non-beheerder, another organisation, oneself and a deactivated account', async () => {
    expect(await failure(() => commands.resetPassword({ userId: prof.id }, { userId: prof.id }))).toBeInstanceOf(NotAllowed);
    expect(await failure(() => commands.resetPassword(stranger, { userId: prof.id }))).toBeInstanceOf(NotFound);
    expect(await failure(() => commands.resetPassword(boss, { userId: boss.userId }))).toBeInstanceOf(InvalidInput);
    const gone = invite();
    commands.deactivateAccount(boss, { userId: gone.userId });
    expect(await failure(() => commands.resetPassword(boss, { userId: gone.userId }))).toBeInstanceOf(Conflict);
  });
});

describe('setBeheerder', () => {
  it('grants and revokes, audited; never the last active beheerder', async () => {
    commands.setBeheerder(boss, { userId: prof.id, beheerder: 'ja' });
    expect(account(prof.id).isBeheerder).toBe(true);
    commands.setBeheerder({ userId: prof.id }, { userId: prof.id, beheerder: 'nee' });
    expect(account(prof.id).isBeheerder).toBe(false);
    expect(auditOf('beheerder-changed')).toBeGreaterThanOrEqual(2);
    // Elders has one beheerder: they cannot give it up.
    expect(await failure(() => commands.setBeheerder(stranger, { userId: stranger.userId, beheerder: 'nee' }))).toBeInstanceOf(Conflict);
    expect(account(stranger.userId).isBeheerder).toBe(true);
  });

  it('refuses a non-beheerder, another organisation and bad input', async () => {
    expect(await failure(() => commands.setBeheerder({ userId: prof.id }, { userId: prof.id, beheerder: 'ja' }))).toBeInstanceOf(NotAllowed);
    expect(await failure(() => commands.setBeheerder(stranger, { userId: prof.id, beheerder: 'ja' }))).toBeInstanceOf(NotFound);
    expect(await failure(() => commands.setBeheerder(boss, { userId: prof.id, beheerder: 'misschien' }))).toBeInstanceOf(InvalidInput);
    expect(await failure(() => commands.setBeheerder(boss, { userId: boss.userId, beheerder: 'ja' }))).toBeInstanceOf(Conflict);
  });
});

describe('setOwnOrganisationSettings', () => {
  const org = () =>
    db()
      .select()
      .from(organisations)
      .where(eq(organisations.id, account(boss.userId).organisationId))
      .get()!;

  it('sets name, scale question, retention and second factor; new cases start with the organisation’s scale question', () => {
    commands.setOwnOrganisationSettings(boss, {
      name: 'GI Beheerregio Noord',
      defaultScaleQuestion: 'Hoe veilig is het thuis, van 0 tot 10?',
      retentionMonths: '36',
      requireSecondFactor: 'ja',
      childOwnLinkAge: '12',
      childDecidesAge: '16',
      outOfHoursPhone: '010-555 12 34',
    });
    expect(org()).toMatchObject({
      name: 'GI Beheerregio Noord',
      retentionMonths: 36,
      requireSecondFactor: true,
      defaultScaleQuestion: 'Hoe veilig is het thuis, van 0 tot 10?',
    });
    const started = commands.startCase(
      { userId: boss.userId },
      {
        title: 'Gezin Schaalvraag',
        child1FirstName: 'Sam',
        child1BirthYear: '2016',
        step: 'drang:specialistisch-casemanagement',
        stage: 'kennismaking',
        myRole: 'jeugdbeschermer',
        nextEvaluationDate: '2099-01-01',
        scaleQuestionChoice: 'standaard',
      },
    );
    expect(db().select().from(cases).where(eq(cases.id, started.caseId)).get()!.scaleQuestion).toBe('Hoe veilig is het thuis, van 0 tot 10?');
    commands.setOwnOrganisationSettings(boss, { defaultScaleQuestion: '', requireSecondFactor: 'nee', name: ORG });
    expect(org()).toMatchObject({ name: ORG, defaultScaleQuestion: null, requireSecondFactor: false });
    expect(DEFAULT_SCALE_QUESTION.length).toBeGreaterThan(10);
  });

  it('refuses a non-beheerder, bad values in Dutch, and a name another organisation has', async () => {
    expect(await failure(() => commands.setOwnOrganisationSettings({ userId: prof.id }, { retentionMonths: '12' }))).toBeInstanceOf(NotAllowed);
    for (const input of [
      {},
      { retentionMonths: '0' },
      { retentionMonths: '241' },
      { retentionMonths: 'lang' },
      { requireSecondFactor: 'misschien' },
      { defaultScaleQuestion: 'kort' },
    ]) {
      const e = await failure(() => commands.setOwnOrganisationSettings(boss, input));
      expect(e, JSON.stringify(input)).toBeInstanceOf(InvalidInput);
      expect(e.message).not.toMatch(/invalid|expected|required/i);
    }
    expect(await failure(() => commands.setOwnOrganisationSettings(boss, { name: 'GI Elders' }))).toBeInstanceOf(Conflict);
    // Another organisation's beheerder changes only their own.
    commands.setOwnOrganisationSettings(stranger, { retentionMonths: '12' });
    expect(org().retentionMonths).not.toBe(12);
  });

  it('the CLI keeps working with the new fields', () => {
    const r = commands.setOrganisationSettings({ via: 'admin-cli' }, { organisation: ORG, retentionMonths: '60', requireSecondFactor: 'nee' });
    expect(r.fields.sort()).toEqual(['requireSecondFactor', 'retentionMonths']);
    expect(org().retentionMonths).toBe(60);
  });
});
