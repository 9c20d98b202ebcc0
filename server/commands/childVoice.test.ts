/**
 * The child's own voice against the real server (real SQLite): every role ×
 * each command, the age rules (under 12 no own link; 12–15 a professional
 * chooses the viewers with the child; 16+ only the young person), ids of
 * another case (NotFound), bad input and bad uploads (wrong magic bytes, too
 * big, an SVG) refused in Dutch, and atomicity: the change and its audit row
 * commit together or not at all.
 */
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../app/domain/caseFacts';
import { auditLog, children, childStory, houseEntries, houseViewers, pictures } from '../../db/schema';
import { failure } from '../../tests/support/commandTesting';
import { createEveryRoleCase } from '../../tests/support/everyRole';
import { addParticipantFixture } from '../../tests/support/fixtures';
import { startTestServer, type TestServer } from '../../tests/support/testServer';
import { houseAccess, pictureForViewer, storyOf } from '../childVoice/childVoice.server';
import { todayIso } from '../cases/regie.server';
import type { Actor } from './command.server';
import { Conflict, InvalidInput, NotAllowed, NotFound } from './errors';
import type { Commands } from './index.server';

let server: TestServer;
let commands: Commands;
let caseId: string;
let ids: Record<string, string>;
let other: { caseId: string; participantIds: Record<string, string> };
/** Kim (12, the case's jeugdige is her own record), Mo (8, no own record), Lot (17, own record `lot`). */
const kids = { kim: '', mo: '', lot: '', foreign: '' };
let lot = '';
const year = Number(todayIso().slice(0, 4));
const actor = (role: Role): Actor => ({ caseId, participantId: ids[role]! });
const as = (participantId: string): Actor => ({ caseId, participantId });
const WRITERS: Role[] = ['jeugdbeschermer', 'casusregisseur', 'professional'];
const MANAGERS: Role[] = ['jeugdbeschermer', 'casusregisseur'];

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

const db = () => server.services.db;
const auditCount = (type: string) =>
  db()
    .select({ n: count() })
    .from(auditLog)
    .where(and(eq(auditLog.caseId, caseId), eq(auditLog.type, type as never)))
    .get()!.n;
const failOn = (table: string, event = 'insert') =>
  server.services.database.sqlite.exec(`create temp trigger fail_insert before ${event} on ${table} begin select raise(abort, 'forced failure'); end;`);
const childRow = (id: string) => db().select().from(children).where(eq(children.id, id)).get()!;
const access = (childId: string, participantId: string, role: Role) => houseAccess(db(), childRow(childId), { id: participantId, role });

beforeAll(async () => {
  server = await startTestServer();
  commands = server.services.commands;
  ({ caseId, ids, other } = await createEveryRoleCase(server.services.db, 'Gezin Stem'));
  const childIn = (c: string) => db().select().from(children).where(eq(children.caseId, c)).all();
  kids.kim = childIn(caseId)[0]!.id;
  db()
    .update(children)
    .set({ birthYear: year - 12 })
    .where(eq(children.id, kids.kim))
    .run();
  commands.addChild(actor('jeugdbeschermer'), { firstName: 'Mo', birthYear: String(year - 8), reason: 'Broertje erbij' });
  commands.addChild(actor('jeugdbeschermer'), { firstName: 'Lot', birthYear: String(year - 17), reason: 'Grote zus erbij' });
  kids.mo = childIn(caseId).find((c) => c.firstName === 'Mo')!.id;
  kids.lot = childIn(caseId).find((c) => c.firstName === 'Lot')!.id;
  kids.foreign = childIn(other.caseId)[0]!.id;
  lot = addParticipantFixture(db(), caseId, { role: 'jeugdige', name: 'Lot Stem' });
  commands.linkChildParticipant(actor('jeugdbeschermer'), { childId: kids.kim, participantId: ids.jeugdige });
  commands.linkChildParticipant(actor('casusregisseur'), { childId: kids.lot, participantId: lot });
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => {
  server.services.database.sqlite.exec('drop trigger if exists temp.fail_insert');
});

describe('linkChildParticipant and the age rule for links', () => {
  it('is for the managers of participants only', async () => {
    for (const role of ROLES.filter((r) => !MANAGERS.includes(r))) {
      expect(await failure(() => commands.linkChildParticipant(actor(role), { childId: kids.mo, participantId: '' })), role).toBeInstanceOf(NotAllowed);
    }
  });
  it('refuses someone who is not a jeugdige, a jeugdige of another child, another case', async () => {
    const e = await failure(() => commands.linkChildParticipant(actor('jeugdbeschermer'), { childId: kids.mo, participantId: ids.ouder }));
    expect(e).toBeInstanceOf(InvalidInput);
    expect(e.message).toMatch(/jeugdige/);
    expect(await failure(() => commands.linkChildParticipant(actor('jeugdbeschermer'), { childId: kids.mo, participantId: lot }))).toBeInstanceOf(InvalidInput);
    expect(
      await failure(() => commands.linkChildParticipant(actor('jeugdbeschermer'), { childId: kids.mo, participantId: other.participantIds.ouder })),
    ).toBeInstanceOf(NotFound);
    expect(await failure(() => commands.linkChildParticipant(actor('jeugdbeschermer'), { childId: kids.foreign, participantId: '' }))).toBeInstanceOf(NotFound);
    for (const bad of [{}, { childId: '../x' }, { childId: kids.mo, participantId: ['a'] }])
      expect(await failure(() => commands.linkChildParticipant(actor('jeugdbeschermer'), bad))).toBeInstanceOf(InvalidInput);
  });
  it('under the own-link age: no personal link for the child’s own record (and no linking of someone who has one)', async () => {
    const young = addParticipantFixture(db(), caseId, { role: 'jeugdige', name: 'Mo Stem' });
    commands.linkChildParticipant(actor('jeugdbeschermer'), { childId: kids.mo, participantId: young });
    const e = await failure(() => commands.createPersonalLink(actor('jeugdbeschermer'), { participantId: young }));
    expect(e).toBeInstanceOf(NotAllowed);
    expect(e.message).toMatch(/^Mo is jonger dan 12 jaar/);
    // Unlinked, the record can get a link; then it cannot be named as the 8-year-old.
    commands.linkChildParticipant(actor('jeugdbeschermer'), { childId: kids.mo, participantId: '' });
    await commands.createPersonalLink(actor('jeugdbeschermer'), { participantId: young });
    const linked = await failure(() => commands.linkChildParticipant(actor('jeugdbeschermer'), { childId: kids.mo, participantId: young }));
    expect(linked).toBeInstanceOf(InvalidInput);
    expect(linked.message).toMatch(/Trek eerst de link/);
    // From 12 a child gets an own link.
    const { token } = await commands.createPersonalLink(actor('jeugdbeschermer'), { participantId: ids.jeugdige });
    expect(token).toBeTruthy();
  });
  it('follows the organisation setting', async () => {
    server.services.database.sqlite.prepare('update organisations set child_own_link_age = 13').run();
    try {
      expect(await failure(() => commands.createPersonalLink(actor('jeugdbeschermer'), { participantId: ids.jeugdige }))).toBeInstanceOf(NotAllowed);
    } finally {
      server.services.database.sqlite.prepare('update organisations set child_own_link_age = 12').run();
    }
  });
});

describe('Woorden en Plaatjes', () => {
  it('are written by professionals who may write the plan; every other role is refused', async () => {
    for (const role of ROLES) {
      const run = () => commands.saveChildStoryPanel(actor(role), { childId: kids.kim, part: 'gebeurd', text: `Door ${role}`, picture: 'bundled:huis' });
      if (WRITERS.includes(role)) run();
      else expect(await failure(run), role).toBeInstanceOf(NotAllowed);
    }
    expect(storyOf(db(), kids.kim).map((p) => [p.panel, p.text])).toEqual([
      [1, 'Door jeugdbeschermer'],
      [2, 'Door casusregisseur'],
      [3, 'Door professional'],
    ]);
  });
  it('changes a panel by a new row, and takes one out (numbers are never reused)', async () => {
    commands.saveChildStoryPanel(actor('professional'), { childId: kids.kim, part: 'gebeurd', panel: '2', text: 'Beter gezegd' });
    commands.removeChildStoryPanel(actor('professional'), { childId: kids.kim, part: 'gebeurd', panel: '3' });
    commands.saveChildStoryPanel(actor('professional'), { childId: kids.kim, part: 'gebeurd', text: 'Nieuw' });
    expect(storyOf(db(), kids.kim).map((p) => [p.panel, p.text, p.picture])).toEqual([
      [1, 'Door jeugdbeschermer', 'bundled:huis'],
      [2, 'Beter gezegd', null],
      [4, 'Nieuw', null],
    ]);
    for (const role of ROLES.filter((r) => !WRITERS.includes(r)))
      expect(await failure(() => commands.removeChildStoryPanel(actor(role), { childId: kids.kim, part: 'gebeurd', panel: '1' }))).toBeInstanceOf(NotAllowed);
    expect(await failure(() => commands.removeChildStoryPanel(actor('professional'), { childId: kids.kim, part: 'gebeurd', panel: '3' }))).toBeInstanceOf(
      NotFound,
    );
  });
  it('refuses bad input in Dutch, and another case’s child as not found', async () => {
    const bad = [
      {},
      { childId: kids.kim, part: 'gebeurd' },
      { childId: kids.kim, part: 'later', text: 'x' },
      { childId: kids.kim, part: 'plan', text: '   ' },
      { childId: kids.kim, part: 'plan', text: 'x'.repeat(1001) },
      { childId: kids.kim, part: 'plan', text: 'x', panel: 'twee' },
      { childId: kids.kim, part: 'plan', text: 'x', picture: 'https://elders.example/x.png' },
      { childId: kids.kim, part: 'plan', text: 'x', picture: 'bundled:kasteel' },
      { childId: ['a'], part: 'plan', text: 'x' },
    ];
    for (const input of bad) {
      const e = await failure(() => commands.saveChildStoryPanel(actor('jeugdbeschermer'), input));
      expect(e, JSON.stringify(input)).toBeInstanceOf(InvalidInput);
      expect(e.message).not.toMatch(/expected|invalid|required/i);
    }
    expect(await failure(() => commands.saveChildStoryPanel(actor('jeugdbeschermer'), { childId: kids.foreign, part: 'plan', text: 'x' }))).toBeInstanceOf(
      NotFound,
    );
    expect(
      await failure(() => commands.saveChildStoryPanel(actor('jeugdbeschermer'), { childId: kids.kim, part: 'plan', panel: '99', text: 'x' })),
    ).toBeInstanceOf(NotFound);
  });
  it('writes the panel and its audit row in one transaction', async () => {
    const rows = () => db().select({ n: count() }).from(childStory).get()!.n;
    const [r, a] = [rows(), auditCount('child-story-saved')];
    failOn('audit_log');
    expect(() => commands.saveChildStoryPanel(actor('jeugdbeschermer'), { childId: kids.kim, part: 'plan', text: 'Nooit' })).toThrow();
    server.services.database.sqlite.exec('drop trigger temp.fail_insert');
    failOn('child_story');
    expect(() => commands.saveChildStoryPanel(actor('jeugdbeschermer'), { childId: kids.kim, part: 'plan', text: 'Nooit' })).toThrow();
    expect([rows(), auditCount('child-story-saved')]).toEqual([r, a]);
  });
});

describe('uploadPicture', () => {
  it('stores PNG and JPEG from who may write the page; refuses the rest', async () => {
    const png = await commands.uploadPicture(actor('professional'), { childId: kids.kim, for: 'verhaal', file: PNG });
    expect(db().select().from(pictures).where(eq(pictures.id, png.pictureId)).get()).toMatchObject({ mime: 'image/png', caseId });
    const jpeg = await commands.uploadPicture(actor('jeugdige'), { childId: kids.kim, for: 'huizen', file: new Blob([JPEG]) });
    expect(db().select().from(pictures).where(eq(pictures.id, jpeg.pictureId)).get()!.mime).toBe('image/jpeg');
    for (const role of ROLES.filter((r) => !WRITERS.includes(r)))
      expect(await failure(() => commands.uploadPicture(actor(role), { childId: kids.kim, for: 'verhaal', file: PNG })), role).toBeInstanceOf(NotAllowed);
    for (const role of ['ouder', 'netwerklid', 'meelezer'] as const)
      expect(await failure(() => commands.uploadPicture(actor(role), { childId: kids.kim, for: 'huizen', file: PNG })), role).toBeInstanceOf(NotAllowed);
    expect(await failure(() => commands.uploadPicture(actor('professional'), { childId: kids.foreign, for: 'verhaal', file: PNG }))).toBeInstanceOf(NotFound);
  });
  it('refuses wrong magic bytes, an SVG, an empty file and one over 2 MB, in Dutch', async () => {
    const cases: [unknown, RegExp][] = [
      [Buffer.from('GIF89a......'), /PNG, JPEG of WebP/],
      [Buffer.concat([Buffer.from('nep.png'), PNG]), /PNG, JPEG of WebP/],
      [SVG, /PNG, JPEG of WebP/],
      [new Blob([SVG], { type: 'image/png' }), /PNG, JPEG of WebP/],
      [Buffer.alloc(0), /Kies een foto/],
      [undefined, /Kies een foto/],
      ['bytes als tekst', /Kies een foto/],
      [Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]), /te groot/],
      [new Blob([PNG, new Uint8Array(2 * 1024 * 1024)]), /te groot/],
    ];
    const before = db().select({ n: count() }).from(pictures).get()!.n;
    for (const [file, message] of cases) {
      const e = await failure(() => commands.uploadPicture(actor('professional'), { childId: kids.kim, for: 'verhaal', file }));
      expect(e).toBeInstanceOf(InvalidInput);
      expect(e.message).toMatch(message);
    }
    expect(await failure(() => commands.uploadPicture(actor('professional'), { childId: kids.kim, for: 'alles', file: PNG }))).toBeInstanceOf(InvalidInput);
    expect(db().select({ n: count() }).from(pictures).get()!.n).toBe(before);
  });
  it('an upload is used only by its uploader; others see it only where it is placed', async () => {
    const { picture, pictureId } = await commands.uploadPicture(actor('professional'), { childId: kids.kim, for: 'verhaal', file: PNG });
    expect(await failure(() => commands.saveChildStoryPanel(actor('jeugdbeschermer'), { childId: kids.kim, part: 'plan', text: 'x', picture }))).toBeInstanceOf(
      InvalidInput,
    );
    expect(pictureForViewer(db(), caseId, pictureId, { id: ids.ouder!, role: 'ouder' })).toBeUndefined();
    commands.saveChildStoryPanel(actor('professional'), { childId: kids.kim, part: 'plan', text: 'Met plaatje', picture });
    expect(pictureForViewer(db(), caseId, pictureId, { id: ids.ouder!, role: 'ouder' })).toBeDefined();
    expect(pictureForViewer(db(), other.caseId, pictureId, { id: other.participantIds.ouder!, role: 'ouder' })).toBeUndefined();
  });
});

describe('Drie Huizen: writing', () => {
  it('Kim (12, own link) writes her own houses; professionals beside her; nobody else', async () => {
    for (const role of ROLES) {
      const run = () => commands.addHouseEntry(actor(role), { childId: kids.kim, house: 'goed', text: `Van ${role}`, picture: 'bundled:zon' });
      if ([...WRITERS, 'jeugdige'].includes(role)) run();
      else expect(await failure(run), role).toBeInstanceOf(NotAllowed);
    }
  });
  it('Mo (8): only a professional, also when Mo has an own record', async () => {
    const mo = addParticipantFixture(db(), caseId, { role: 'jeugdige', name: 'Mo Eigen' });
    commands.linkChildParticipant(actor('jeugdbeschermer'), { childId: kids.mo, participantId: mo });
    expect(await failure(() => commands.addHouseEntry(as(mo), { childId: kids.mo, house: 'dromen', text: 'Astronaut' }))).toBeInstanceOf(NotAllowed);
    commands.addHouseEntry(actor('professional'), { childId: kids.mo, house: 'dromen', text: 'Astronaut worden' });
    // The case's jeugdige is Kim, not Mo.
    expect(await failure(() => commands.addHouseEntry(actor('jeugdige'), { childId: kids.mo, house: 'dromen', text: 'x' }))).toBeInstanceOf(NotAllowed);
  });
  it('withdraws (kept in the history); who may not see the houses learns nothing (404)', async () => {
    const { entryId } = commands.addHouseEntry(actor('jeugdige'), { childId: kids.kim, house: 'zorgen', text: 'Ruzie thuis' });
    expect(await failure(() => commands.withdrawHouseEntry(actor('ouder'), { entryId }))).toBeInstanceOf(NotFound);
    expect(await failure(() => commands.withdrawHouseEntry(actor('meelezer'), { entryId }))).toBeInstanceOf(NotFound);
    commands.withdrawHouseEntry(actor('jeugdige'), { entryId });
    expect(db().select().from(houseEntries).where(eq(houseEntries.id, entryId)).get()).toMatchObject({ text: 'Ruzie thuis', withdrawnById: ids.jeugdige });
    expect(await failure(() => commands.withdrawHouseEntry(actor('jeugdige'), { entryId }))).toBeInstanceOf(InvalidInput);
    const foreign = commands.addHouseEntry(
      { caseId: other.caseId, participantId: other.participantIds.jb! },
      { childId: kids.foreign, house: 'goed', text: 'x' },
    );
    expect(await failure(() => commands.withdrawHouseEntry(actor('jeugdbeschermer'), foreign))).toBeInstanceOf(NotFound);
  });
  it('refuses bad input in Dutch', async () => {
    for (const input of [
      {},
      { childId: kids.kim, house: 'kasteel', text: 'x' },
      { childId: kids.kim, house: 'goed', text: '' },
      { childId: kids.kim, house: 'goed' },
    ]) {
      const e = await failure(() => commands.addHouseEntry(actor('jeugdige'), input));
      expect(e, JSON.stringify(input)).toBeInstanceOf(InvalidInput);
    }
    expect(await failure(() => commands.addHouseEntry(actor('jeugdige'), { childId: kids.foreign, house: 'goed', text: 'x' }))).toBeInstanceOf(NotFound);
    expect(await failure(() => commands.withdrawHouseEntry(actor('jeugdige'), { entryId: '../../x' }))).toBeInstanceOf(InvalidInput);
  });
  it('adds the entry and its audit row in one transaction', async () => {
    const rows = () => db().select({ n: count() }).from(houseEntries).get()!.n;
    const [r, a] = [rows(), auditCount('house-entry-added')];
    failOn('audit_log');
    expect(() => commands.addHouseEntry(actor('jeugdige'), { childId: kids.kim, house: 'goed', text: 'Nooit' })).toThrow();
    expect([rows(), auditCount('house-entry-added')]).toEqual([r, a]);
  });
});

describe('Drie Huizen: who sees them', () => {
  it('12–15: a professional chooses with the child; the child, family and meelezer cannot; professionals stay', async () => {
    for (const role of ROLES) {
      const run = () => commands.setHouseViewers(actor(role), { childId: kids.kim, [`viewer-${ids.ouder}`]: 'on' });
      if (WRITERS.includes(role)) run();
      else expect(await failure(run), role).toBeInstanceOf(NotAllowed);
    }
    expect(access(kids.kim, ids.ouder!, 'ouder').see).toBe(true);
    expect(access(kids.kim, ids.netwerklid!, 'netwerklid').see).toBe(false);
    // Turning the professionals off is not for a child under 16.
    commands.setHouseViewers(actor('professional'), { childId: kids.kim, professionals: '' });
    expect(childRow(kids.kim).housesForProfessionals).toBe(true);
    expect(access(kids.kim, ids.ouder!, 'ouder').see).toBe(false);
  });
  it('16+: only the young person chooses, and may hide the houses from professionals', async () => {
    for (const role of ROLES)
      expect(await failure(() => commands.setHouseViewers(actor(role), { childId: kids.lot, professionals: 'on' })), role).toBeInstanceOf(NotAllowed);
    commands.addHouseEntry(actor('professional'), { childId: kids.lot, house: 'zorgen', text: 'Samen geschreven' });
    commands.setHouseViewers(as(lot), { childId: kids.lot, professionals: '', [`viewer-${ids.netwerklid}`]: 'on' });
    expect(access(kids.lot, ids.professional!, 'professional').see).toBe(false);
    expect(access(kids.lot, ids.netwerklid!, 'netwerklid').see).toBe(true);
    expect(await failure(() => commands.addHouseEntry(actor('professional'), { childId: kids.lot, house: 'goed', text: 'x' }))).toBeInstanceOf(NotAllowed);
    commands.addHouseEntry(as(lot), { childId: kids.lot, house: 'dromen', text: 'Op kamers' });
    commands.setHouseViewers(as(lot), { childId: kids.lot, professionals: 'on' });
    expect(access(kids.lot, ids.professional!, 'professional').see).toBe(true);
    expect(access(kids.lot, ids.netwerklid!, 'netwerklid').see).toBe(false);
  });
  it('refuses a viewer of another case (404), the child themself and garbled fields (400)', async () => {
    expect(await failure(() => commands.setHouseViewers(as(lot), { childId: kids.lot, [`viewer-${other.participantIds.ouder}`]: 'on' }))).toBeInstanceOf(
      NotFound,
    );
    expect(await failure(() => commands.setHouseViewers(as(lot), { childId: kids.lot, [`viewer-${lot}`]: 'on' }))).toBeInstanceOf(InvalidInput);
    expect(await failure(() => commands.setHouseViewers(as(lot), { childId: kids.lot, 'viewer-../x': 'on' }))).toBeInstanceOf(InvalidInput);
    expect(await failure(() => commands.setHouseViewers(as(lot), { childId: kids.lot, [`viewer-${ids.ouder}`]: 'ja' }))).toBeInstanceOf(InvalidInput);
    expect(await failure(() => commands.setHouseViewers(as(lot), { childId: kids.foreign }))).toBeInstanceOf(NotFound);
    expect(await failure(() => commands.setHouseViewers(as(lot), {}))).toBeInstanceOf(InvalidInput);
  });
  it('changes the viewers and its audit row in one transaction', async () => {
    const rows = () => db().select({ n: count() }).from(houseViewers).where(eq(houseViewers.childId, kids.lot)).get()!.n;
    const [r, a] = [rows(), auditCount('house-viewers-changed')];
    failOn('audit_log');
    expect(() => commands.setHouseViewers(as(lot), { childId: kids.lot, professionals: 'on', [`viewer-${ids.ouder}`]: 'on' })).toThrow();
    expect([rows(), auditCount('house-viewers-changed')]).toEqual([r, a]);
  });
});

describe('a child with own pages', () => {
  it('stays in the case (its pages are kept)', async () => {
    const e = await failure(() => commands.removeChild(actor('jeugdbeschermer'), { childId: kids.kim, reason: 'Verhuisd' }));
    expect(e).toBeInstanceOf(Conflict);
  });
});
