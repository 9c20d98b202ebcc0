/**
 * Nothing personal reaches the log. A real server process (LOG_LEVEL=debug,
 * demo case) goes through a full scenario — logins (right and wrong
 * password), personal links (with and without toegangscode, one wrong code,
 * one unknown token), live editing with the stock y-websocket provider,
 * malformed frames, refused upgrades, a missing page, signing out, stopping —
 * and everything it wrote to stdout and stderr is scanned for every name,
 * e-mail address, phone number, password, hash, token, cookie value and
 * document text that exists in its database or passed through the scenario.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_LABELS } from '../../app/domain/caseFacts';
import { addItem } from '../../app/domain/items';
import { KAART_SECTION_IDS } from '../../app/domain/kaart';
import { DEMO_PROFESSIONALS } from '../../server/demo/demoCase.server';
import { spawnServer, type SpawnedServer } from '../support/spawnServer';
import { connectClient, rawSocket, waitFor, waitSynced, type Client } from '../support/syncClient';
import { get, login, postForm } from '../support/testServer';

const dir = mkdtempSync(join(tmpdir(), 'veiligplan-logprivacy-'));
const databasePath = join(dir, 'logprivacy.sqlite');
const clients: Client[] = [];
let server: SpawnedServer;
/** Secrets that passed through the scenario (besides what is in the database). */
const seen: string[] = [];
/** Names that passed through the scenario but are not in the database. */
const seenNames: string[] = [];
let output = '';

interface ParticipantRow {
  id: string;
  name: string | null;
  role: string;
  phone: string | null;
  isProfessionalAccount: boolean;
}

const cookieValue = (cookie: string) => cookie.slice(cookie.indexOf('=') + 1);
const countOf = (text: string, needle: string) => text.split(needle).length - 1;

beforeAll(async () => {
  server = await spawnServer({ databasePath, demo: true, env: { LOG_LEVEL: 'debug', NODE_ENV: 'production' } });
  const { url } = server;
  const caseId = server.caseId!;
  const dataPath = (tab: string) => `/casussen/${caseId}/${tab}?_data=${encodeURIComponent(`routes/casussen.$caseId.${tab}`)}`;
  const origin = new URL(url).origin;

  // Professionals: right and wrong password, and an address nobody has.
  const jb = DEMO_PROFESSIONALS.jeugdbeschermer;
  const cr = DEMO_PROFESSIONALS.casusregisseur;
  const jbCookie = await login(url, jb.email, jb.password);
  const crCookie = await login(url, cr.email, cr.password);
  seen.push(cookieValue(jbCookie), cookieValue(crCookie), decodeURIComponent(cookieValue(jbCookie)));
  const wrongPassword = 'verkeerd-wachtwoord-7391';
  const unknownEmail = 'onbekende.bezoeker@voorbeeld.nl';
  seen.push(wrongPassword, unknownEmail);
  expect((await postForm(url, '/login', { email: jb.email, password: wrongPassword })).status).toBe(401);
  expect((await postForm(url, '/login', { email: unknownEmail, password: wrongPassword })).status).toBe(401);

  // Personal links: one without and one with a toegangscode.
  const list = (await (await get(url, dataPath('betrokkenen'), jbCookie)).json()) as { participants: ParticipantRow[] };
  const family = list.participants.filter((p) => !p.isProfessionalAccount);
  const ouder = family.find((p) => p.role === 'ouder')!;
  const netwerklid = family.find((p) => p.role === 'netwerklid')!;
  const makeLink = async (participantId: string, withCode: boolean) => {
    const res = await postForm(url, dataPath('betrokkenen'), { intent: 'link', participantId, ...(withCode ? { code: 'on' } : {}) }, { Cookie: jbCookie });
    expect(res.status).toBe(200);
    const { link } = (await res.json()) as { link: { url: string; code: string | null } };
    const token = link.url.slice(link.url.indexOf('/l/') + 3);
    seen.push(token, link.url);
    return { token, code: link.code };
  };
  const plain = await makeLink(ouder.id, false);
  const coded = await makeLink(netwerklid.id, true);
  expect(coded.code).toMatch(/^\d{6}$/);

  // A GET only asks "Ben jij …?"; the POST of "Ja, dat ben ik" opens it (ADR 037).
  expect((await get(url, `/l/${plain.token}`)).status).toBe(200);
  const opened = await postForm(url, `/l/${plain.token}`, {});
  expect(opened.status).toBe(302);
  const ouderCookie = opened.headers.get('set-cookie')!.split(';')[0]!;
  expect((await get(url, `/l/${coded.token}`)).status).toBe(200);
  const wrongCode = coded.code === '123456' ? '654321' : '123456';
  expect((await postForm(url, `/l/${coded.token}`, { code: wrongCode })).status).toBe(400);
  const codeOk = await postForm(url, `/l/${coded.token}`, { code: coded.code! });
  expect(codeOk.status).toBe(302);
  const netwerkCookie = codeOk.headers.get('set-cookie')!.split(';')[0]!;
  seen.push(cookieValue(ouderCookie), cookieValue(netwerkCookie), coded.code!);
  const unknownToken = randomBytes(32).toString('base64url');
  seen.push(unknownToken);
  expect((await get(url, `/l/${unknownToken}`)).status).toBe(404);

  // Live editing with the stock provider; presence that claims another name.
  const kaartText = 'Oma Riet haalt Sanne op dinsdag van school (logproef-kaart)';
  const planText = 'Linda belt elke avond om acht uur met Mark (logproef-plan)';
  const fakeName = 'Valse Naam Pietersen';
  seen.push(kaartText, planText);
  seenNames.push(fakeName);
  const jbKaart = connectClient(url, jbCookie, `${caseId}/kaart`);
  const ouderPlan = connectClient(url, ouderCookie, `${caseId}/plan`);
  const netwerkKaart = connectClient(url, netwerkCookie, `${caseId}/kaart`);
  const netwerkBodemeisen = connectClient(url, netwerkCookie, `${caseId}/bodemeisen`);
  clients.push(jbKaart, ouderPlan, netwerkKaart, netwerkBodemeisen);
  await Promise.all(clients.map((c) => waitSynced(c)));
  jbKaart.provider.awareness.setLocalState({ user: { name: fakeName }, cursor: { item: 'x' } });
  const jbParticipant = list.participants.find((p) => p.role === 'jeugdbeschermer')!;
  addItem(
    jbKaart.doc,
    { participantId: jbParticipant.id, name: jb.name, role: ROLE_LABELS.jeugdbeschermer },
    { section: KAART_SECTION_IDS[0]!, fields: { text: kaartText } },
  );
  addItem(ouderPlan.doc, { participantId: ouder.id, name: ouder.name!, role: ROLE_LABELS.ouder }, { section: 'afspraken', fields: { wat: planText } });
  // A forged author: refused by the schema check (and logged without the name).
  addItem(
    netwerkKaart.doc,
    { participantId: netwerklid.id, name: fakeName, role: ROLE_LABELS.jeugdbeschermer },
    { section: KAART_SECTION_IDS[0]!, fields: { text: kaartText } },
  );
  // Read-only: dropped, and the sender is told.
  addItem(
    netwerkBodemeisen.doc,
    { participantId: netwerklid.id, name: netwerklid.name!, role: 'netwerklid' },
    { section: 'bodemeisen', fields: { tekst: kaartText } },
  );
  await waitFor(() => JSON.stringify(netwerkKaart.doc.getMap('items').toJSON()).includes('logproef-kaart'), 5000, 'kaart edit broadcast');
  await waitFor(() => netwerkBodemeisen.denied.includes('read-only'), 5000, 'told read-only');
  await waitFor(() => netwerkKaart.denied.includes('update-refused'), 5000, 'told refused');
  await waitFor(() => [...netwerkKaart.provider.awareness.getStates().values()].some((s) => s.cursor), 5000, 'presence broadcast');

  // Malformed frames: text with a name in it, an unknown sync step, awareness that is not JSON.
  const raw = await rawSocket(url, `/sync/${caseId}/kaart`, { Cookie: jbCookie, Origin: origin });
  raw.send(`hallo ${ouder.name} ${ouder.phone}`);
  raw.send(new Uint8Array([0, 9, 0]));
  const badAwareness = Buffer.from(`{"user":"${ouder.name}"`);
  // [awareness, payload length, 1 entry, client id 5, clock 1, state length, state]
  raw.send(Buffer.concat([Buffer.from([1, badAwareness.length + 4, 1, 5, 1, badAwareness.length]), badAwareness]));
  await waitFor(() => countOf(server.output(), 'malformed message dropped') >= 3, 5000, 'malformed frames logged');
  raw.terminate();

  // Refused upgrades: no cookie, a foreign origin, an address that is not /sync.
  for (const [path, headers, status] of [
    [`/sync/${caseId}/kaart`, { Origin: origin }, 401],
    [`/sync/${caseId}/kaart`, { Cookie: jbCookie, Origin: 'https://elders.example' }, 403],
    [`/sync/${caseId}/geheim?naam=${encodeURIComponent(ouder.name!)}`, { Cookie: jbCookie, Origin: origin }, 404],
  ] as const) {
    await expect(rawSocket(url, path, headers)).rejects.toMatchObject({ status });
  }
  await expect(rawSocket(url, `/elders?token=${unknownToken}`, { Origin: origin })).rejects.toMatchObject({ status: 404 });

  // Missing pages, also with personal data in the address.
  expect((await get(url, '/bestaat-niet')).status).toBe(404);
  expect((await get(url, `/bestaat-niet?email=${encodeURIComponent(jb.email)}&naam=${encodeURIComponent(ouder.name!)}`, crCookie)).status).toBe(404);
  expect((await get(url, '/casussen/%E0%A4%A')).status).toBe(400);

  // Signing out closes that sign-in's live connections.
  expect((await postForm(url, '/logout', {}, { Cookie: jbCookie })).status).toBe(302);
  await waitFor(() => jbKaart.closeCodes.includes(4401), 5000, 'signed-out socket closed');

  for (const c of clients) c.destroy();
  await server.stop('SIGTERM');
  output = server.output();
}, 120_000);

afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.stop('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** Everything personal or secret in the database after the scenario: names apart (they are also matched word by word). */
function secretsInDatabase(): { names: string[]; other: string[] } {
  const db = new Database(databasePath, { readonly: true });
  try {
    const column = (sql: string) => (db.prepare(sql).pluck().all() as (string | null)[]).filter((v): v is string => Boolean(v));
    return {
      names: [
        ...column('select name from users'),
        ...column('select name from participants'),
        ...column('select first_name from children'),
        ...column('select title from cases'),
      ],
      other: [
        ...column('select email from users'),
        ...column('select phone from users'),
        ...column('select password_hash from users'),
        ...column('select phone from participants'),
        ...column('select email from participants'),
        ...column('select token_hash from personal_links'),
        ...column('select code_hash from personal_links'),
        ...column('select id_hash from sessions'),
      ],
    };
  } finally {
    db.close();
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Patterns for one secret: the text itself (case-insensitive for e-mail, also its local part), its digits (phone numbers). */
function patternsFor(secret: string): RegExp[] {
  // A number (a toegangscode) only on its own, not inside a longer one (timestamps, pids).
  if (/^\d+$/.test(secret)) return [new RegExp(`(?<!\\d)${secret}(?!\\d)`)];
  const out = [new RegExp(escape(secret), secret.includes('@') ? 'iu' : 'u')];
  if (secret.includes('@')) out.push(new RegExp(escape(secret.split('@')[0]!), 'iu'));
  const digits = secret.replace(/\D/g, '');
  if (/^[\d\s()+-]+$/.test(secret) && digits.length >= 6) {
    // Digits only, not inside a longer number (timestamps, pids).
    out.push(new RegExp(`(?<!\\d)${digits}(?!\\d)`));
    if (digits.length > 6) out.push(new RegExp(`(?<!\\d)${digits.slice(1)}(?!\\d)`)); // without the leading 0
  }
  return out;
}

/** A name, and each of its words of three letters or more as a whole word ("Bakker", "Idrissi"). */
function namePatterns(name: string): RegExp[] {
  const out = [new RegExp(escape(name), 'u')];
  for (const word of name.split(/\s+/)) {
    if (word.length >= 3 && /^\p{L}+$/u.test(word)) out.push(new RegExp(`(?<!\\p{L})${escape(word)}(?!\\p{L})`, 'u'));
  }
  return out;
}

/** Shapes no log line may have, whatever its value. */
const FORBIDDEN_SHAPES: [string, RegExp][] = [
  ['a 256-bit base64url token', /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/],
  ['an argon2 hash', /\$argon2(id|i|d)\$/],
  ['a session cookie', /vp_session=/],
  ['an e-mail address', /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[a-z]{2,}/],
];

describe('log privacy', () => {
  it('logged the scenario as JSON lines', () => {
    const lines = output.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('VEILIGPLAN_READY '));
    const json = lines.flatMap((l) => {
      try {
        return [JSON.parse(l) as { level: number; msg: string; time: string }];
      } catch {
        return [];
      }
    });
    expect(json.length).toBeGreaterThanOrEqual(10);
    expect(lines.filter((l) => !l.startsWith('{'))).toEqual([]);
    const messages = new Set(json.map((j) => j.msg));
    for (const m of [
      'connection opened',
      'connection closed',
      'write refused',
      'upgrade refused',
      'malformed message dropped',
      'connections closed',
      'stopped',
    ]) {
      expect(messages, m).toContain(m);
    }
  });

  it('holds no name, e-mail address, phone number, password, hash, token, cookie or document text', () => {
    const stored = secretsInDatabase();
    const names = [...stored.names, ...Object.values(DEMO_PROFESSIONALS).map((p) => p.name), ...seenNames];
    const secrets = [
      ...stored.other,
      ...Object.values(DEMO_PROFESSIONALS).flatMap((p) => [p.email, p.phone, p.password]),
      'e2e-secret-not-for-production',
      ...seen,
    ];
    expect(names.length).toBeGreaterThan(8);
    expect(secrets.length).toBeGreaterThan(20);
    const patterns = [...new Set(names)].flatMap(namePatterns).concat([...new Set(secrets)].flatMap(patternsFor));
    const found: string[] = [];
    for (const [what, pattern] of [...patterns.map((p): [string, RegExp] => [String(p), p]), ...FORBIDDEN_SHAPES]) {
      const match = pattern.exec(output);
      if (match) found.push(`${what}: ${JSON.stringify(output.slice(Math.max(0, match.index - 80), match.index + 80))}`);
    }
    expect(found).toEqual([]);
  });
});
