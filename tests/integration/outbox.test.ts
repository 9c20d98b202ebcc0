/**
 * The outbox end to end, with a REAL SMTP server in this process: the event
 * and its outbox rows commit together; the sender delivers with a
 * deterministic Message-ID; an SMTP failure (451) is retried with backoff;
 * after a crash between sending and marking, the message is NOT sent again
 * after a restart; an opted-out person gets nothing; a bodemeisen edit in the
 * live document queues one message per day; the SMTP server receives exactly
 * the expected mails, none with plan text or a full name.
 */
import { and, count, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addItem } from '../../app/domain/items';
import { acceptanceRequests, auditLog, outbox } from '../../db/schema';
import { queueBodemeisenChanged } from '../../server/notifications/onChange.server';
import { BACKOFF_MS, createOutboxSender, STOP_IN_DOUBT } from '../../server/outbox/sender.server';
import { createMailTransport, loggingSmsTransport, type MailSettings } from '../../server/outbox/transports.server';
import { createEveryRoleCase } from '../support/everyRole';
import { startLocalSmtp } from '../support/localSmtp';
import { waitFor } from '../support/syncClient';
import { startTestServer, type TestServer } from '../support/testServer';

const OUDER = 'ouder.kim@voorbeeld.nl';
const NETWERK = 'oma.kim@voorbeeld.nl';
const PLAN_TEXT = 'Geheime bodemeis over de kelder';

let smtp: Awaited<ReturnType<typeof startLocalSmtp>>;
let server: TestServer;
let mail: MailSettings;
let setup: Awaited<ReturnType<typeof createEveryRoleCase>>;
const DAY = 24 * 60 * 60 * 1000;

const rows = () => server.services.db.select().from(outbox).where(eq(outbox.caseId, setup.caseId)).all();
const as = (role: 'ouder' | 'netwerklid' | 'jeugdige' | 'casusregisseur') => ({ caseId: setup.caseId, participantId: setup.ids[role]! });

beforeAll(async () => {
  smtp = await startLocalSmtp();
  mail = { host: '127.0.0.1', port: smtp.port, from: 'Veiligplan <noreply@veiligplan.invalid>', folder: '/nonexistent' };
  server = await startTestServer({ mail, outbox: { pollMs: 0 } });
  setup = await createEveryRoleCase(server.services.db, 'Gezin Kelder');
  server.services.commands.saveNotificationSettings(as('ouder'), { byEmail: 'on', email: OUDER });
  server.services.commands.saveNotificationSettings(as('netwerklid'), { byEmail: 'on', email: NETWERK, bySms: 'on', phone: '06 11112222' });
  // The jeugdige did not opt in: never a message.
});
afterAll(async () => {
  await server?.stop();
  await smtp?.stop();
});

describe('outbox', () => {
  it('queues in the same transaction as the event: a failing outbox insert undoes the akkoord request too', async () => {
    const sqlite = server.services.database.sqlite;
    const requests = () => server.services.db.select({ n: count() }).from(acceptanceRequests).where(eq(acceptanceRequests.caseId, setup.caseId)).get()!.n;
    const before = requests();
    sqlite.exec(`create temp trigger fail_insert before insert on outbox begin select raise(abort, 'forced failure'); end;`);
    expect(() => server.services.commands.requestAcceptance(as('casusregisseur'))).toThrow(/forced failure/);
    sqlite.exec('drop trigger temp.fail_insert');
    expect(requests()).toBe(before);
    expect(rows()).toHaveLength(0);
    // And the other way round: an audit row that fails takes the outbox rows with it.
    sqlite.exec(`create temp trigger fail_insert before insert on audit_log begin select raise(abort, 'forced failure'); end;`);
    expect(() => server.services.commands.requestAcceptance(as('casusregisseur'))).toThrow(/forced failure/);
    sqlite.exec('drop trigger temp.fail_insert');
    expect(rows()).toHaveLength(0);
  });

  it('asks akkoord: one row per opted-in channel, delivered over SMTP with a deterministic Message-ID', async () => {
    const { requestId } = server.services.commands.requestAcceptance(as('casusregisseur'));
    const queued = rows();
    expect(queued.map((r) => `${r.channel}:${r.template}`).sort()).toEqual(['email:akkoord-gevraagd', 'email:akkoord-gevraagd', 'sms:akkoord-gevraagd']);
    expect(queued.every((r) => r.dedupeKey.startsWith(`akkoord-gevraagd:${requestId}:`))).toBe(true);
    expect(queued.some((r) => r.participantId === setup.ids.jeugdige)).toBe(false);
    expect(await server.services.outbox.runOnce()).toBe(3);
    expect(smtp.mails.map((m) => m.to[0]).sort()).toEqual([NETWERK, OUDER].sort());
    for (const m of smtp.mails) {
      const row = queued.find((r) => r.recipient === m.to[0])!;
      expect(m.messageId).toBe(`<outbox-${row.id}@veiligplan>`);
      expect(m.subject).toBe('Veiligplan: Vraag om akkoord');
      expect(m.text).toContain('plan voor Kim');
    }
    expect(rows().every((r) => r.sentAt !== null && r.claimedAt !== null && r.attempts === 1)).toBe(true);
    // A second round sends nothing again.
    expect(await server.services.outbox.runOnce()).toBe(0);
    expect(smtp.mails).toHaveLength(2);
  });

  it('a bodemeisen edit in the live document queues one message per person per day', async () => {
    const room = server.services.sync.room(setup.caseId, 'bodemeisen');
    room.applyServerChange({ participantId: setup.ids.casusregisseur!, connectionId: null }, (doc) =>
      addItem(
        doc,
        { participantId: setup.ids.casusregisseur!, name: 'Prof', role: 'Casusregisseur' },
        { section: 'eisen', fields: { tekst: PLAN_TEXT, reden: 'x' } },
      ),
    );
    const bodemeisen = () => rows().filter((r) => r.template === 'bodemeisen-gewijzigd');
    await waitFor(() => bodemeisen().length === 3, 5000, 'bodemeisen rows');
    // More edits the same day: no new rows.
    expect(queueBodemeisenChanged(server.services.db, setup.caseId)).toBe(0);
  });

  it('retries on an SMTP failure (451) with backoff, then delivers once', async () => {
    smtp.failNext(2, 451);
    const before = smtp.mails.length;
    const t0 = Date.now();
    await server.services.outbox.runOnce();
    expect(smtp.mails).toHaveLength(before);
    const failed = rows().filter((r) => r.template === 'bodemeisen-gewijzigd' && r.channel === 'email');
    for (const r of failed) {
      expect(r.sentAt).toBeNull();
      expect(r.claimedAt).toBeNull();
      expect(r.attempts).toBe(1);
      expect(r.lastError).toBe('SMTP 451');
      expect(r.nextAttemptAt).toBeGreaterThanOrEqual(t0 + BACKOFF_MS[0]);
      expect(r.lastError).not.toContain('@');
    }
    // Not due yet: nothing happens.
    expect(await server.services.outbox.runOnce()).toBe(0);
    // Time passes (the backoff is over).
    server.services.db
      .update(outbox)
      .set({ nextAttemptAt: Date.now() })
      .where(and(eq(outbox.caseId, setup.caseId), isNull(outbox.sentAt)))
      .run();
    expect(await server.services.outbox.runOnce()).toBe(2);
    expect(smtp.mails).toHaveLength(before + 2);
    expect(
      rows()
        .filter((r) => r.template === 'bodemeisen-gewijzigd')
        .every((r) => r.sentAt !== null),
    ).toBe(true);
  });

  it('after a crash between sending and marking, the message is not sent again after a restart', async () => {
    // Tomorrow's bodemeisen message (a new dedupe key).
    expect(queueBodemeisenChanged(server.services.db, setup.caseId, Date.now() + DAY)).toBe(3);
    server.services.db
      .update(outbox)
      .set({ nextAttemptAt: Date.now() })
      .where(and(eq(outbox.caseId, setup.caseId), isNull(outbox.sentAt)))
      .run();
    const before = smtp.mails.length;
    const crashing = createOutboxSender({
      db: server.services.db,
      mail: createMailTransport(mail),
      sms: loggingSmsTransport(),
      afterSend: () => {
        throw new Error('crash');
      },
    });
    await expect(crashing.runOnce()).rejects.toThrow('crash');
    expect(smtp.mails).toHaveLength(before + 1);
    const inDoubt = rows().find((r) => r.claimedAt !== null && r.sentAt === null && r.stoppedAt === null)!;
    expect(inDoubt).toBeDefined();

    // Restart the whole server on the same database.
    const dir = server.dir;
    await server.close();
    server = await startTestServer({ dir, mail, outbox: { pollMs: 0 } });
    const after = server.services.db.select().from(outbox).where(eq(outbox.id, inDoubt.id)).get()!;
    expect(after.stopReason).toBe(STOP_IN_DOUBT);
    expect(after.sentAt).toBeNull();
    expect(server.services.outbox.stats().inDoubt).toBe(1);
    await server.services.outbox.runOnce();
    // The other two rows of that message went out; the one in doubt did not go out twice.
    const sameMessage = smtp.mails.filter((m) => m.messageId === `<outbox-${inDoubt.id}@veiligplan>`);
    expect(sameMessage).toHaveLength(1);
    expect(rows().filter((r) => r.sentAt === null && r.stoppedAt === null)).toHaveLength(0);
  });

  it('respects an opt-out', async () => {
    server.services.commands.saveNotificationSettings(as('ouder'), { email: OUDER });
    server.services.commands.setAbsence(as('casusregisseur'), {
      participantId: setup.ids.casusregisseur!,
      standInParticipantId: setup.ids.professional!,
      from: new Date().toISOString().slice(0, 10),
      until: new Date(Date.now() + 7 * DAY).toISOString().slice(0, 10),
    });
    const vervanger = rows().filter((r) => r.template === 'vervanger');
    expect(vervanger.map((r) => r.recipient).sort()).toEqual(['06 11112222', NETWERK]);
    await server.services.outbox.runOnce();
  });

  it('the SMTP server received exactly the expected mails, none with plan text or a full name', () => {
    const got = smtp.mails.map((m) => `${m.to[0]} ${m.subject}`).sort();
    expect(got).toEqual(
      [
        `${OUDER} Veiligplan: Vraag om akkoord`,
        `${NETWERK} Veiligplan: Vraag om akkoord`,
        `${OUDER} Veiligplan: Er is iets veranderd`,
        `${NETWERK} Veiligplan: Er is iets veranderd`,
        `${OUDER} Veiligplan: Er is iets veranderd`, // tomorrow's, in doubt after the crash: sent once
        `${NETWERK} Veiligplan: Er is iets veranderd`, // tomorrow's, after the restart
        `${NETWERK} Veiligplan: Iemand anders even je contact`,
      ].sort(),
    );
    expect(new Set(smtp.mails.map((m) => m.messageId)).size).toBe(smtp.mails.length);
    for (const m of smtp.mails) {
      expect(m.text).not.toContain(PLAN_TEXT);
      expect(m.text).not.toMatch(/Familie|Prof |Gezin Kelder|https?:/);
    }
    // The audit log never holds an address or a phone number.
    const audit = server.services.db.select({ detail: auditLog.detail }).from(auditLog).where(eq(auditLog.type, 'notification-settings')).all();
    for (const a of audit) expect(a.detail ?? '').not.toMatch(/voorbeeld|1111/);
  });
});
