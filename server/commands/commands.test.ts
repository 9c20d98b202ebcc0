/**
 * Every command, against the real server (real SQLite file, real sync
 * engine): the happy path, each role that may not (NotAllowed), bad input
 * (missing, garbled, wrong types: InvalidInput with a Dutch message), ids of
 * another case (NotFound), and atomicity — the audit row exists exactly when
 * the change committed (a forced failure of either leaves neither).
 */
import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../app/domain/caseFacts';
import { caseAccess, mayAnswerAcceptance, mayMakeSnapshot, mayRequestAcceptance, mayRestoreSnapshot } from '../../app/domain/permissions';
import { auditLog, cases, participants, scaleScores } from '../../db/schema';
import { createProfessionalFixture } from '../../tests/support/fixtures';
import { createEveryRoleCase } from '../../tests/support/everyRole';
import { startTestServer, type TestServer } from '../../tests/support/testServer';
import type { Actor } from './command.server';
import { InvalidInput, NotAllowed, NotFound } from './errors';
import type { Commands } from './index.server';
import { consentBy, failure } from '../../tests/support/commandTesting';

let server: TestServer;
let commands: Commands;
let caseId: string;
let ids: Record<string, string>;
let other: { caseId: string; participantIds: Record<string, string> };
const actor = (role: Role): Actor => ({ caseId, participantId: ids[role]! });
let spare = 0;

beforeAll(async () => {
  server = await startTestServer();
  commands = server.services.commands;
  ({ caseId, ids, other } = await createEveryRoleCase(server.services.db, 'Gezin Commando'));
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => {
  server.services.database.sqlite.exec('drop trigger if exists temp.fail_insert');
});

/** Everything a command could have written: compared whole before and after a forced failure. */
const FINGERPRINT_TABLES = [
  'participants',
  'personal_links',
  'sessions',
  'snapshots',
  'acceptance_requests',
  'acceptances',
  'scale_scores',
  'cases',
  'audit_log',
];
const fingerprint = () =>
  FINGERPRINT_TABLES.map((t) =>
    JSON.stringify(server.services.database.sqlite.prepare(`select * from ${t} order by rowid`).raw().all(), (_k, v: unknown) =>
      Buffer.isBuffer(v) ? v.length : v,
    ),
  ).join('\n');
const auditCount = (type?: string) =>
  server.services.db
    .select({ n: count() })
    .from(auditLog)
    .where(type ? and(eq(auditLog.caseId, caseId), eq(auditLog.type, type as never)) : eq(auditLog.caseId, caseId))
    .get()!.n;

/** A new family member to act upon (so each attempt has a fresh target). */
function familyTarget(): string {
  spare += 1;
  const id = `target-${spare}-${Date.now()}`;
  server.services.db
    .insert(participants)
    .values({ id, caseId, role: 'netwerklid', name: `Doel ${spare}` })
    .run();
  return id;
}
async function spareAccount(): Promise<string> {
  return (await createProfessionalFixture(server.services.db, `Extra ${++spare}`)).email;
}
function aSnapshot(): string {
  return commands.makeSnapshot(actor('jeugdbeschermer'), { label: 'Testversie', reason: 'handmatig' }).snapshotId;
}
function aRequest(): string {
  return commands.requestAcceptance(actor('jeugdbeschermer')).requestId;
}

interface Case {
  name: keyof Commands;
  allowed: (role: Role) => boolean;
  /** A valid input for the happy path (made fresh per call). */
  input: () => unknown | Promise<unknown>;
  run: (a: Actor, input: unknown) => unknown;
  /** Where the change itself is written (a trigger there makes it fail) and the audit type it records. */
  change: { table: string; event: 'insert' | 'update' };
  audit: string;
  bad?: unknown[];
  foreign?: () => unknown;
}

const GARBLED = ['', '   ', '../../etc/passwd', 'x'.repeat(500), 42, ['a'], { $ne: 1 }, null];

const CASES: Case[] = [
  {
    name: 'addFamilyMember',
    allowed: (r) => caseAccess(r, 'participants') === 'manage',
    input: () => ({ role: 'netwerklid', name: 'Piet Proef', relation: 'buurman', ...consentBy(ids.ouder!) }),
    run: (a, i) => commands.addFamilyMember(a, i),
    change: { table: 'participants', event: 'insert' },
    audit: 'participant-added',
    bad: [
      {},
      { role: 'jeugdbeschermer', name: 'Piet' },
      { role: 'netwerklid', name: 'P' },
      { role: 'netwerklid', name: ['Piet', 'Jan'] },
      { role: 'ouder', name: 'Piet', email: 'geen-mail' },
      { role: 'ouder', name: 'x'.repeat(121) },
      { role: 'netwerklid', name: 'Piet Zonder Grondslag' },
      { role: 'netwerklid', name: 'Piet Zonder Grondslag', basis: 'toestemming', consentGivenById: '../x' },
    ],
  },
  {
    name: 'addProfessional',
    allowed: (r) => caseAccess(r, 'participants') === 'manage',
    input: async () => ({ role: 'professional', account: await spareAccount(), ...consentBy(ids.ouder!) }),
    run: (a, i) => commands.addProfessional(a, i),
    change: { table: 'participants', event: 'insert' },
    audit: 'participant-added',
    bad: [{}, { role: 'ouder', account: 'a@b.nl' }, { role: 'professional', account: 'geen-mail' }, { role: 'professional', account: 'niemand@nergens.nl' }],
  },
  {
    name: 'changeRole',
    allowed: (r) => caseAccess(r, 'participants') === 'manage',
    input: () => ({ participantId: familyTarget(), role: 'ouder' }),
    run: (a, i) => commands.changeRole(a, i),
    change: { table: 'participants', event: 'update' },
    audit: 'role-changed',
    bad: [{}, { role: 'ouder' }, ...GARBLED.map((participantId) => ({ participantId, role: 'ouder' })), { participantId: 'x', role: 'koning' }],
    foreign: () => ({ participantId: other.participantIds.ouder, role: 'netwerklid' }),
  },
  {
    name: 'removeParticipant',
    allowed: (r) => caseAccess(r, 'participants') === 'manage',
    input: () => ({ participantId: familyTarget() }),
    run: (a, i) => commands.removeParticipant(a, i),
    change: { table: 'participants', event: 'update' },
    audit: 'participant-removed',
    bad: [{}, ...GARBLED.map((participantId) => ({ participantId }))],
    foreign: () => ({ participantId: other.participantIds.ouder }),
  },
  {
    name: 'createPersonalLink',
    allowed: (r) => caseAccess(r, 'participants') === 'manage',
    input: () => ({ participantId: familyTarget(), days: '7', code: 'on' }),
    run: (a, i) => commands.createPersonalLink(a, i),
    change: { table: 'personal_links', event: 'insert' },
    audit: 'link-created',
    bad: [
      {},
      ...GARBLED.map((participantId) => ({ participantId })),
      { participantId: 'abc', days: '0' },
      { participantId: 'abc', days: '366' },
      { participantId: 'abc', days: 'tien' },
      { participantId: 'abc', code: 'ja' },
    ],
    foreign: () => ({ participantId: other.participantIds.ouder }),
  },
  {
    name: 'revokeLink',
    allowed: (r) => caseAccess(r, 'participants') === 'manage',
    input: async () => {
      const participantId = familyTarget();
      await commands.createPersonalLink(actor('jeugdbeschermer'), { participantId });
      return { participantId };
    },
    run: (a, i) => commands.revokeLink(a, i),
    change: { table: 'personal_links', event: 'update' },
    audit: 'link-revoked',
    bad: [{}, ...GARBLED.map((participantId) => ({ participantId }))],
    foreign: () => ({ participantId: other.participantIds.ouder }),
  },
  {
    name: 'makeSnapshot',
    allowed: mayMakeSnapshot,
    input: () => ({ label: 'Na het gesprek', reason: 'sessie' }),
    run: (a, i) => commands.makeSnapshot(a, i),
    change: { table: 'snapshots', event: 'insert' },
    audit: 'snapshot',
    bad: [
      {},
      { label: 'x', reason: 'handmatig' },
      { label: 'Goed', reason: 'dagelijks' },
      { label: 'Goed', reason: 'akkoord' },
      { label: 'x'.repeat(121), reason: 'handmatig' },
      { label: ['a', 'b'], reason: 'handmatig' },
    ],
  },
  {
    name: 'restoreSnapshot',
    allowed: mayRestoreSnapshot,
    input: () => ({ snapshotId: aSnapshot() }),
    run: (a, i) => commands.restoreSnapshot(a, i),
    change: { table: 'snapshots', event: 'insert' },
    audit: 'snapshot-restored',
    bad: [{}, ...GARBLED.map((snapshotId) => ({ snapshotId }))],
    foreign: () => ({
      snapshotId: commands.makeSnapshot({ caseId: other.caseId, participantId: other.participantIds.jb! }, { label: 'Elders', reason: 'handmatig' }).snapshotId,
    }),
  },
  {
    name: 'requestAcceptance',
    allowed: mayRequestAcceptance,
    input: () => ({}),
    run: (a) => commands.requestAcceptance(a),
    change: { table: 'acceptance_requests', event: 'insert' },
    audit: 'acceptance-requested',
  },
  {
    name: 'answerAcceptance',
    allowed: mayAnswerAcceptance,
    input: () => ({ requestId: aRequest(), agreed: 'ja', comment: 'Goed plan' }),
    run: (a, i) => commands.answerAcceptance(a, i),
    change: { table: 'acceptances', event: 'insert' },
    audit: 'acceptance-answered',
    bad: [
      {},
      { requestId: 'abc' },
      { requestId: 'abc', agreed: 'misschien' },
      ...GARBLED.map((requestId) => ({ requestId, agreed: 'ja' })),
      { requestId: 'abc', agreed: 'ja', comment: 'x'.repeat(1001) },
    ],
    foreign: () => ({ requestId: commands.requestAcceptance({ caseId: other.caseId, participantId: other.participantIds.jb! }).requestId, agreed: 'ja' }),
  },
  {
    name: 'saveScaleScore',
    allowed: (r) => caseAccess(r, 'ownScaleScore') === 'write',
    input: () => ({ score: '6', explanation: 'Het gaat beter.' }),
    run: (a, i) => commands.saveScaleScore(a, i),
    change: { table: 'scale_scores', event: 'insert' },
    audit: 'score-saved',
    bad: [
      {},
      { score: '11' },
      { score: '-1' },
      { score: '5.5' },
      { score: 'zes' },
      { score: ['5'] },
      { score: 5 },
      { score: '5', explanation: 'x'.repeat(1001) },
    ],
  },
  {
    name: 'setScaleQuestion',
    allowed: (r) => caseAccess(r, 'caseFacts') === 'write',
    // A case fact: each change needs a reason and a new value (the same question again is "nothing changed").
    input: () => ({ question: `Hoe veilig is Kim thuis, van 0 tot 10? (${++spare})`, reason: 'De familie vond de vraag te lang.' }),
    run: (a, i) => commands.setScaleQuestion(a, i),
    change: { table: 'cases', event: 'update' },
    audit: 'scale-question-changed',
    bad: [
      {},
      { question: 'Kort', reason: 'Een goede reden' },
      { question: 'x'.repeat(1001), reason: 'Een goede reden' },
      { question: 12345678901, reason: 'Een goede reden' },
      { question: 'Hoe veilig is Kim thuis nu?' },
      { question: 'Hoe veilig is Kim thuis nu?', reason: 'x' },
    ],
  },
];

describe.each(CASES)('$name', (c) => {
  it('does its change and writes its audit row, for every role that may', async () => {
    for (const role of ROLES.filter(c.allowed)) {
      const before = auditCount(c.audit);
      await c.run(actor(role), await c.input());
      expect(auditCount(c.audit), `${role}`).toBe(before + 1);
    }
    expect(ROLES.filter(c.allowed).length).toBeGreaterThan(0);
  });

  it('refuses every role that may not, with a Dutch message and no change', async () => {
    for (const role of ROLES.filter((r) => !c.allowed(r))) {
      const input = await c.input();
      const before = auditCount();
      const error = await failure(() => c.run(actor(role), input));
      expect(error, `${role}`).toBeInstanceOf(NotAllowed);
      expect(error.status).toBe(403);
      expect(error.message).toMatch(/[a-z]/);
      expect(auditCount(), `${role}`).toBe(before);
    }
  });

  if (c.bad) {
    it('answers bad input with InvalidInput (400) in Dutch, never a crash', async () => {
      for (const input of [...c.bad!, undefined, null, 'plain text', 17, [1, 2]]) {
        const error = await failure(() => c.run(actor('jeugdbeschermer'), input));
        expect([400, 404], String(JSON.stringify(input)).slice(0, 80)).toContain(error.status);
        expect(error.message).not.toMatch(/invalid|expected|received|required/i);
      }
    });
  }

  if (c.foreign) {
    it('answers an id of another case with NotFound (404) and changes nothing there', async () => {
      const input = await c.foreign!();
      const error = await failure(() => c.run(actor('jeugdbeschermer'), input));
      expect(error).toBeInstanceOf(NotFound);
      expect(error.status).toBe(404);
    });
  }

  it('keeps change and audit row together: a failing audit write leaves no change, a failing change leaves no audit row', async () => {
    const sqlite = server.services.database.sqlite;
    for (const failing of [{ table: 'audit_log', event: 'insert' }, c.change]) {
      const input = await c.input();
      const before = fingerprint();
      sqlite.exec(`create temp trigger fail_insert before ${failing.event} on ${failing.table} begin select raise(abort, 'forced failure'); end;`);
      await expect(Promise.resolve().then(() => c.run(actor('jeugdbeschermer'), input))).rejects.toThrow(/forced failure/);
      sqlite.exec('drop trigger temp.fail_insert');
      expect(fingerprint() === before, `failing ${failing.event} on ${failing.table}`).toBe(true);
    }
  });
});

describe('commands keep the person who acts honest', () => {
  it('a removed participant can no longer act on an old request', async () => {
    const gone = familyTarget();
    commands.removeParticipant(actor('jeugdbeschermer'), { participantId: gone });
    const error = await failure(() => commands.saveScaleScore({ caseId, participantId: gone }, { score: '3' }));
    expect(error).toBeInstanceOf(NotFound);
  });

  it('an actor claiming another case is refused', async () => {
    const error = await failure(() => commands.saveScaleScore({ caseId: other.caseId, participantId: ids.jeugdbeschermer! }, { score: '3' }));
    expect(error).toBeInstanceOf(NotFound);
  });

  it('a score is always the actor’s own: a participant id in the input is ignored', () => {
    commands.saveScaleScore(actor('ouder'), { score: '2', participantId: ids.jeugdbeschermer });
    const last = server.services.db
      .select()
      .from(scaleScores)
      .where(eq(scaleScores.caseId, caseId))
      .orderBy(sql`id desc`)
      .get()!;
    expect(last.participantId).toBe(ids.ouder);
  });

  it('nobody changes their own role or removes themselves; the casusregisseur cannot be removed before a handover', async () => {
    expect(await failure(() => commands.changeRole(actor('jeugdbeschermer'), { participantId: ids.jeugdbeschermer, role: 'meelezer' }))).toBeInstanceOf(
      NotAllowed,
    );
    expect(await failure(() => commands.removeParticipant(actor('jeugdbeschermer'), { participantId: ids.jeugdbeschermer }))).toBeInstanceOf(NotAllowed);
    const regie = await failure(() => commands.removeParticipant(actor('jeugdbeschermer'), { participantId: ids.casusregisseur }));
    expect(regie.status).toBe(409);
    expect(server.services.db.select().from(cases).where(eq(cases.id, caseId)).get()!.casusregisseurId).toBe(ids.casusregisseur);
  });

  it('a family role cannot be given to a professional account, nor a professional role to a family member', async () => {
    expect(await failure(() => commands.changeRole(actor('jeugdbeschermer'), { participantId: ids.professional, role: 'ouder' }))).toBeInstanceOf(InvalidInput);
    expect(await failure(() => commands.changeRole(actor('jeugdbeschermer'), { participantId: familyTarget(), role: 'casusregisseur' }))).toBeInstanceOf(
      InvalidInput,
    );
  });

  it('a personal link is only for family and netwerk', async () => {
    expect(await failure(() => commands.createPersonalLink(actor('jeugdbeschermer'), { participantId: ids.professional }))).toBeInstanceOf(InvalidInput);
  });
});
