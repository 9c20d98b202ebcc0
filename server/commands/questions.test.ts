/**
 * askQuestion / answerQuestion against the real server (real SQLite): family
 * and netwerk ask, nobody else; the question goes to the regisseur, or to the
 * stand-in while the regisseur is absent today (and to the professional beside
 * a parent regisseur); case-facts writers, the addressee and their stand-in
 * answer, nobody else; answering twice is a Conflict; bad input is refused in
 * Dutch; ids of another case are NotFound; the change, its audit row (without
 * any text) and the asker's outbox row are one transaction. Also
 * setOrganisationSettings (validation, audit).
 */
import { and, count, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../app/domain/caseFacts';
import { MAX_QUESTION_CHARS } from '../../app/domain/questions';
import { addDaysIso } from '../../app/domain/recurrence';
import { absences, auditLog, cases, notificationSettings, organisations, outbox, questions } from '../../db/schema';
import { failure } from '../../tests/support/commandTesting';
import { createEveryRoleCase } from '../../tests/support/everyRole';
import { startTestServer, type TestServer } from '../../tests/support/testServer';
import { todayIso } from '../cases/regie.server';
import { addresseeOf } from '../questions/questions.server';
import type { Actor } from './command.server';
import { Conflict, InvalidInput, NotAllowed, NotFound } from './errors';
import type { Commands } from './index.server';

let server: TestServer;
let commands: Commands;
let caseId: string;
let ids: Record<string, string>;
let other: { caseId: string; participantIds: Record<string, string> };
let organisationId: string;
const today = todayIso();
const as = (role: Role): Actor => ({ caseId, participantId: ids[role]! });
const ASKERS: Role[] = ['ouder', 'jeugdige', 'netwerklid'];
const row = (id: string) => server.services.db.select().from(questions).where(eq(questions.id, id)).get();
const audits = (type: 'question-asked' | 'question-answered') =>
  server.services.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.caseId, caseId), eq(auditLog.type, type)))
    .all();
const ask = (role: Role, input: Record<string, unknown> = { kind: 'vraag', text: 'Wanneer is het volgende gesprek?' }) => commands.askQuestion(as(role), input);

beforeAll(async () => {
  server = await startTestServer();
  commands = server.services.commands;
  ({ caseId, ids, other, organisationId } = await createEveryRoleCase(server.services.db, 'Gezin Vraag'));
});
afterAll(async () => {
  await server.stop();
});
afterEach(() => {
  server.services.database.sqlite.exec('drop trigger if exists temp.fail_insert');
  server.services.db.delete(absences).where(eq(absences.caseId, caseId)).run();
});

describe('askQuestion', () => {
  it('lets family and netwerk ask the regisseur, and nobody else ask', async () => {
    for (const role of ASKERS) {
      const r = ask(role);
      expect(row(r.questionId)).toMatchObject({ caseId, askerId: ids[role], toId: ids.casusregisseur, kind: 'vraag', answeredAt: null });
      expect(r.toName).toBe('Prof casusregisseur');
    }
    for (const role of ROLES.filter((r) => !ASKERS.includes(r))) {
      const error = await failure(() => ask(role));
      expect(error, role).toBeInstanceOf(NotAllowed);
      expect(error.message).toMatch(/gezin en het netwerk/);
    }
  });

  it('audits the question without its text', () => {
    const r = ask('ouder', { kind: 'vraag', text: 'Geheime zin over thuis' });
    const audit = audits('question-asked').find((a) => a.detail?.includes(r.questionId));
    expect(audit).toMatchObject({ actorParticipantId: ids.ouder, subjectParticipantId: ids.casusregisseur });
    expect(audit!.detail).not.toContain('Geheime');
  });

  it('calls back on the given number, or on the asker’s own', async () => {
    const given = ask('netwerklid', { kind: 'terugbellen', text: '', phone: '06-12345678' });
    expect(row(given.questionId)).toMatchObject({ kind: 'terugbellen', text: '', callbackPhone: '06-12345678' });
    // The family member in the every-role case has no phone of their own: then a number is needed.
    const none = await failure(() => ask('ouder', { kind: 'terugbellen' }));
    expect(none).toBeInstanceOf(InvalidInput);
    expect(none).toMatchObject({ field: 'phone', message: expect.stringMatching(/nummer/) });
    server.services.database.sqlite.prepare('update participants set phone = ? where id = ?').run('06-98765432', ids.ouder);
    const own = ask('ouder', { kind: 'terugbellen' });
    expect(row(own.questionId)!.callbackPhone).toBe('06-98765432');
  });

  it('refuses bad input in Dutch', async () => {
    const bad: [Record<string, unknown>, string, RegExp][] = [
      [{}, 'kind', /Kies/],
      [{ kind: 'klacht', text: 'x x' }, 'kind', /Kies/],
      [{ kind: 'vraag' }, 'text', /Schrijf je vraag/],
      [{ kind: 'vraag', text: '   ' }, 'text', /Schrijf je vraag/],
      [{ kind: 'vraag', text: 'x'.repeat(MAX_QUESTION_CHARS + 1) }, 'text', /te lang/],
      [{ kind: 'vraag', text: ['a', 'b'] }, 'text', /Schrijf je vraag|klopt niet/],
      [{ kind: 'terugbellen', phone: 'bel me morgen' }, 'phone', /telefoonnummer klopt niet/],
      [{ kind: 'terugbellen', phone: '112' }, 'phone', /telefoonnummer klopt niet/],
    ];
    for (const [input, field, message] of bad) {
      const error = await failure(() => ask('ouder', input));
      expect(error, JSON.stringify(input).slice(0, 60)).toBeInstanceOf(InvalidInput);
      expect(error.field).toBe(field);
      expect(error.message).toMatch(message);
    }
  });

  it('goes to the stand-in while the regisseur is absent today, and back after', () => {
    commands.setAbsence(as('jeugdbeschermer'), {
      participantId: ids.casusregisseur,
      from: today,
      until: addDaysIso(today, 3),
      standInParticipantId: ids.professional,
    });
    const during = ask('ouder');
    expect(row(during.questionId)!.toId).toBe(ids.professional);
    expect(during).toMatchObject({ toName: 'Prof professional', standInFor: 'Prof casusregisseur' });
    expect(audits('question-asked').find((a) => a.detail?.includes(during.questionId))!.detail).toContain('"vervanger":true');
    // An absence that starts tomorrow does not count yet.
    server.services.db.delete(absences).where(eq(absences.caseId, caseId)).run();
    commands.setAbsence(as('jeugdbeschermer'), {
      participantId: ids.casusregisseur,
      from: addDaysIso(today, 1),
      until: addDaysIso(today, 3),
      standInParticipantId: ids.professional,
    });
    expect(row(ask('ouder').questionId)!.toId).toBe(ids.casusregisseur);
  });

  it('goes to the professional beside a parent regisseur', () => {
    const db = server.services.db;
    const before = db.select({ r: cases.casusregisseurId, p: cases.regieProfessionalId }).from(cases).where(eq(cases.id, caseId)).get()!;
    db.update(cases).set({ casusregisseurId: ids.ouder, regieProfessionalId: ids.jeugdbeschermer }).where(eq(cases.id, caseId)).run();
    try {
      expect(addresseeOf(db, caseId, Date.now())!.participantId).toBe(ids.jeugdbeschermer);
      expect(row(ask('netwerklid').questionId)!.toId).toBe(ids.jeugdbeschermer);
    } finally {
      db.update(cases).set({ casusregisseurId: before.r, regieProfessionalId: before.p }).where(eq(cases.id, caseId)).run();
    }
  });

  it('is one transaction with its audit row', async () => {
    const n = () => server.services.db.select({ n: count() }).from(questions).where(eq(questions.caseId, caseId)).get()!.n;
    const before = n();
    server.services.database.sqlite.exec("create temp trigger fail_insert before insert on audit_log begin select raise(abort, 'forced failure'); end;");
    await expect(Promise.resolve().then(() => ask('ouder'))).rejects.toThrow(/forced failure/);
    expect(n()).toBe(before);
  });
});

describe('answerQuestion', () => {
  it('lets case-facts writers and the addressee answer, nobody else', async () => {
    // Addressed to the regisseur: the jeugdbeschermer (case facts) may answer, the plain professional may not.
    for (const role of ['casusregisseur', 'jeugdbeschermer'] as const) {
      const q = ask('ouder');
      const r = commands.answerQuestion(as(role), { questionId: q.questionId, answer: 'Volgende week dinsdag.' });
      expect(row(q.questionId)).toMatchObject({ answeredById: ids[role], answer: 'Volgende week dinsdag.', answeredAt: r.answeredAt });
    }
    const q = ask('ouder');
    for (const role of ROLES.filter((r) => r !== 'casusregisseur' && r !== 'jeugdbeschermer')) {
      const error = await failure(() => commands.answerQuestion(as(role), { questionId: q.questionId, answer: 'Ik weet het.' }));
      expect(error, role).toBeInstanceOf(NotAllowed);
    }
    expect(row(q.questionId)!.answeredAt).toBeNull();
  });

  it('lets the stand-in answer a question to the absent regisseur, and the addressee answer their own', () => {
    const before = ask('ouder'); // to the regisseur
    commands.setAbsence(as('jeugdbeschermer'), { participantId: ids.casusregisseur, from: today, until: today, standInParticipantId: ids.professional });
    const during = ask('netwerklid'); // to the stand-in
    commands.answerQuestion(as('professional'), { questionId: before.questionId, answer: 'Ik vervang Karim, ik bel je.' });
    commands.answerQuestion(as('professional'), { questionId: during.questionId, answer: 'Dat kan.' });
    expect(row(before.questionId)!.answeredById).toBe(ids.professional);
    expect(row(during.questionId)!.answeredById).toBe(ids.professional);
  });

  it('refuses answering twice (Conflict), bad input and a question of another case', async () => {
    const q = ask('jeugdige');
    commands.answerQuestion(as('casusregisseur'), { questionId: q.questionId, answer: 'Ja.' + ' Dat mag.' });
    const twice = await failure(() => commands.answerQuestion(as('jeugdbeschermer'), { questionId: q.questionId, answer: 'Nog een keer.' }));
    expect(twice).toBeInstanceOf(Conflict);
    expect(twice.message).toMatch(/al beantwoord/);
    expect(row(q.questionId)!.answer).toBe('Ja. Dat mag.');

    const open = ask('jeugdige');
    for (const [input, field] of [
      [{ questionId: open.questionId }, 'answer'],
      [{ questionId: open.questionId, answer: ' ' }, 'answer'],
      [{ questionId: open.questionId, answer: 'x'.repeat(1001) }, 'answer'],
      [{ answer: 'Ja, dat klopt.' }, 'questionId'],
      [{ questionId: "' or 1=1 --", answer: 'Ja, dat klopt.' }, 'questionId'],
    ] as const) {
      const error = await failure(() => commands.answerQuestion(as('casusregisseur'), input));
      expect(error, JSON.stringify(input).slice(0, 60)).toBeInstanceOf(InvalidInput);
      expect(error.field).toBe(field);
      expect(error.message).not.toMatch(/invalid|expected|required/i);
    }
    const unknown = await failure(() => commands.answerQuestion(as('casusregisseur'), { questionId: 'bestaat-niet', answer: 'Ja, dat klopt.' }));
    expect(unknown).toBeInstanceOf(NotFound);

    const foreign = commands.askQuestion({ caseId: other.caseId, participantId: other.participantIds.ouder! }, { kind: 'vraag', text: 'Vraag elders' });
    const error = await failure(() => commands.answerQuestion(as('casusregisseur'), { questionId: foreign.questionId, answer: 'Ja, dat klopt.' }));
    expect(error).toBeInstanceOf(NotFound);
    expect(row(foreign.questionId)!.answeredAt).toBeNull();
  });

  it('queues the asker’s notification in the same transaction, when they opted in, and audits without text', async () => {
    const db = server.services.db;
    db.insert(notificationSettings)
      .values({ participantId: ids.netwerklid!, byEmail: true, bySms: true, email: 'oma@voorbeeld.test', phone: '06-11112222', updatedAt: Date.now() })
      .onConflictDoNothing()
      .run();
    const outboxOf = (questionId: string) =>
      db
        .select()
        .from(outbox)
        .where(eq(outbox.participantId, ids.netwerklid!))
        .all()
        .filter((o) => o.dedupeKey.includes(questionId));

    // A forced failure of the outbox insert undoes the answer and its audit row too.
    const failing = ask('netwerklid', { kind: 'vraag', text: 'Mag ik op zaterdag komen?' });
    const auditsBefore = audits('question-answered').length;
    server.services.database.sqlite.exec("create temp trigger fail_insert before insert on outbox begin select raise(abort, 'forced failure'); end;");
    await expect(
      Promise.resolve().then(() => commands.answerQuestion(as('casusregisseur'), { questionId: failing.questionId, answer: 'Ja hoor.' })),
    ).rejects.toThrow(/forced failure/);
    server.services.database.sqlite.exec('drop trigger temp.fail_insert');
    expect(row(failing.questionId)!.answeredAt).toBeNull();
    expect(audits('question-answered')).toHaveLength(auditsBefore);
    expect(outboxOf(failing.questionId)).toEqual([]);

    // And a failing audit row undoes the answer and the outbox rows.
    server.services.database.sqlite.exec("create temp trigger fail_insert before insert on audit_log begin select raise(abort, 'forced failure'); end;");
    await expect(
      Promise.resolve().then(() => commands.answerQuestion(as('casusregisseur'), { questionId: failing.questionId, answer: 'Ja hoor.' })),
    ).rejects.toThrow(/forced failure/);
    server.services.database.sqlite.exec('drop trigger temp.fail_insert');
    expect(row(failing.questionId)!.answeredAt).toBeNull();
    expect(outboxOf(failing.questionId)).toEqual([]);

    const r = commands.answerQuestion(as('casusregisseur'), { questionId: failing.questionId, answer: 'Ja hoor, zaterdag is goed.' });
    expect(r.notified).toBe(2);
    const rows = outboxOf(failing.questionId);
    expect(rows.map((o) => [o.channel, o.recipient, o.template]).sort()).toEqual([
      ['email', 'oma@voorbeeld.test', 'vraag-beantwoord'],
      ['sms', '06-11112222', 'vraag-beantwoord'],
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/zaterdag/i);
    const audit = audits('question-answered').find((a) => a.detail?.includes(failing.questionId))!;
    expect(audit).toMatchObject({ actorParticipantId: ids.casusregisseur, subjectParticipantId: ids.netwerklid });
    expect(audit.detail).not.toMatch(/zaterdag/i);

    // Someone who did not opt in gets nothing queued.
    const quiet = ask('ouder');
    expect(commands.answerQuestion(as('casusregisseur'), { questionId: quiet.questionId, answer: 'Goed.' }).notified).toBe(0);
  });

  it('keeps an answered question as it is (database trigger)', () => {
    const q = ask('ouder');
    commands.answerQuestion(as('casusregisseur'), { questionId: q.questionId, answer: 'Het antwoord.' });
    expect(() => server.services.database.sqlite.prepare('update questions set answer = ? where id = ?').run('Anders', q.questionId)).toThrow(
      /does not change/,
    );
  });

  it('is refused in a closed case', async () => {
    const q = ask('ouder');
    const db = server.services.db;
    db.update(cases).set({ closedAt: Date.now() }).where(eq(cases.id, caseId)).run();
    try {
      expect(await failure(() => ask('ouder'))).toBeInstanceOf(Conflict);
      expect(await failure(() => commands.answerQuestion(as('casusregisseur'), { questionId: q.questionId, answer: 'Te laat.' }))).toBeInstanceOf(Conflict);
    } finally {
      db.update(cases).set({ closedAt: null }).where(eq(cases.id, caseId)).run();
    }
  });
});

describe('setOrganisationSettings', () => {
  const org = () => server.services.db.select().from(organisations).where(eq(organisations.id, organisationId)).get()!;
  it('sets and clears the out-of-hours number, with an audit row naming only the fields', () => {
    const r = commands.setOrganisationSettings({ via: 'admin-cli' }, { organisation: 'GI Testregio', outOfHoursPhone: '010-555 09 99' });
    expect(r.fields).toEqual(['outOfHoursPhone']);
    expect(org().outOfHoursPhone).toBe('010-555 09 99');
    const audit = server.services.db.select().from(auditLog).where(eq(auditLog.type, 'organisation-settings')).all().at(-1)!;
    expect(audit.detail).toContain('outOfHoursPhone');
    expect(audit.detail).not.toContain('555');
    commands.setOrganisationSettings({ via: 'admin-cli' }, { organisation: 'GI Testregio', outOfHoursPhone: '' });
    expect(org().outOfHoursPhone).toBeNull();
  });

  it('refuses bad input and an unknown organisation in Dutch', async () => {
    for (const input of [
      { organisation: 'GI Testregio', outOfHoursPhone: 'bel de baas' },
      { organisation: 'GI Testregio' },
      { organisation: 'GI Testregio', childOwnLinkAge: '17', childDecidesAge: '12' },
      { organisation: 'GI Testregio', childOwnLinkAge: '-1' },
      { organisation: 'GI Testregio', childDecidesAge: 'zestien' },
      {},
    ]) {
      expect(await failure(() => commands.setOrganisationSettings({ via: 'admin-cli' }, input)), JSON.stringify(input)).toBeInstanceOf(InvalidInput);
    }
    expect(
      await failure(() => commands.setOrganisationSettings({ via: 'admin-cli' }, { organisation: 'Bestaat Niet', outOfHoursPhone: '010-5550999' })),
    ).toBeInstanceOf(NotFound);
    commands.setOrganisationSettings({ via: 'admin-cli' }, { organisation: 'GI Testregio', childOwnLinkAge: '11', childDecidesAge: '15' });
    expect(org()).toMatchObject({ childOwnLinkAge: 11, childDecidesAge: 15 });
  });
});
