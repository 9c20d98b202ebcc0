/**
 * saveNotificationSettings and setDigest against the real server: the happy
 * path, every role that may not (NotAllowed), bad input (InvalidInput in
 * Dutch), ids of another case (NotFound), and the audit row written in the
 * same transaction as the change (never the address or the number).
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../app/domain/caseFacts';
import { auditLog, notificationSettings, users } from '../../db/schema';
import { failure } from '../../tests/support/commandTesting';
import { createEveryRoleCase } from '../../tests/support/everyRole';
import { startTestServer, type TestServer } from '../../tests/support/testServer';
import type { Actor } from './command.server';
import { InvalidInput, NotAllowed, NotFound } from './errors';
import type { Commands } from './index.server';
import { notificationSettingsOf } from './notifications.server';

let server: TestServer;
let commands: Commands;
let setup: Awaited<ReturnType<typeof createEveryRoleCase>>;
const as = (role: Role): Actor => ({ caseId: setup.caseId, participantId: setup.ids[role]! });

beforeAll(async () => {
  server = await startTestServer({ outbox: { pollMs: 0 } });
  commands = server.services.commands;
  setup = await createEveryRoleCase(server.services.db, 'Gezin Berichten');
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => {
  server.services.database.sqlite.exec('drop trigger if exists temp.fail_insert');
});

describe('saveNotificationSettings', () => {
  it('lets a family or netwerk member choose e-mail and SMS for themselves; the audit row names no address', () => {
    expect(notificationSettingsOf(server.services.db, setup.ids.ouder!)).toMatchObject({ byEmail: false, bySms: false, chosen: false });
    const r = commands.saveNotificationSettings(as('ouder'), { byEmail: 'on', email: 'ouder@voorbeeld.nl', bySms: 'on', phone: '06 12345678' });
    expect(r).toEqual({ byEmail: true, bySms: true });
    expect(notificationSettingsOf(server.services.db, setup.ids.ouder!)).toMatchObject({
      byEmail: true,
      bySms: true,
      email: 'ouder@voorbeeld.nl',
      phone: '06 12345678',
    });
    // Turning off keeps the addresses, changes the choice.
    commands.saveNotificationSettings(as('ouder'), { email: 'ouder@voorbeeld.nl' });
    expect(notificationSettingsOf(server.services.db, setup.ids.ouder!)).toMatchObject({ byEmail: false, bySms: false });
    const audit = server.services.db.select().from(auditLog).where(eq(auditLog.type, 'notification-settings')).all();
    expect(audit.length).toBeGreaterThanOrEqual(2);
    for (const a of audit) expect(a.detail ?? '').not.toMatch(/voorbeeld|0612|06 12/);
    for (const role of ['jeugdige', 'netwerklid'] as const) expect(commands.saveNotificationSettings(as(role), {})).toEqual({ byEmail: false, bySms: false });
  });

  it('refuses professionals and meelezers (they get the digest)', async () => {
    for (const role of ROLES.filter((r) => !['ouder', 'jeugdige', 'netwerklid'].includes(r))) {
      const error = await failure(() => commands.saveNotificationSettings(as(role), { byEmail: 'on', email: 'prof@voorbeeld.nl' }));
      expect(error, role).toBeInstanceOf(NotAllowed);
      expect(error.message).toMatch(/dagoverzicht/);
    }
  });

  it('refuses bad input in Dutch', async () => {
    const bad: [unknown, string][] = [
      [{ byEmail: 'on' }, 'email'],
      [{ bySms: 'on' }, 'phone'],
      [{ byEmail: 'on', email: 'geen-adres' }, 'email'],
      [{ bySms: 'on', phone: 'bel me' }, 'phone'],
      [{ bySms: 'on', phone: '123' }, 'phone'],
      [{ email: 'x'.repeat(400) }, 'email'],
      [{ email: ['a', 'b'] }, 'email'],
    ];
    for (const [input, field] of bad) {
      const error = await failure(() => commands.saveNotificationSettings(as('ouder'), input));
      expect(error, JSON.stringify(input)).toBeInstanceOf(InvalidInput);
      expect(error.field).toBe(field);
      expect(error.message).not.toMatch(/invalid|expected|required/i);
    }
  });

  it('an actor of another case is NotFound', async () => {
    const error = await failure(() => commands.saveNotificationSettings({ caseId: setup.other.caseId, participantId: setup.ids.ouder! }, {}));
    expect(error).toBeInstanceOf(NotFound);
  });

  it('writes the settings and the audit row in one transaction', async () => {
    const sqlite = server.services.database.sqlite;
    const before = JSON.stringify(notificationSettingsOf(server.services.db, setup.ids.netwerklid!));
    sqlite.exec(`create temp trigger fail_insert before insert on audit_log begin select raise(abort, 'forced failure'); end;`);
    await expect(
      Promise.resolve().then(() => commands.saveNotificationSettings(as('netwerklid'), { byEmail: 'on', email: 'net@voorbeeld.nl' })),
    ).rejects.toThrow(/forced failure/);
    sqlite.exec('drop trigger temp.fail_insert');
    expect(JSON.stringify(notificationSettingsOf(server.services.db, setup.ids.netwerklid!))).toBe(before);
    expect(
      server.services.db.select().from(notificationSettings).where(eq(notificationSettings.participantId, setup.ids.netwerklid!)).get()?.byEmail ?? false,
    ).toBe(false);
  });
});

describe('setDigest', () => {
  it('turns the professional’s own digest off and on', async () => {
    const userId = setup.accounts.jeugdbeschermer!.id;
    const digest = () => server.services.db.select({ d: users.digest }).from(users).where(eq(users.id, userId)).get()!.d;
    expect(digest()).toBe(true);
    expect(commands.setDigest({ userId }, { digest: 'uit' })).toEqual({ digest: false });
    expect(digest()).toBe(false);
    commands.setDigest({ userId }, { digest: 'aan' });
    expect(digest()).toBe(true);
    expect(await failure(() => commands.setDigest({ userId }, { digest: 'misschien' }))).toBeInstanceOf(InvalidInput);
    expect(await failure(() => commands.setDigest({ userId: 'bestaat-niet' }, { digest: 'aan' }))).toBeInstanceOf(NotFound);
  });
});
