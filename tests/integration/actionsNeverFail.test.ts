/**
 * Every action of every route, posted with every intent the app knows (and an
 * unknown one), with an empty body, with garbage and with a body that is not a
 * form, as every role and signed out: never a 500. A refusal or a bad input
 * is a 4xx with a Dutch message. The intents are read from the app's own
 * forms, so a new intent is covered without editing this test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProfessionalRole, ROLES, type Role } from '../../app/domain/caseFacts';
import { createEveryRoleCase } from '../support/everyRole';
import { login, startTestServer, type TestServer } from '../support/testServer';

const APP = join(__dirname, '../../app');

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourcesUnder(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Every `name="intent" value="…"` in the app's forms. */
const INTENTS = [...new Set(sourcesUnder(APP).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/name="intent" value="([^"]+)"/g)].map((m) => m[1]!)))];
/** Route modules that have an action. */
const ACTION_ROUTES = readdirSync(join(APP, 'routes')).filter((f) => readFileSync(join(APP, 'routes', f), 'utf8').includes('export async function action'));

let server: TestServer;
let caseId: string;
let otherCaseId: string;
let ids: Record<string, string>;
/** A child of the case, for the child's own page (issue 17). */
let childId = '';
const cookies: Partial<Record<Role | 'anoniem', string>> = {};

beforeAll(async () => {
  server = await startTestServer({ linkAttempts: { burst: 100_000, perSecond: 1000 } });
  const setup = await createEveryRoleCase(server.services.db, 'Gezin Vuilnis');
  ({ caseId, ids } = setup);
  otherCaseId = setup.other.caseId;
  childId = (server.services.database.sqlite.prepare('select id from children where case_id = ?').get(caseId) as { id: string }).id;
  const accounts = setup.accounts;
  for (const role of ROLES) {
    cookies[role] = isProfessionalRole(role)
      ? await login(server.url, accounts[role]!.email, accounts[role]!.password)
      : (await server.services.auth.createParticipantSession(ids[role]!)).split(';')[0]!;
  }
  cookies.anoniem = '';
});
afterAll(async () => {
  await server.stop();
});

/** The address of a route module for this test's case (and one for another case). */
function pathsOf(route: string): string[] {
  const name = route.replace(/\.tsx$/, '');
  if (name === 'login') return ['/login'];
  if (name === 'logout') return ['/logout'];
  if (name === 'l.$token') return ['/l/dit-is-geen-token', `/l/${'a'.repeat(43)}`];
  if (name === 'account.$token') return ['/account/dit-is-geen-token', `/account/${'a'.repeat(43)}`];
  if (name === 'beheer._index') return ['/beheer?index'];
  // Pages outside one case (the intake form) are addressed by their own path.
  if (!name.startsWith('casussen.$caseId')) return [`/${name.replace(/\._index$/, '').replace(/\./g, '/')}`];
  // An index route's action is reached with `?index` (without it the POST goes to the layout route).
  if (name === 'casussen.$caseId._index') return [`/casussen/${caseId}?index`, `/casussen/${otherCaseId}?index`];
  if (name === 'casussen.$caseId.kind.$childId') return [`/casussen/${caseId}/kind/${childId}`, `/casussen/${otherCaseId}/kind/${childId}`];
  const tab = name.replace(/^casussen\.\$caseId[._]?/, '').replace(/^_/, '');
  return [`/casussen/${caseId}/${tab}`, `/casussen/${otherCaseId}/${tab}`];
}

const GARBAGE: Record<string, string>[] = [
  {},
  {
    participantId: '../../etc/passwd',
    role: 'koning',
    name: '\u0000',
    days: '-1',
    code: 'ja',
    account: 'x',
    snapshotId: "' or 1=1 --",
    requestId: '[]',
    agreed: 'misschien',
    score: '1e9',
    explanation: 'x'.repeat(5000),
    question: '',
    label: '{}',
    reason: 'dagelijks',
    email: 'x',
    password: '',
  },
  { participantId: 'x'.repeat(10_000), score: '-0', agreed: '', snapshotId: '\ud800' },
];

function post(path: string, body: BodyInit, cookie: string, contentType = 'application/x-www-form-urlencoded') {
  return fetch(new URL(path, server.url), {
    method: 'POST',
    body,
    headers: { Origin: new URL(server.url).origin, 'Content-Type': contentType, ...(cookie ? { Cookie: cookie } : {}) },
    redirect: 'manual',
  });
}

describe('posting anything to any action', () => {
  it('finds the app’s intents and actions (so the sweep below covers something)', () => {
    expect(INTENTS.length).toBeGreaterThanOrEqual(12);
    expect(ACTION_ROUTES.length).toBeGreaterThanOrEqual(7);
  });

  for (const route of ACTION_ROUTES) {
    it(`${route}: every intent × empty/garbage/non-form body × every role → never 500, refusals in Dutch`, async () => {
      const failures: string[] = [];
      // Outside a case the role does not matter: signed out, a family session and a professional suffice.
      const caseRoute = route.startsWith('casussen.');
      for (const [who, cookie] of Object.entries(cookies).filter(([who]) => caseRoute || ['anoniem', 'ouder', 'jeugdbeschermer'].includes(who))) {
        for (const path of pathsOf(route)) {
          const bodies: { label: string; body: BodyInit; type?: string }[] = [
            { label: 'json', body: '{"intent":"remove"}', type: 'application/json' },
            { label: 'broken multipart', body: '--x\r\nnonsense', type: 'multipart/form-data; boundary=x' },
          ];
          for (const intent of [...INTENTS, 'onbekend', '']) {
            for (const fields of GARBAGE)
              bodies.push({ label: `${intent} ${Object.keys(fields).length}`, body: new URLSearchParams({ ...fields, intent }).toString() });
          }
          const data = `?_data=${encodeURIComponent(`routes/${route.replace(/\.tsx$/, '')}`)}`;
          for (const [i, b] of bodies.entries()) {
            // Some as a document (the page renders the answer), all as data (the answer itself).
            if (i % 7 === 0) {
              const page = await post(path, b.body, cookie!, b.type);
              await page.arrayBuffer();
              if (page.status >= 500) failures.push(`${who} ${path} ${b.label}: page ${page.status}`);
            }
            const res = await post(path.includes('?') ? `${path}&${data.slice(1)}` : path + data, b.body, cookie!, b.type);
            const text = await res.text();
            if (res.status >= 500) failures.push(`${who} ${path} ${b.label}: data ${res.status}`);
            else if (res.status >= 400 && res.status < 500 && res.headers.get('content-type')?.includes('json')) {
              const message = (JSON.parse(text) as { error?: unknown }).error;
              if (typeof message === 'string' && /(invalid|expected|received|required|undefined|error)/i.test(message))
                failures.push(`${who} ${path} ${b.label}: not plain Dutch: ${message}`);
            }
          }
        }
      }
      expect(failures).toEqual([]);
    }, 180_000);
  }
});
