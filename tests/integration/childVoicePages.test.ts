/**
 * The child's own voice over real HTTP: Kim (13) uploads a picture (a real
 * multipart post above the ordinary 64 KB form limit) and puts it in her
 * house; a parent she has not chosen gets no houses in the page and a 404 for
 * the picture; after the professional chooses the parent with her, the
 * houses arrive and the picture is 200 (never cached). An SVG upload is a
 * Dutch 400, an oversized body a 413, another case's people a 404.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { children, pictures } from '../../db/schema';
import { todayIso } from '../../server/cases/regie.server';
import { createEveryRoleCase, type Account } from '../support/everyRole';
import { PASSWORD } from '../support/fixtures';
import { get, login, postForm, startTestServer, type TestServer } from '../support/testServer';

let server: TestServer;
let caseId: string;
let ids: Record<string, string>;
let other: { caseId: string; participantIds: Record<string, string> };
let kim = '';
const cookies = { kim: '', ouder: '', jb: '', elders: '' };
const page = () => `/casussen/${caseId}/kind/${kim}`;
const data = `_data=${encodeURIComponent('routes/casussen.$caseId.kind.$childId')}`;
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(100 * 1024)]);

function upload(cookie: string, bytes: Buffer, name = 'tekening.png', type = 'image/png') {
  const form = new FormData();
  form.set('intent', 'upload-picture');
  form.set('for', 'huizen');
  form.set('file', new Blob([new Uint8Array(bytes)], { type }), name);
  return fetch(new URL(`${page()}?${data}`, server.url), { method: 'POST', body: form, headers: { Cookie: cookie, Origin: server.url }, redirect: 'manual' });
}
const post = (cookie: string, fields: Record<string, string>) => postForm(server.url, `${page()}?${data}`, fields, { Cookie: cookie });
const view = async (cookie: string) =>
  (await (await get(server.url, `${page()}?${data}`, cookie)).json()) as { houses: { entries: { text: string }[] } | null; viewers: unknown };

beforeAll(async () => {
  server = await startTestServer();
  let accounts: Partial<Record<string, Account>>;
  ({ caseId, ids, other, accounts } = await createEveryRoleCase(server.services.db, 'Gezin Huizen'));
  kim = server.services.db.select().from(children).where(eq(children.caseId, caseId)).get()!.id;
  server.services.db
    .update(children)
    .set({ birthYear: Number(todayIso().slice(0, 4)) - 13 })
    .where(eq(children.id, kim))
    .run();
  server.services.commands.linkChildParticipant({ caseId, participantId: ids.jeugdbeschermer! }, { childId: kim, participantId: ids.jeugdige });
  cookies.kim = (await server.services.auth.createParticipantSession(ids.jeugdige!)).split(';')[0]!;
  cookies.ouder = (await server.services.auth.createParticipantSession(ids.ouder!)).split(';')[0]!;
  cookies.elders = (await server.services.auth.createParticipantSession(other.participantIds.ouder!)).split(';')[0]!;
  cookies.jb = await login(server.url, accounts.jeugdbeschermer!.email, PASSWORD);
});
afterAll(() => server.stop());

describe('Drie Huizen over HTTP', () => {
  let pictureUrl = '';

  it('Kim uploads a picture and puts it in her house', async () => {
    const res = await upload(cookies.kim, PNG);
    expect(res.status).toBe(200);
    const picture = server.services.db
      .select()
      .from(pictures)
      .where(and(eq(pictures.caseId, caseId), eq(pictures.uploadedById, ids.jeugdige!)))
      .get()!;
    expect(picture.mime).toBe('image/png');
    pictureUrl = `/casussen/${caseId}/plaatjes/${picture.id}`;
    expect((await post(cookies.kim, { intent: 'add-entry', house: 'zorgen', text: 'Ik mis opa', picture: `upload:${picture.id}` })).status).toBe(200);
    expect((await view(cookies.kim)).houses!.entries.map((e) => e.text)).toEqual(['Ik mis opa']);
    expect((await get(server.url, pictureUrl, cookies.kim)).status).toBe(200);
  });

  it('refuses an SVG (400, in Dutch) and a body over the upload limit (413)', async () => {
    const svg = await upload(cookies.kim, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'x.png');
    expect(svg.status).toBe(400);
    expect(((await svg.json()) as { error: string }).error).toMatch(/PNG, JPEG of WebP/);
    expect((await upload(cookies.kim, Buffer.alloc(3 * 1024 * 1024))).status).toBe(413);
  });

  it('a parent not chosen gets no houses and a 404 for the picture; the child page itself is open (Woorden en Plaatjes)', async () => {
    const v = await view(cookies.ouder);
    expect(v.houses).toBeNull();
    expect(v.viewers).toBeNull();
    const html = await (await get(server.url, page(), cookies.ouder)).text();
    expect(html).toContain('Woorden en Plaatjes');
    expect(html).not.toContain('Ik mis opa');
    expect((await get(server.url, pictureUrl, cookies.ouder)).status).toBe(404);
    expect((await post(cookies.ouder, { intent: 'set-viewers', [`viewer-${ids.ouder}`]: 'on' })).status).toBe(403);
  });

  it('after the professional chooses the parent with Kim: the houses and the picture (never cached)', async () => {
    expect((await post(cookies.kim, { intent: 'set-viewers', [`viewer-${ids.ouder}`]: 'on' })).status).toBe(403);
    expect((await post(cookies.jb, { intent: 'set-viewers', [`viewer-${ids.ouder}`]: 'on' })).status).toBe(200);
    expect((await view(cookies.ouder)).houses!.entries.map((e) => e.text)).toEqual(['Ik mis opa']);
    const res = await get(server.url, pictureUrl, cookies.ouder);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toBe('no-store'); // a shared family phone keeps no copy (ADR 037)
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
    expect(await (await get(server.url, `/casussen/${caseId}/afdrukken`, cookies.ouder)).text()).toContain('Ik mis opa');
  });

  it('someone of another case gets 404 for the page and the picture, also under their own case', async () => {
    expect((await get(server.url, page(), cookies.elders)).status).toBe(404);
    expect((await get(server.url, pictureUrl, cookies.elders)).status).toBe(404);
    expect((await get(server.url, pictureUrl.replace(caseId, other.caseId), cookies.elders)).status).toBe(404);
    expect((await get(server.url, `/casussen/${other.caseId}/kind/${kim}`, cookies.elders)).status).toBe(404);
  });

  it('the netwerklid (not chosen) does not get the houses on the print', async () => {
    const cookie = (await server.services.auth.createParticipantSession(ids.netwerklid!)).split(';')[0]!;
    expect(await (await get(server.url, `/casussen/${caseId}/afdrukken`, cookie)).text()).not.toContain('Ik mis opa');
  });
});
