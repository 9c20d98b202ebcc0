/**
 * Besluiten against the real server: proposing (case-facts writers only,
 * grounds linked to real kaart items, advice by a professional of the case,
 * plain words for the family), the vier-ogen agreement (a second
 * professional — never the proposer, a meelezer or family), withdrawing
 * before it counts, ids of another case (404), bad input (Dutch 400s), the
 * change and its case event in one transaction, and the pages.
 */
import { randomUUID } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ROLE_LABELS, ROLES, type Role } from '../../app/domain/caseFacts';
import { addItem } from '../../app/domain/items';
import { mayAgreeBesluit, mayProposeBesluit } from '../../app/domain/permissions';
import { besluiten, caseEvents } from '../../db/schema';
import { createEveryRoleCase, type Account } from '../../tests/support/everyRole';
import { get, login, postForm, startTestServer, type TestServer } from '../../tests/support/testServer';
import type { Actor } from './command.server';
import { Conflict, InvalidInput, NotAllowed, NotFound } from './errors';
import type { Commands } from './index.server';
import { failure } from '../../tests/support/commandTesting';

let server: TestServer;
let commands: Commands;
let caseId: string;
let ids: Record<string, string>;
let accounts: Partial<Record<Role, Account>>;
let other: { caseId: string; participantIds: Record<string, string> };
let itemId: string;
let secondItemId: string;
let otherItemId: string;
const actor = (role: Role): Actor => ({ caseId, participantId: ids[role]! });

/** A kaart item written by the server on behalf of a participant, as a page would. */
function kaartItem(inCase: string, participantId: string, text: string): string {
  let id = '';
  server.services.sync.room(inCase, 'kaart').applyServerChange({ participantId, connectionId: null }, (doc) => {
    id = addItem(doc, { participantId, name: 'Test', role: ROLE_LABELS.jeugdbeschermer }, { section: 'bang', fields: { text } });
  });
  return id;
}

beforeAll(async () => {
  server = await startTestServer();
  commands = server.services.commands;
  ({ caseId, ids, accounts, other } = await createEveryRoleCase(server.services.db, 'Gezin Besluit'));
  itemId = kaartItem(caseId, ids.jeugdbeschermer!, 'Kim is bang als vader boos wordt.');
  secondItemId = kaartItem(caseId, ids.ouder!, 'Oma kan elke dag langskomen.');
  otherItemId = kaartItem(other.caseId, other.participantIds.jb!, 'Ander gezin.');
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => {
  server.services.database.sqlite.exec('drop trigger if exists temp.fail_insert');
});

const valid = (extra: Record<string, unknown> = {}) => ({
  kind: 'raad-onderzoek',
  title: 'Raad voor de Kinderbescherming om onderzoek vragen',
  grounds: 'De afspraken over veiligheid worden al drie maanden niet nagekomen.',
  groundItemIds: [itemId],
  alternatives: 'Een extra netwerkberaad; intensievere gezinsbegeleiding. Beide zijn geprobeerd.',
  advice: 'Onderzoek is passend; de zorgen zijn groot en houden aan.',
  adviceById: ids.professional,
  familySummary: 'We maken ons grote zorgen. De afspraken lukken niet. Daarom vragen we de Raad om mee te kijken.',
  ...extra,
});
const row = (id: string) => server.services.db.select().from(besluiten).where(eq(besluiten.id, id)).get()!;
const events = (type: 'besluit-proposed' | 'besluit-agreed' | 'besluit-withdrawn', refId: string) =>
  server.services.db
    .select()
    .from(caseEvents)
    .where(and(eq(caseEvents.type, type), eq(caseEvents.refId, refId)))
    .all();
const besluitCount = () => server.services.db.select({ n: count() }).from(besluiten).where(eq(besluiten.caseId, caseId)).get()!.n;

describe('proposeBesluit', () => {
  it('records the besluit with its grounds, kaart items, alternatives, advice and family words, and a besluit-proposed event', () => {
    const { besluitId } = commands.proposeBesluit(actor('jeugdbeschermer'), valid({ groundItemIds: [itemId, secondItemId, itemId] }));
    const b = row(besluitId);
    expect(b).toMatchObject({
      caseId,
      kind: 'raad-onderzoek',
      proposedById: ids.jeugdbeschermer,
      adviceById: ids.professional,
      agreedById: null,
      withdrawnAt: null,
    });
    expect(JSON.parse(b.groundItemIds)).toEqual([itemId, secondItemId]);
    const [event] = events('besluit-proposed', besluitId);
    expect(event).toMatchObject({ caseId, actorParticipantId: ids.jeugdbeschermer, newValue: JSON.stringify(b.title) });
  });

  it('the casusregisseur may too; other professionals, the meelezer, family and netwerk may not (403, nothing written)', async () => {
    expect(commands.proposeBesluit(actor('casusregisseur'), valid({ adviceById: '', advice: '' })).besluitId).toBeTruthy();
    for (const role of ROLES.filter((r) => !mayProposeBesluit(r))) {
      const before = besluitCount();
      const error = await failure(() => commands.proposeBesluit(actor(role), valid()));
      expect(error, role).toBeInstanceOf(NotAllowed);
      expect(besluitCount(), role).toBe(before);
    }
    expect(ROLES.filter(mayProposeBesluit)).toEqual(['jeugdbeschermer', 'casusregisseur']);
  });

  it('answers bad input with a Dutch 400, never a crash', async () => {
    const bad: unknown[] = [
      {},
      valid({ kind: 'opsluiten' }),
      valid({ title: '' }),
      valid({ title: 'x'.repeat(161) }),
      valid({ grounds: 'kort' }),
      valid({ grounds: undefined }),
      valid({ alternatives: '' }),
      valid({ familySummary: '' }),
      valid({ familySummary: ['a', 'b'] }),
      valid({ groundItemIds: ['../../etc/passwd'] }),
      valid({ groundItemIds: 42 }),
      valid({ groundItemIds: Array.from({ length: 41 }, () => itemId) }),
      valid({ advice: 'Wel advies', adviceById: '' }),
      valid({ advice: '', adviceById: ids.professional }),
      valid({ adviceById: "' or 1=1 --" }),
      undefined,
      null,
      'tekst',
      17,
      [1, 2],
    ];
    const before = besluitCount();
    for (const input of bad) {
      const error = await failure(() => commands.proposeBesluit(actor('jeugdbeschermer'), input));
      expect(error, JSON.stringify(input)?.slice(0, 80)).toBeInstanceOf(InvalidInput);
      expect(error.message).not.toMatch(/invalid|expected|received|required/i);
    }
    expect(besluitCount()).toBe(before);
  });

  it('refuses a kaart item that is not on this case’s kaart (unknown, or of another case) with a 400', async () => {
    for (const groundItemIds of [[randomUUID()], [itemId, otherItemId]]) {
      const error = await failure(() => commands.proposeBesluit(actor('jeugdbeschermer'), valid({ groundItemIds })));
      expect(error).toBeInstanceOf(InvalidInput);
      expect(error.status).toBe(400);
      expect(error.message).toBe('Een van de gekozen kaartitems staat niet (meer) op de kaart.');
    }
  });

  it('takes advice only from a professional of this case: another case’s, a family member or an unknown id is a 400', async () => {
    for (const adviceById of [other.participantIds.jb, ids.ouder, ids.netwerklid, randomUUID()]) {
      const error = await failure(() => commands.proposeBesluit(actor('jeugdbeschermer'), valid({ adviceById })));
      expect(error, adviceById).toBeInstanceOf(InvalidInput);
      expect(error.field).toBe('adviceById');
    }
    // The meelezer has a professional account: a gedragswetenschapper may be in the case as one.
    expect(commands.proposeBesluit(actor('jeugdbeschermer'), valid({ adviceById: ids.meelezer })).besluitId).toBeTruthy();
  });
});

describe('agreeBesluit (vier ogen)', () => {
  it('a second professional agrees: then it counts, with a besluit-agreed event carrying the family’s why', () => {
    const { besluitId } = commands.proposeBesluit(actor('jeugdbeschermer'), valid());
    commands.agreeBesluit(actor('casusregisseur'), { besluitId });
    expect(row(besluitId)).toMatchObject({ agreedById: ids.casusregisseur });
    expect(row(besluitId).agreedAt).toBeGreaterThan(0);
    const [event] = events('besluit-agreed', besluitId);
    expect(event).toMatchObject({ actorParticipantId: ids.casusregisseur, subjectParticipantId: ids.jeugdbeschermer, reason: valid().familySummary });
    const forFamily = server.services.besluiten.agreedForFamily(caseId).find((b) => b.id === besluitId);
    expect(forFamily?.by).toEqual([accounts.jeugdbeschermer!.name, accounts.casusregisseur!.name]);
  });

  it('every professional who works in the case may be the second one; the proposer, the meelezer, family and netwerk may not', async () => {
    expect(ROLES.filter(mayAgreeBesluit)).toEqual(['jeugdbeschermer', 'casusregisseur', 'professional']);
    for (const role of ROLES) {
      const proposer = role === 'jeugdbeschermer' ? 'casusregisseur' : 'jeugdbeschermer';
      const { besluitId } = commands.proposeBesluit(actor(proposer), valid());
      if (mayAgreeBesluit(role)) {
        commands.agreeBesluit(actor(role), { besluitId });
        expect(row(besluitId).agreedById, role).toBe(ids[role]);
      } else {
        const error = await failure(() => commands.agreeBesluit(actor(role), { besluitId }));
        expect(error, role).toBeInstanceOf(NotAllowed);
        expect(row(besluitId).agreedAt, role).toBeNull();
      }
    }
  });

  it('the proposer cannot agree to their own besluit (an account has one participant record per case, so this is the person)', async () => {
    const { besluitId } = commands.proposeBesluit(actor('casusregisseur'), valid());
    const own = await failure(() => commands.agreeBesluit(actor('casusregisseur'), { besluitId }));
    expect(own).toBeInstanceOf(NotAllowed);
    expect(own.message).toMatch(/zelf voorgesteld/);
    expect(row(besluitId).agreedAt).toBeNull();
  });

  it('the database refuses the proposer as the second pair of eyes too', () => {
    const { besluitId } = commands.proposeBesluit(actor('jeugdbeschermer'), valid());
    expect(() =>
      server.services.db.update(besluiten).set({ agreedById: ids.jeugdbeschermer, agreedAt: Date.now() }).where(eq(besluiten.id, besluitId)).run(),
    ).toThrow(/second professional/);
  });

  it('agreeing twice or agreeing to a withdrawn besluit is a 409', async () => {
    const { besluitId } = commands.proposeBesluit(actor('jeugdbeschermer'), valid());
    commands.agreeBesluit(actor('professional'), { besluitId });
    expect(await failure(() => commands.agreeBesluit(actor('casusregisseur'), { besluitId }))).toBeInstanceOf(Conflict);
    const withdrawn = commands.proposeBesluit(actor('jeugdbeschermer'), valid()).besluitId;
    commands.withdrawBesluit(actor('jeugdbeschermer'), { besluitId: withdrawn, reason: 'Toch niet nodig.' });
    expect(await failure(() => commands.agreeBesluit(actor('casusregisseur'), { besluitId: withdrawn }))).toBeInstanceOf(Conflict);
  });
});

describe('withdrawBesluit', () => {
  it('a case-facts writer withdraws a proposal with a reason (event besluit-withdrawn); others may not', async () => {
    const { besluitId } = commands.proposeBesluit(actor('jeugdbeschermer'), valid());
    for (const role of ROLES.filter((r) => !mayProposeBesluit(r))) {
      expect(await failure(() => commands.withdrawBesluit(actor(role), { besluitId, reason: 'Mag ik niet.' })), role).toBeInstanceOf(NotAllowed);
    }
    commands.withdrawBesluit(actor('casusregisseur'), { besluitId, reason: 'De situatie is veranderd.' });
    expect(row(besluitId)).toMatchObject({ withdrawReason: 'De situatie is veranderd.' });
    expect(events('besluit-withdrawn', besluitId)[0]).toMatchObject({ reason: 'De situatie is veranderd.', actorParticipantId: ids.casusregisseur });
    expect(await failure(() => commands.withdrawBesluit(actor('jeugdbeschermer'), { besluitId, reason: 'Nog eens.' }))).toBeInstanceOf(Conflict);
  });

  it('an agreed besluit is not withdrawn (409); a reason is required (400)', async () => {
    const { besluitId } = commands.proposeBesluit(actor('jeugdbeschermer'), valid());
    for (const input of [{ besluitId }, { besluitId, reason: '' }, { besluitId, reason: 'x'.repeat(1001) }, { reason: 'Geen id' }, {}, null]) {
      expect(await failure(() => commands.withdrawBesluit(actor('jeugdbeschermer'), input)), JSON.stringify(input)).toBeInstanceOf(InvalidInput);
    }
    commands.agreeBesluit(actor('professional'), { besluitId });
    const error = await failure(() => commands.withdrawBesluit(actor('jeugdbeschermer'), { besluitId, reason: 'Toch niet.' }));
    expect(error).toBeInstanceOf(Conflict);
    expect(row(besluitId).withdrawnAt).toBeNull();
  });
});

describe('ids of another case and garbled ids', () => {
  it('a besluit of another case is a 404 for agreeing and withdrawing, and stays untouched', async () => {
    const { besluitId } = commands.proposeBesluit(
      { caseId: other.caseId, participantId: other.participantIds.jb! },
      { ...valid(), groundItemIds: [otherItemId], adviceById: '', advice: '' },
    );
    for (const run of [
      () => commands.agreeBesluit(actor('casusregisseur'), { besluitId }),
      () => commands.withdrawBesluit(actor('jeugdbeschermer'), { besluitId, reason: 'Niet van ons.' }),
    ]) {
      const error = await failure(run);
      expect(error).toBeInstanceOf(NotFound);
      expect(error.status).toBe(404);
    }
    expect(row(besluitId)).toMatchObject({ agreedAt: null, withdrawnAt: null });
  });

  it('a garbled besluit id is a 400 or 404 in Dutch', async () => {
    for (const besluitId of ['', '   ', '../../etc/passwd', 'x'.repeat(500), 42, ['a'], { $ne: 1 }, null, randomUUID()]) {
      const error = await failure(() => commands.agreeBesluit(actor('casusregisseur'), { besluitId }));
      expect([400, 404]).toContain(error.status);
      expect(error.message).not.toMatch(/invalid|expected|received|required/i);
    }
  });
});

describe('the change and its case event are one transaction', () => {
  const failEvents = () =>
    server.services.database.sqlite.exec(`create temp trigger fail_insert before insert on case_events begin select raise(abort, 'forced failure'); end;`);
  const stop = () => server.services.database.sqlite.exec('drop trigger temp.fail_insert');

  it('a failing event leaves no proposal, no agreement and no withdrawal', () => {
    const before = besluitCount();
    failEvents();
    expect(() => commands.proposeBesluit(actor('jeugdbeschermer'), valid())).toThrow(/forced failure/);
    stop();
    expect(besluitCount()).toBe(before);

    const { besluitId } = commands.proposeBesluit(actor('jeugdbeschermer'), valid());
    failEvents();
    expect(() => commands.agreeBesluit(actor('casusregisseur'), { besluitId })).toThrow(/forced failure/);
    expect(() => commands.withdrawBesluit(actor('jeugdbeschermer'), { besluitId, reason: 'Toch niet.' })).toThrow(/forced failure/);
    stop();
    expect(row(besluitId)).toMatchObject({ agreedById: null, agreedAt: null, withdrawnAt: null, withdrawReason: null });
  });

  it('a failing change leaves no event', () => {
    const sqlite = server.services.database.sqlite;
    const eventsBefore = server.services.db.select({ n: count() }).from(caseEvents).where(eq(caseEvents.caseId, caseId)).get()!.n;
    sqlite.exec(`create temp trigger fail_insert before insert on besluiten begin select raise(abort, 'forced failure'); end;`);
    expect(() => commands.proposeBesluit(actor('jeugdbeschermer'), valid())).toThrow(/forced failure/);
    stop();
    expect(server.services.db.select({ n: count() }).from(caseEvents).where(eq(caseEvents.caseId, caseId)).get()!.n).toBe(eventsBefore);
  });
});

describe('the pages', () => {
  const html = async (res: Response) => (await res.text()).replace(/<!-- -->/g, '');

  it('professionals read the Besluiten tab (the meelezer too, without forms); family and netwerk get a 404', async () => {
    for (const role of ROLES) {
      const cookie = accounts[role]
        ? await login(server.url, accounts[role].email, accounts[role].password)
        : (await server.services.auth.createParticipantSession(ids[role]!)).split(';')[0]!;
      const res = await get(server.url, `/casussen/${caseId}/besluiten`, cookie);
      if (accounts[role]) {
        expect(res.status, role).toBe(200);
        const page = await html(res);
        expect(page, role).toContain('Kim is bang als vader boos wordt.');
        expect(page.includes('Besluit voorstellen'), role).toBe(mayProposeBesluit(role));
      } else {
        expect(res.status, role).toBe(404);
        await res.arrayBuffer();
      }
    }
  });

  it('a second professional agrees through the form; the family home then says in plain Dutch who decided and why', async () => {
    const title = 'Gezinscoach stopt, oma helpt elke dag';
    const { besluitId } = commands.proposeBesluit(
      actor('jeugdbeschermer'),
      valid({ kind: 'hulp-stoppen', title, familySummary: 'Het gaat goed met oma erbij.' }),
    );
    const cookie = await login(server.url, accounts.professional!.email, accounts.professional!.password);
    const res = await postForm(
      server.url,
      `/casussen/${caseId}/besluiten?_data=${encodeURIComponent('routes/casussen.$caseId.besluiten')}`,
      { intent: 'agree-besluit', besluitId },
      { Cookie: cookie },
    );
    expect(res.status).toBe(200);
    expect(row(besluitId).agreedById).toBe(ids.professional);
    const family = (await server.services.auth.createParticipantSession(ids.ouder!)).split(';')[0]!;
    const home = await html(await get(server.url, `/casussen/${caseId}`, family));
    expect(home).toContain(`hebben ${accounts.jeugdbeschermer!.name} en ${accounts.professional!.name} besloten: <strong>${title}</strong>`);
    expect(home).toContain('Waarom: Het gaat goed met oma erbij.');
    // Not yet agreed: the family is not told.
    const pending = commands.proposeBesluit(actor('jeugdbeschermer'), valid({ title: 'Nog niet genomen' })).besluitId;
    expect(await html(await get(server.url, `/casussen/${caseId}`, family))).not.toContain('Nog niet genomen');
    expect(row(pending).agreedAt).toBeNull();
  });
});
