/**
 * The Logboek people can read (issue 18 point 6, ADR 036), over real HTTP and
 * real sockets: sentences without ids, hashes or raw keys on a rich demo
 * case; views only behind the filter; cursor paging that walks every row
 * once; one view row per person per case per window from page data and from
 * a sync open; anonymous refusals that never reach the case's log; and a
 * first link that ends nobody's access.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema';
import { DEMO_PROFESSIONALS } from '../../server/demo/demoCase.server';
import { loadDemo } from '../../server/demo/loadDemo.server';
import { createEveryRoleCase } from '../support/everyRole';
import { connectClient, waitFor, waitSynced } from '../support/syncClient';
import { get, login, postForm, startTestServer, type TestServer } from '../support/testServer';

let server: TestServer;
let demoCase: string;
let sophie: string;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const HASH = /\b[0-9a-f]{12,}\b/i;
const RAW_KEY = /\b(sessions|links|pagina|versie|reden|rol|sessie|ronde|dagen|code|detail|type|kind|vak|deel|huis|score|wijzigingen|document): /i;

/** The rows of the Logboek's table as text (the page around it has ids in its links and filters). */
function tableText(html: string): string {
  const table = /<table class="audit">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
  return table
    .replace(/<!--.*?-->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
}
const logboekHtml = async (caseId: string, cookie: string, query = '') => {
  const res = await get(server.url, `/casussen/${caseId}/logboek${query ? `?${query}` : ''}`, cookie);
  expect(res.status).toBe(200);
  return res.text();
};
const logboekData = async (caseId: string, cookie: string, query = '') => {
  const q = new URLSearchParams(query);
  q.set('_data', 'routes/casussen.$caseId.logboek');
  const res = await get(server.url, `/casussen/${caseId}/logboek?${q}`, cookie);
  expect(res.status).toBe(200);
  return (await res.json()) as { entries: { key: string; kind: string; text: string; view: boolean }[]; next: string | null };
};
const auditCount = (caseId: string) => server.services.db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.caseId, caseId)).all().length;
const viewRows = (caseId: string, participantId: string) =>
  server.services.db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(and(eq(auditLog.caseId, caseId), eq(auditLog.type, 'case-viewed'), eq(auditLog.actorParticipantId, participantId)))
    .all().length;

beforeAll(async () => {
  server = await startTestServer();
  demoCase = (await loadDemo(server.services)).caseId;
  sophie = await login(server.url, DEMO_PROFESSIONALS.jeugdbeschermer.email, DEMO_PROFESSIONALS.jeugdbeschermer.password);
  // Views of several pages (one row within the window) and a sync open.
  for (const page of ['kaart', 'veiligheidsplan', 'betrokkenen']) expect((await get(server.url, `/casussen/${demoCase}/${page}`, sophie)).status).toBe(200);
});

afterAll(async () => {
  await server.stop();
});

describe('the Logboek of a rich demo case', () => {
  it('reads as Dutch sentences: no uuid, no hash, no raw key, no session', async () => {
    let query = 'bekijken=ja';
    let pages = 0;
    let rows = 0;
    for (;;) {
      const html = await logboekHtml(demoCase, sophie, query);
      const text = tableText(html);
      expect(text).not.toMatch(UUID);
      expect(text).not.toMatch(HASH);
      expect(text).not.toMatch(RAW_KEY);
      expect(text).not.toContain('sessie ');
      expect(text).not.toContain('verwijderde betrokkene');
      rows += (html.match(/<tr data-kind/g) ?? []).length;
      pages++;
      const next = /href="\?([^"]*vanaf=[^"]+)"[^>]*>Oudere regels/.exec(html)?.[1];
      if (!next || pages > 50) break;
      query = next.replace(/&amp;/g, '&');
    }
    expect(rows).toBeGreaterThan(10);
    const html = await logboekHtml(demoCase, sophie, 'bekijken=ja');
    expect(tableText(html)).toMatch(/Sophie Jansen heeft (de kaart|de casus|het veiligheidsplan|de betrokkenen) bekeken/);
  });

  it('shows changes by default and views only with "Ook bekijken tonen"', async () => {
    const changes = await logboekData(demoCase, sophie);
    expect(changes.entries.length).toBeGreaterThan(0);
    expect(changes.entries.every((e) => !e.view)).toBe(true);
    expect(changes.entries.some((e) => / bekeken$/.test(e.text))).toBe(false);
    const all = await logboekData(demoCase, sophie, 'bekijken=ja');
    expect(all.entries.some((e) => e.view && e.text.startsWith('Sophie Jansen heeft'))).toBe(true);
    expect(await logboekHtml(demoCase, sophie)).toContain('Ook bekijken tonen');
  });

  it('pages with a cursor: every row once, in order, none repeated', async () => {
    const whole = server.services.audit.logboek(demoCase, { views: true, limit: 100_000 }).entries.map((e) => e.key);
    const walked: string[] = [];
    let from = '';
    for (let i = 0; i < 100; i++) {
      const page = await logboekData(demoCase, sophie, `bekijken=ja${from ? `&vanaf=${from}` : ''}`);
      walked.push(...page.entries.map((e) => e.key));
      if (!page.next) break;
      from = page.next;
    }
    expect(new Set(walked).size).toBe(walked.length);
    expect(walked).toEqual(whole);
    expect(walked.length).toBeGreaterThan(50);
  });
});

describe('every view on record, once per person per window', () => {
  it('a ?_data= request adds exactly one view row, repeated ones none', async () => {
    const c = await createEveryRoleCase(server.services.db, 'Gezin Kijkdata');
    const cookie = await login(server.url, c.accounts.professional!.email, c.accounts.professional!.password);
    expect(viewRows(c.caseId, c.ids.professional!)).toBe(0);
    for (let i = 0; i < 3; i++) {
      const res = await get(server.url, `/casussen/${c.caseId}/kaart?_data=routes/casussen.$caseId.kaart`, cookie);
      expect(res.status).toBe(200);
    }
    expect(viewRows(c.caseId, c.ids.professional!)).toBe(1);
  });

  it('a sync open adds exactly one view row, a second open within the window none', async () => {
    const c = await createEveryRoleCase(server.services.db, 'Gezin Kijksync');
    const cookie = await login(server.url, c.accounts.casusregisseur!.email, c.accounts.casusregisseur!.password);
    expect(viewRows(c.caseId, c.ids.casusregisseur!)).toBe(0);
    const first = connectClient(server.url, cookie, `${c.caseId}/kaart`);
    await waitSynced(first);
    await waitFor(() => viewRows(c.caseId, c.ids.casusregisseur!) === 1, 5000, 'one view row');
    const second = connectClient(server.url, cookie, `${c.caseId}/plan`);
    await waitSynced(second);
    first.destroy();
    second.destroy();
    expect(viewRows(c.caseId, c.ids.casusregisseur!)).toBe(1);
    const row = server.services.db
      .select({ detail: auditLog.detail })
      .from(auditLog)
      .where(and(eq(auditLog.caseId, c.caseId), eq(auditLog.type, 'case-viewed')))
      .get();
    expect(JSON.parse(row!.detail!)).toEqual({ pagina: 'kaart' });
  });
});

describe('anonymous refusals', () => {
  it('1,000 refused requests with a case id leave the case’s log unchanged and are counted per day', async () => {
    const c = await createEveryRoleCase(server.services.db, 'Gezin Overspoeld');
    const before = auditCount(c.caseId);
    const countOf = (type: string) => server.services.audit.refusalCounts('2000-01-01').find((r) => r.type === type)?.count ?? 0;
    const sessionBefore = countOf('session-refused');
    const requestBefore = countOf('request-refused');
    const stranger = await login(server.url, c.accounts.jeugdbeschermer!.email, c.accounts.jeugdbeschermer!.password);
    const outsider = await login(
      server.url,
      (await createEveryRoleCase(server.services.db, 'Gezin Anders')).accounts.jeugdbeschermer!.email,
      'correct horse battery staple',
    );
    const batch = async (n: number, make: (i: number) => Promise<Response>) => {
      for (let i = 0; i < n; i += 25) await Promise.all(Array.from({ length: Math.min(25, n - i) }, (_, j) => make(i + j).then((r) => r.arrayBuffer())));
    };
    await batch(400, () => get(server.url, `/casussen/${c.caseId}/kaart`, 'vp_session=vervalst.AAAA'));
    await batch(400, () => postForm(server.url, `/casussen/${c.caseId}/kaart`, { intent: 'score', score: '5' }, { Origin: 'http://evil.example' }));
    await batch(200, () => get(server.url, `/casussen/${c.caseId}/kaart`, outsider));
    expect(auditCount(c.caseId)).toBe(before);
    // Counted per refused loader (a page runs the layout's and its own), so at least once per request.
    expect(countOf('session-refused') - sessionBefore).toBeGreaterThanOrEqual(400);
    expect(countOf('request-refused') - requestBefore).toBe(400);
    expect(server.services.db.select().from(auditLog).where(eq(auditLog.type, 'session-refused')).all()).toEqual([]);
    // A person of the case itself is still seen (the case's own log stays useful).
    expect((await get(server.url, `/casussen/${c.caseId}/kaart`, stranger)).status).toBe(200);
  }, 180_000);
});

describe('personal links', () => {
  it('a first link ends nobody’s access; a second one replaces the first and says so', async () => {
    const c = await createEveryRoleCase(server.services.db, 'Gezin Eerste Link');
    const by = { caseId: c.caseId, participantId: c.ids.jeugdbeschermer! };
    const types = () =>
      server.services.db
        .select({ type: auditLog.type })
        .from(auditLog)
        .where(and(eq(auditLog.caseId, c.caseId), eq(auditLog.subjectParticipantId, c.ids.netwerklid!)))
        .all()
        .map((r) => r.type);
    await server.services.commands.createPersonalLink(by, { participantId: c.ids.netwerklid! });
    expect(types()).toEqual(['link-created']);
    await server.services.commands.createPersonalLink(by, { participantId: c.ids.netwerklid! });
    expect(types()).toEqual(['link-created', 'access-ended', 'link-created']);
    const cookie = await login(server.url, c.accounts.jeugdbeschermer!.email, c.accounts.jeugdbeschermer!.password);
    const text = tableText(await logboekHtml(c.caseId, cookie));
    expect(text).toContain('Prof jeugdbeschermer maakte een nieuwe link voor Familie netwerklid');
    expect(text).toContain('De oude link van Familie netwerklid werkt niet meer: Prof jeugdbeschermer maakte een nieuwe');
    expect(text).not.toContain('Toegang beëindigd');
  });
});
