/**
 * exportCase and exportOwnData against the real server (real SQLite, the
 * live documents of the demo case Gezin Bakker plus akkoord, a question, a
 * besluit and a check-in): every listed part of the ZIP is there with real
 * content; nothing of a second case with distinctive strings appears in the
 * ZIP bytes, the JSON or the PDF text; a parent's export holds their own
 * words and not the other parent's; every role that may not is refused; an
 * id of another case is NotFound; bad input is a Dutch InvalidInput; the
 * audit row is written in the same transaction as the export is made.
 */
import { and, count, eq } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_TYPES } from '../../app/domain/audit';
import { ROLE_LABELS, ROLES, isProfessionalRole, type Role } from '../../app/domain/caseFacts';
import { addItem } from '../../app/domain/items';
import { mayExportCase, mayExportOwnData } from '../../app/domain/permissions';
import { afspraken } from '../../app/domain/plan';
import { acceptanceRequests, auditLog, cases, checkIns, participants } from '../../db/schema';
import { failure } from '../../tests/support/commandTesting';
import { createEveryRoleCase } from '../../tests/support/everyRole';
import { pdfText } from '../../tests/support/pdfText';
import { startTestServer, type TestServer } from '../../tests/support/testServer';
import { todayIso } from '../cases/regie.server';
import { loadDemo } from '../demo/loadDemo.server';
import type { Actor } from './command.server';
import { InvalidInput, NotAllowed, NotFound } from './errors';
import type { Commands } from './index.server';

let server: TestServer;
let commands: Commands;
let caseId: string;
let ids: Record<string, string>;
let every: Awaited<ReturnType<typeof createEveryRoleCase>>;
const OTHER = { title: 'Gezin Anders-Geheim 8080', item: 'GEHEIM-ANDERE-CASUS-3141', score: 'ANDERE-SCORE-2718' };
const WORDS = {
  linda: 'Zin-van-Linda-5530',
  mark: 'Zin-van-Mark-9921',
  question: 'Vraag-van-Linda-4412',
  comment: 'Akkoord-opmerking-Linda-7731',
  checkIn: 'Checkin-Linda-6620',
};

const actor = (key: string): Actor => ({ caseId, participantId: ids[key]! });
const everyActor = (role: Role): Actor => ({ caseId: every.caseId, participantId: every.ids[role]! });

function write(forCase: string, by: { id: string; name: string; role: Role }, document: 'kaart', section: string, text: string) {
  server.services.sync
    .room(forCase, document)
    .applyServerChange({ participantId: by.id, connectionId: null }, (doc) =>
      addItem(doc, { participantId: by.id, name: by.name, role: ROLE_LABELS[by.role] }, { section, fields: { text } }),
    );
}
const auditRows = (type: 'export' | 'own-data-export', forCase = caseId) =>
  server.services.db
    .select({ n: count() })
    .from(auditLog)
    .where(and(eq(auditLog.caseId, forCase), eq(auditLog.type, type)))
    .get()!.n;

function unzip(bytes: Uint8Array) {
  const files = unzipSync(bytes);
  return { files, json: files['export.json'] ? (JSON.parse(strFromU8(files['export.json'])) as Record<string, unknown>) : null };
}

beforeAll(async () => {
  server = await startTestServer();
  commands = server.services.commands;
  ({ caseId, participantIds: ids } = await loadDemo(server.services));
  write(caseId, { id: ids.moeder!, name: 'Linda Bakker', role: 'ouder' }, 'kaart', 'krachten', WORDS.linda);
  write(caseId, { id: ids.vader!, name: 'Mark Bakker', role: 'ouder' }, 'kaart', 'krachten', WORDS.mark);
  commands.requestAcceptance(actor('casusregisseur'));
  const request = server.services.db.select().from(acceptanceRequests).where(eq(acceptanceRequests.caseId, caseId)).get()!;
  commands.answerAcceptance(actor('moeder'), { requestId: request.id, agreed: 'ja', comment: WORDS.comment });
  commands.askQuestion(actor('moeder'), { kind: 'vraag', text: WORDS.question });
  commands.proposeBesluit(actor('jeugdbeschermer'), {
    kind: 'hulp-starten',
    title: 'Gezinscoach inzetten',
    grounds: 'De ruzies lopen op als er stress is; hulp thuis helpt het gezin rust te houden.',
    groundItemIds: '',
    alternatives: 'Alleen het netwerk laten helpen.',
    familySummary: 'Er komt een gezinscoach die jullie thuis helpt rust te houden.',
  });
  const first = afspraken(server.services.sync.room(caseId, 'plan').doc)[0]!;
  server.services.db
    .insert(checkIns)
    .values({
      caseId,
      afspraakId: first.id,
      occurrence: todayIso(),
      participantId: ids.moeder!,
      result: 'gelukt',
      toelichting: WORDS.checkIn,
      recordedById: ids.moeder!,
    })
    .run();

  every = await createEveryRoleCase(server.services.db, OTHER.title);
  write(every.caseId, { id: every.ids.ouder!, name: 'Familie ouder', role: 'ouder' }, 'kaart', 'gebeurd', OTHER.item);
  commands.saveScaleScore(everyActor('ouder'), { score: '4', explanation: OTHER.score });
});
afterAll(() => server.stop());

describe('exportCase', () => {
  it('holds every listed part with real content, and the plan as a PDF', () => {
    const before = auditRows('export');
    const file = commands.exportCase(actor('jeugdbeschermer'));
    expect(file.contentType).toBe('application/zip');
    expect(file.filename).toMatch(/^veiligplan-export-\d{4}-\d{2}-\d{2}\.zip$/);
    const { files, json } = unzip(file.bytes);
    expect(Object.keys(files).sort()).toEqual(['export.json', 'plan.pdf']);
    const e = json as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(e.casus.titel).toBe('Gezin Bakker');
    expect(e.gebeurtenissen.map((g: { soort: string }) => g.soort).length).toBeGreaterThan(3);
    expect(JSON.stringify(e.documentenNu.kaart)).toContain(WORDS.linda);
    expect(e.documentenNu.plan.sections.afspraken.length).toBeGreaterThan(0);
    expect(e.versies.length).toBeGreaterThan(0);
    for (const v of e.versies)
      expect(v).toMatchObject({ label: expect.any(String), reden: expect.any(String), datum: expect.any(String), weergave: { kaart: expect.anything() } });
    expect(e.schaalscores.length).toBeGreaterThan(0);
    expect(JSON.stringify(e.afspraken)).toContain(WORDS.checkIn);
    expect(JSON.stringify(e.akkoord)).toContain(WORDS.comment);
    expect(e.betrokkenen.find((b: { naam: string }) => b.naam === 'Linda Bakker')).toMatchObject({ rol: ROLE_LABELS.ouder, telefoon: '06-55 50 10 01' });
    expect(e.besluiten[0]).toMatchObject({ title: 'Gezinscoach inzetten', status: 'voorgesteld' });
    expect(e.netwerkberaden.length).toBeGreaterThan(0);
    expect(e.netwerkberaden.some((m: { notities: unknown[] }) => m.notities.length > 0)).toBe(true);
    expect(JSON.stringify(e.vragen)).toContain(WORDS.question);
    expect(e.kinderen.map((k: { voornaam: string }) => k.voornaam)).toEqual(['Sanne', 'Daan']);
    expect(e.kinderen.some((k: { woordenEnPlaatjes: unknown[] }) => k.woordenEnPlaatjes.length > 0)).toBe(true);
    expect(e.logboek.length).toBeGreaterThan(0);
    expect(e.logboek[0]).toEqual({
      tijd: expect.any(String),
      soort: expect.any(String),
      door: expect.anything(),
      over: expect.anything(),
      details: expect.anything(),
    });
    // Readable: no session hashes, no raw type keys.
    expect(JSON.stringify(e.logboek)).not.toMatch(/sessionRef|[0-9a-f]{8}-[0-9a-f]{4}-/);
    for (const r of e.logboek) expect(Object.values(AUDIT_TYPES)).toContain(r.soort);

    const pdf = Buffer.from(files['plan.pdf']!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain('Ons veiligheidsplan voor Sanne en Daan');
    expect(text).toContain('Oma Riet haalt Daan op woensdag en vrijdag uit school');
    expect(text).toContain('Wie doet wat');
    expect(text).toContain('Bij nood');
    expect(text).toContain('Ben je het eens met het plan?');
    expect(text).toContain('Ayse Yilmaz'); // outside WinAnsi: the base letters, never garbage
    expect(text.indexOf('Wat spreken we af?')).toBeLessThan(text.indexOf('Kaart: hoe gaat het nu?'));

    expect(auditRows('export')).toBe(before + 1);
    const row = server.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.caseId, caseId), eq(auditLog.type, 'export')))
      .all()
      .at(-1)!;
    expect(JSON.parse(row.detail!)).toEqual({ vorm: 'zaak' });
    expect(row.actorParticipantId).toBe(ids.jeugdbeschermer);
  });

  it('holds nothing of another case: not in the ZIP bytes, the JSON or the PDF text', () => {
    const file = commands.exportCase(actor('casusregisseur'));
    const { files } = unzip(file.bytes);
    const everything = [Buffer.from(file.bytes).toString('latin1'), strFromU8(files['export.json']!), pdfText(files['plan.pdf']!)].join('\n');
    for (const needle of [OTHER.title, OTHER.item, OTHER.score, every.caseId, 'Familie ouder', 'Prof elders', 'Ouder Elders', every.other.caseId]) {
      expect(everything, needle).not.toContain(needle);
    }
  });

  it("makes the plan alone as a PDF (vorm 'pdf'), audited as such", () => {
    const file = commands.exportCase(actor('jeugdbeschermer'), { vorm: 'pdf' });
    expect(file.contentType).toBe('application/pdf');
    expect(Buffer.from(file.bytes).subarray(0, 5).toString()).toBe('%PDF-');
    const row = server.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.caseId, caseId), eq(auditLog.type, 'export')))
      .all()
      .at(-1)!;
    expect(JSON.parse(row.detail!)).toEqual({ vorm: 'pdf' });
  });

  it('also exports a closed case (reading stays possible)', () => {
    const closed = server.services.db.select({ id: cases.id }).from(cases).where(eq(cases.title, 'Gezin Visser')).get()!;
    const jb = server.services.db
      .select({ id: participants.id })
      .from(participants)
      .where(and(eq(participants.caseId, closed.id), eq(participants.role, 'jeugdbeschermer')))
      .get()!;
    const { json } = unzip(commands.exportCase({ caseId: closed.id, participantId: jb.id }).bytes);
    expect((json as { casus: { afgeslotenOp: string | null } }).casus.afgeslotenOp).not.toBeNull();
  });

  it('is refused for every role that may not export, and allowed for the others', async () => {
    for (const role of ROLES) {
      if (mayExportCase(role)) {
        expect(unzip(commands.exportCase(everyActor(role)).bytes).json, role).not.toBeNull();
      } else {
        const error = await failure(() => commands.exportCase(everyActor(role)));
        expect(error, role).toBeInstanceOf(NotAllowed);
        expect(error.message).toMatch(/jeugdbeschermer en de casusregisseur/);
      }
    }
  });

  it('treats an id of another case as NotFound', async () => {
    const error = await failure(() => commands.exportCase({ caseId, participantId: every.ids.jeugdbeschermer! }));
    expect(error).toBeInstanceOf(NotFound);
    expect(await failure(() => commands.exportCase({ caseId: every.other.caseId, participantId: ids.jeugdbeschermer! }))).toBeInstanceOf(NotFound);
  });

  it('refuses bad input in Dutch', async () => {
    for (const input of [{ vorm: 'excel' }, { vorm: 42 }, { vorm: '' }]) {
      const error = await failure(() => commands.exportCase(actor('jeugdbeschermer'), input));
      expect(error).toBeInstanceOf(InvalidInput);
      expect(error.message).toBe('Kies wat je wilt downloaden: de hele casus of het plan als pdf.');
    }
  });

  it('writes the audit row in the same transaction: no row, no export', async () => {
    const sqlite = server.services.database.sqlite;
    const before = auditRows('export');
    sqlite.exec(
      `create temp trigger fail_export before insert on audit_log when new.type in ('export', 'own-data-export') begin select raise(abort, 'x'); end;`,
    );
    try {
      expect(() => commands.exportCase(actor('jeugdbeschermer'))).toThrow();
      expect(() => commands.exportOwnData(actor('moeder'))).toThrow();
    } finally {
      sqlite.exec('drop trigger fail_export');
    }
    expect(auditRows('export')).toBe(before);
    expect(auditRows('own-data-export')).toBe(0);
  });
});

describe('exportOwnData (AVG inzage)', () => {
  it("holds a parent's own words and records, never another parent's words or another case", () => {
    const file = commands.exportOwnData(actor('moeder'));
    expect(file.filename).toMatch(/^mijn-gegevens-\d{4}-\d{2}-\d{2}\.zip$/);
    const files = unzipSync(file.bytes);
    expect(Object.keys(files)).toEqual(['mijn-gegevens.json']);
    const text = strFromU8(files['mijn-gegevens.json']!);
    const mine = JSON.parse(text) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(mine.jij).toMatchObject({ naam: 'Linda Bakker', rol: ROLE_LABELS.ouder, telefoon: '06-55 50 10 01' });
    expect(JSON.stringify(mine.geschreven)).toContain(WORDS.linda);
    expect(mine.schaalscores.length).toBeGreaterThan(0);
    expect(mine.checkIns[0]).toMatchObject({ toelichting: WORDS.checkIn, uitkomst: 'gelukt', voor: 'jij' });
    expect(mine.akkoord[0]).toMatchObject({ akkoord: true, opmerking: WORDS.comment });
    expect(mine.vragen[0]).toMatchObject({ vraag: WORDS.question, aan: 'Karim El Idrissi' });
    expect(Array.isArray(mine.apparaten)).toBe(true);
    expect(mine.logboek.some((r: { soort: string }) => r.soort === 'Akkoord beantwoord')).toBe(true);
    for (const needle of [WORDS.mark, OTHER.item, OTHER.title, OTHER.score, 'Mark heeft sinds de zomer geen werk']) expect(text, needle).not.toContain(needle);
    expect(text).not.toMatch(/sessionRef|idHash|tokenHash/);
    const row = server.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.caseId, caseId), eq(auditLog.type, 'own-data-export')))
      .all()
      .at(-1)!;
    expect(row).toMatchObject({ actorParticipantId: ids.moeder, subjectParticipantId: ids.moeder, detail: null });
  });

  it("gives the other parent their own words and not Linda's", () => {
    const text = strFromU8(unzipSync(commands.exportOwnData(actor('vader')).bytes)['mijn-gegevens.json']!);
    expect(text).toContain(WORDS.mark);
    for (const needle of [WORDS.linda, WORDS.question, WORDS.comment, WORDS.checkIn]) expect(text, needle).not.toContain(needle);
  });

  it('is for everyone with a personal link; professional accounts and the meelezer are refused', async () => {
    for (const role of ROLES) {
      if (mayExportOwnData(role, { professionalAccount: isProfessionalRole(role) })) {
        expect(Object.keys(unzipSync(commands.exportOwnData(everyActor(role)).bytes)), role).toEqual(['mijn-gegevens.json']);
      } else {
        const error = await failure(() => commands.exportOwnData(everyActor(role)));
        expect(error, role).toBeInstanceOf(NotAllowed);
        expect(error.message).toBe('Je eigen gegevens downloaden kan alleen met je persoonlijke link.');
      }
    }
  });

  it('treats a participant of another case as NotFound', async () => {
    expect(await failure(() => commands.exportOwnData({ caseId, participantId: every.ids.ouder! }))).toBeInstanceOf(NotFound);
  });
});
