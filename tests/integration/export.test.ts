/**
 * Exports over real HTTP (ADR 034): the demo's jeugdbeschermer downloads the
 * case ZIP and the plan PDF (attachments, Cache-Control: no-store), unzips
 * and reads them; a parent downloads "mijn gegevens" with her own words and
 * not her partner's; a parent asking for the case ZIP gets 403, a
 * professional asking for own data 403; the id of a case the professional is
 * not in 404; without a session the way to sign in. Every download leaves
 * its audit row.
 */
import { and, count, eq } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addItem } from '../../app/domain/items';
import { auditLog } from '../../db/schema';
import { DEMO_PROFESSIONALS } from '../../server/demo/demoCase.server';
import { loadDemo } from '../../server/demo/loadDemo.server';
import { createEveryRoleCase } from '../support/everyRole';
import { pdfText } from '../support/pdfText';
import { get, login, startTestServer, type TestServer } from '../support/testServer';

let server: TestServer;
let caseId: string;
let ids: Record<string, string>;
let otherCaseId: string;
const cookies = { jb: '', linda: '', mark: '' };
const WORDS = { linda: 'Linda-via-http-1188', mark: 'Mark-via-http-2299', other: 'ANDERE-CASUS-HTTP-4455' };

function write(forCase: string, by: string, name: string, text: string) {
  server.services.sync
    .room(forCase, 'kaart')
    .applyServerChange({ participantId: by, connectionId: null }, (doc) =>
      addItem(doc, { participantId: by, name, role: 'Ouder' }, { section: 'krachten', fields: { text } }),
    );
}
const audits = (type: 'export' | 'own-data-export') =>
  server.services.db
    .select({ n: count() })
    .from(auditLog)
    .where(and(eq(auditLog.caseId, caseId), eq(auditLog.type, type)))
    .get()!.n;

beforeAll(async () => {
  server = await startTestServer();
  ({ caseId, participantIds: ids } = await loadDemo(server.services));
  write(caseId, ids.moeder!, 'Linda Bakker', WORDS.linda);
  write(caseId, ids.vader!, 'Mark Bakker', WORDS.mark);
  const other = await createEveryRoleCase(server.services.db, 'Gezin Elders Via Http');
  otherCaseId = other.caseId;
  write(otherCaseId, other.ids.ouder!, 'Familie ouder', WORDS.other);
  cookies.jb = await login(server.url, DEMO_PROFESSIONALS.jeugdbeschermer.email, DEMO_PROFESSIONALS.jeugdbeschermer.password);
  cookies.linda = (await server.services.auth.createParticipantSession(ids.moeder!)).split(';')[0]!;
  cookies.mark = (await server.services.auth.createParticipantSession(ids.vader!)).split(';')[0]!;
});
afterAll(() => server.stop());

describe('case export over HTTP', () => {
  it('streams the ZIP as a no-store attachment with export.json and plan.pdf, and records it', async () => {
    const before = audits('export');
    const res = await get(server.url, `/casussen/${caseId}/export.zip`, cookies.jb);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="veiligplan-export-\d{4}-\d{2}-\d{2}\.zip"$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const files = unzipSync(bytes);
    const json = JSON.parse(strFromU8(files['export.json']!)) as { casus: { titel: string }; documentenNu: unknown; logboek: unknown[] };
    expect(json.casus.titel).toBe('Gezin Bakker');
    expect(JSON.stringify(json.documentenNu)).toContain(WORDS.linda);
    const text = pdfText(files['plan.pdf']!);
    expect(text).toContain('Ons veiligheidsplan voor Sanne en Daan');
    const all = [Buffer.from(bytes).toString('latin1'), strFromU8(files['export.json']!), text].join('\n');
    for (const needle of [WORDS.other, 'Gezin Elders Via Http', otherCaseId]) expect(all).not.toContain(needle);
    expect(audits('export')).toBe(before + 1);
  });

  it('streams the plan alone as a PDF (compressed, still readable)', async () => {
    const res = await get(server.url, `/casussen/${caseId}/plan.pdf`, cookies.jb);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfText(pdf)).toContain('Wat spreken we af?');
  });

  it('refuses a parent (403), and answers 404 for a case the professional is not in', async () => {
    const before = audits('export');
    const parent = await get(server.url, `/casussen/${caseId}/export.zip`, cookies.linda);
    expect(parent.status).toBe(403);
    expect(await parent.text()).toBe('Alleen de jeugdbeschermer en de casusregisseur kunnen een casus exporteren.');
    expect((await get(server.url, `/casussen/${caseId}/plan.pdf`, cookies.linda)).status).toBe(403);
    expect((await get(server.url, `/casussen/${otherCaseId}/export.zip`, cookies.jb)).status).toBe(404);
    expect((await get(server.url, `/casussen/${otherCaseId}/export.zip`, cookies.linda)).status).toBe(404);
    expect(audits('export')).toBe(before);
  });

  it('sends someone without a session to sign in', async () => {
    const res = await get(server.url, `/casussen/${caseId}/export.zip`);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toMatch(/^\/(login|weer-openen)\?redirectTo=/);
  });
});

describe('own-data export over HTTP (AVG inzage)', () => {
  it("gives a parent her own words, not her partner's, as a no-store attachment, and records it", async () => {
    const res = await get(server.url, `/casussen/${caseId}/mijn-gegevens.zip`, cookies.linda);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="mijn-gegevens-\d{4}-\d{2}-\d{2}\.zip"$/);
    const text = strFromU8(unzipSync(new Uint8Array(await res.arrayBuffer()))['mijn-gegevens.json']!);
    expect(text).toContain(WORDS.linda);
    expect(text).toContain('Linda Bakker');
    for (const needle of [WORDS.mark, WORDS.other]) expect(text).not.toContain(needle);
    // Her device from this very session is listed by label, never by id or hash.
    expect(JSON.parse(text).apparaten.length).toBeGreaterThan(0);
    expect(audits('own-data-export')).toBe(1);
  });

  it('refuses a professional account (403) and shows the download on the family home only', async () => {
    expect((await get(server.url, `/casussen/${caseId}/mijn-gegevens.zip`, cookies.jb)).status).toBe(403);
    const data = `_data=${encodeURIComponent('routes/casussen.$caseId._index')}`;
    const home = (await (await get(server.url, `/casussen/${caseId}?${data}`, cookies.mark)).json()) as { ownDataExport: boolean };
    expect(home.ownDataExport).toBe(true);
    const versies = `_data=${encodeURIComponent('routes/casussen.$caseId.versies')}`;
    expect(((await (await get(server.url, `/casussen/${caseId}/versies?${versies}`, cookies.jb)).json()) as { canExport: boolean }).canExport).toBe(true);
    expect(((await (await get(server.url, `/casussen/${caseId}/versies?${versies}`, cookies.mark)).json()) as { canExport: boolean }).canExport).toBe(false);
  });
});

describe('own-data export for a parent who holds regie', () => {
  it('a parent regisseur keeps the family home, with "Download mijn gegevens", and may download', async () => {
    const commands = server.services.commands;
    const karim = { caseId, participantId: ids.casusregisseur! };
    const { overdrachtId } = commands.startOverdracht(karim, {
      toParticipantId: ids.moeder,
      regieProfessionalId: ids.casusregisseur,
      situatie: 'Linda neemt de regie over; Karim staat naast haar.',
      openAfsprakenRisicos: 'Geen nieuwe risico’s.',
      gezinBelangrijk: 'Zelf de regie houden.',
      volgendeStappen: 'Samen het netwerkberaad voorbereiden.',
      familySummary: 'Linda heeft nu zelf de regie. Karim helpt haar.',
    });
    commands.acknowledgeOverdracht({ caseId, participantId: ids.moeder! }, { overdrachtId });
    const data = `_data=${encodeURIComponent('routes/casussen.$caseId._index')}`;
    const home = await get(server.url, `/casussen/${caseId}?${data}`, cookies.linda);
    expect(home.status).toBe(200);
    expect(((await home.json()) as { ownDataExport: boolean }).ownDataExport).toBe(true);
    expect((await get(server.url, `/casussen/${caseId}/mijn-gegevens.zip`, cookies.linda)).status).toBe(200);
  });
});
