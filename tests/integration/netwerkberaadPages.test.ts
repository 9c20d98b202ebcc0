/**
 * The netwerkberaad pages over real HTTP (issue 16): the join page says
 * nothing of a case to someone not signed in; a code of another case, an
 * ended meeting's code and an unknown code get one and the same 404; only the
 * facilitator roles open the projector or post facilitator intents; and no
 * page data — of any role, nor the projector's — holds a score of an open
 * round, nor does the answer to giving one. All people are fictional.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProfessionalRole, ROLES, type Role } from '../../app/domain/caseFacts';
import { mayFacilitateMeeting } from '../../app/domain/permissions';
import { createEveryRoleCase } from '../support/everyRole';
import { get, login, postForm, startTestServer, type TestServer } from '../support/testServer';

let server: TestServer;
let setup: Awaited<ReturnType<typeof createEveryRoleCase>>;
const cookies = {} as Record<Role, string>;
const TITLE = 'Gezin Beraadtest';

beforeAll(async () => {
  server = await startTestServer();
  setup = await createEveryRoleCase(server.services.db, TITLE);
  for (const role of ROLES) {
    cookies[role] = isProfessionalRole(role)
      ? await login(server.url, setup.accounts[role]!.email, setup.accounts[role]!.password)
      : (await server.services.auth.createParticipantSession(setup.ids[role]!)).split(';')[0]!;
  }
});
afterAll(async () => {
  await server.stop();
});

const as = (role: Role) => ({ caseId: setup.caseId, participantId: setup.ids[role]! });
const otherJb = () => ({ caseId: setup.other.caseId, participantId: setup.other.participantIds.jb! });
const sessiePath = () => `/casussen/${setup.caseId}/sessie`;
const post = (path: string, fields: Record<string, string>, cookie: string) =>
  postForm(server.url, path, fields, { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' });
const data = async (path: string, route: string, cookie?: string) => {
  const res = await get(server.url, `${path}?_data=${encodeURIComponent(route)}`, cookie);
  return { status: res.status, text: await res.text() };
};
/** The page as HTML, with what differs per response anyway (the CSP nonce) taken out. */
const page = async (path: string, cookie?: string) => {
  const res = await get(server.url, path, cookie);
  return { status: res.status, html: (await res.text()).replace(/<!-- -->/g, '').replace(/nonce="[^"]*"/g, 'nonce=""') };
};

const mainOf = (html: string) => /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '';

describe('netwerkberaad pages', () => {
  let code: string;

  it('the facilitator starts a meeting on the page; the Sessie tab and the banner show it', async () => {
    const before = await page(sessiePath(), cookies.ouder);
    expect(before.html).toContain('Er loopt nu geen netwerkberaad');
    expect((await page(sessiePath(), cookies.jeugdbeschermer)).html).toContain('Sessie starten');
    const started = await post(`${sessiePath()}?_data=${encodeURIComponent('routes/casussen.$caseId.sessie')}`, { intent: 'start' }, cookies.jeugdbeschermer);
    expect(started.status).toBe(200);
    code = server.services.meetings.running(setup.caseId)!.code;
    const home = await page(`/casussen/${setup.caseId}`, cookies.ouder);
    expect(home.html).toContain('Er loopt nu een netwerkberaad');
    expect(home.html).not.toContain('>Sessie</span>'); // the tab is for facilitators
    expect((await page(`/casussen/${setup.caseId}/kaart`, cookies.casusregisseur)).html).toContain('>Sessie</span>');
  });

  it('the join page without a sign-in says nothing about the meeting or the case', async () => {
    const { status, html } = await page(`/sessie/${code}`);
    expect(status).toBe(200);
    expect(html).toContain('Open eerst je eigen persoonlijke link of log in');
    expect(html).toContain(`redirectTo=${encodeURIComponent(`/sessie/${code}`)}`.replace(/&/g, '&amp;'));
    for (const secret of [TITLE, setup.caseId, 'Familie ouder', 'Prof jeugdbeschermer', 'Kim']) expect(html).not.toContain(secret);
    const json = await data(`/sessie/${code}`, 'routes/sessie.$code');
    expect(json.text).not.toContain(setup.caseId);
    // Posting the join without a sign-in is refused, in Dutch, and joins nobody.
    const refused = await postForm(server.url, `/sessie/${code}?_data=routes%2Fsessie.%24code`, { intent: 'join' });
    expect(refused.status).toBe(401);
  });

  it('a code of another case, an ended meeting’s code and an unknown code: the same 404', async () => {
    const other = server.services.commands.startMeeting(otherJb(), {});
    const unknown = 'ZZZZZZ' === other.code ? 'YYYYYY' : 'ZZZZZZ';
    const answers = [];
    for (const c of [other.code, unknown, 'not-a-code']) {
      const p = await page(`/sessie/${c}`, cookies.ouder);
      const d = await data(`/sessie/${c}`, 'routes/sessie.$code', cookies.ouder);
      expect(p.status, c).toBe(404);
      expect(d.status, c).toBe(404);
      expect(p.html).toContain('Deze code hoort niet bij een netwerkberaad van jou');
      expect(p.html).not.toContain('Gezin Elders');
      answers.push({ html: p.html.replaceAll(c, 'CODE'), data: d.text });
      // Joining with it is the same refusal.
      const join = await post(`/sessie/${c}?_data=routes%2Fsessie.%24code`, { intent: 'join' }, cookies.ouder);
      expect(join.status).toBe(404);
    }
    expect(new Set(answers.map((a) => a.data)).size).toBe(1);
    expect(new Set(answers.map((a) => a.html)).size).toBe(1);
    // An ended meeting's code: the same.
    server.services.commands.endMeeting(otherJb(), {});
    const endedPage = await page(`/sessie/${other.code}`, cookies.ouder);
    expect(endedPage.status).toBe(404);
    expect(endedPage.html.replaceAll(other.code, 'CODE')).toBe(answers[0]!.html);
  }, 30_000);

  it('signed in with a code of their own case: "Doe mee als …" joins and leads to the sessie page', async () => {
    const { status, html } = await page(`/sessie/${code}`, cookies.ouder);
    expect(status).toBe(200);
    expect(html).toContain('Doe mee als Familie ouder');
    const joined = await post(`/sessie/${code.toLowerCase()}`, { intent: 'join' }, cookies.ouder);
    expect(joined.status).toBe(302);
    expect(joined.headers.get('location')).toBe(sessiePath());
    const view = server.services.meetings.view(setup.caseId, setup.ids.ouder!)!;
    expect(view.attendees.find((a) => a.participantId === setup.ids.ouder)).toMatchObject({ joined: true, present: true });
    // Typing the code: the form GETs /sessie?code=…, which goes on to /sessie/<code>.
    const typed = await get(server.url, `/sessie?code=${encodeURIComponent(` ${code.slice(0, 3).toLowerCase()} ${code.slice(3)} `)}`);
    expect(typed.status).toBe(302);
    expect(typed.headers.get('location')).toBe(`/sessie/${code}`);
    expect((await get(server.url, '/sessie?code=xx')).status).toBe(400);
  });

  it('a personal link opened with ?sessie=<code> goes on to joining that meeting', async () => {
    const link = await server.services.commands.createPersonalLink(as('jeugdbeschermer'), { participantId: setup.ids.netwerklid, days: '30' });
    // A GET asks "Ben jij …?" (ADR 037); its form posts to the same address, so the query survives.
    expect((await get(server.url, `/l/${link.token}?sessie=${code}`)).status).toBe(200);
    const opened = await postForm(server.url, `/l/${link.token}?sessie=${code}`, {});
    expect(opened.status).toBe(302);
    expect(opened.headers.get('location')).toBe(`/sessie/${code}`);
    // With an access code, the code is in the same form: the query survives.
    const coded = await server.services.commands.createPersonalLink(as('jeugdbeschermer'), { participantId: setup.ids.jeugdige, days: '30', code: 'on' });
    const asked = await page(`/l/${coded.token}?sessie=${code}`);
    expect(asked.html).toContain('Toegangscode');
    const withCode = await postForm(server.url, `/l/${coded.token}?sessie=${code}`, { code: coded.code! });
    expect(withCode.status).toBe(302);
    expect(withCode.headers.get('location')).toBe(`/sessie/${code}`);
    // Without it (or with a code that is not one), the case as before.
    const plain = await server.services.commands.createPersonalLink(as('jeugdbeschermer'), { participantId: setup.ids.netwerklid, days: '30' });
    expect((await postForm(server.url, `/l/${plain.token}?sessie=../../x`, {})).headers.get('location')).toBe(`/casussen/${setup.caseId}`);
    // The links above ended the netwerklid's earlier session: sign in again for the next tests.
    cookies.netwerklid = (await server.services.auth.createParticipantSession(setup.ids.netwerklid!)).split(';')[0]!;
    cookies.jeugdige = (await server.services.auth.createParticipantSession(setup.ids.jeugdige!)).split(';')[0]!;
  });

  it('only the facilitator roles open the projector; others get the 404 of a case they are not in', async () => {
    const notInCase = await page(`/casussen/${setup.other.caseId}/beamer`, cookies.jeugdbeschermer);
    expect(notInCase.status).toBe(404);
    for (const role of ROLES) {
      const { status, html } = await page(`/casussen/${setup.caseId}/beamer`, cookies[role]);
      if (mayFacilitateMeeting(role)) {
        expect(status, role).toBe(200);
        expect(html).toContain(`data-join-url="${new URL(server.url).origin}/sessie/${code}"`);
        expect(html).toContain(`${code.slice(0, 3)} ${code.slice(3)}`);
      } else {
        expect(status, role).toBe(404);
        // The same page as for a case one is not in (the header names the viewer; what is below it is the same).
        expect(mainOf(html)).toBe(mainOf(notInCase.html));
      }
    }
  });

  it('a netwerklid posting facilitator intents is refused with 403', async () => {
    const roundId = '00000000-0000-4000-8000-000000000000';
    const intents: Record<string, Record<string, string>> = {
      start: {},
      focus: { focus: 'plan' },
      attendance: { participantId: setup.ids.ouder!, present: 'ja' },
      'open-round': {},
      reveal: { roundId },
      note: { kind: 'notitie', text: 'Een notitie van iemand anders.' },
      afspraak: { wat: 'Oma haalt Kim op.', [`wie:${setup.ids.netwerklid}`]: 'ja', start: '2027-03-01' },
      guest: { name: 'Oom Piet', role: 'netwerklid' },
      end: {},
    };
    for (const role of ['netwerklid', 'ouder', 'professional'] as const) {
      for (const [intent, fields] of Object.entries(intents)) {
        const res = await post(`${sessiePath()}?_data=${encodeURIComponent('routes/casussen.$caseId.sessie')}`, { intent, ...fields }, cookies[role]);
        expect(res.status, `${role} ${intent}`).toBe(403);
        expect((await res.json()).error).toMatch(/jeugdbeschermer of de casusregisseur/);
      }
    }
    expect(server.services.meetings.running(setup.caseId)).toBeDefined();
  });

  it('no page data holds a score of an open round; the reveal shows them all', async () => {
    const { commands, meetings } = server.services;
    const sessieData = (role: Role) => data(sessiePath(), 'routes/casussen.$caseId.sessie', cookies[role]);
    const open = await post(`${sessiePath()}?_data=${encodeURIComponent('routes/casussen.$caseId.sessie')}`, { intent: 'open-round' }, cookies.casusregisseur);
    expect(open.status).toBe(200);
    const roundId = meetings.view(setup.caseId, setup.ids.jeugdbeschermer!)!.round!.id;
    const secrets: Partial<Record<Role, string>> = {};
    for (const [role, score] of [
      ['jeugdbeschermer', '3'],
      ['ouder', '7'],
      ['netwerklid', '9'],
    ] as const) {
      secrets[role] = `Geheime toelichting van ${role}`;
      const res = await post(
        `${sessiePath()}?_data=${encodeURIComponent('routes/casussen.$caseId.sessie')}`,
        { intent: 'score', roundId, score, explanation: secrets[role]! },
        cookies[role],
      );
      expect(res.status, role).toBe(200);
      // The answer to giving a score does not echo it.
      const answer = await res.text();
      expect(answer).not.toMatch(/score/i);
      expect(answer).not.toContain(secrets[role]);
    }
    const noScores = (text: string, who: string) => {
      expect(text, who).not.toMatch(/"score"\s*:/);
      expect(text, who).not.toMatch(/"explanation"\s*:/);
      for (const s of Object.values(secrets)) expect(text, who).not.toContain(s);
    };
    for (const role of ROLES) {
      const d = await sessieData(role);
      expect(d.status, role).toBe(200);
      noScores(d.text, role);
      noScores((await page(sessiePath(), cookies[role])).html, `${role} page`);
    }
    for (const role of ['jeugdbeschermer', 'casusregisseur'] as const) {
      const projector = await data(`/casussen/${setup.caseId}/beamer`, 'routes/casussen.$caseId_.beamer', cookies[role]);
      expect(projector.status).toBe(200);
      expect(projector.text).toContain('"scoredCount":3');
      noScores(projector.text, `${role} projector`);
      noScores((await page(`/casussen/${setup.caseId}/beamer`, cookies[role])).html, `${role} projector page`);
    }
    // The reveal: every score, with names, for everyone.
    commands.revealScaleRound(as('jeugdbeschermer'), { roundId });
    const after = await sessieData('ouder');
    for (const s of Object.values(secrets)) expect(after.text).toContain(s);
    expect(after.text).toMatch(/"score":7/);
  });

  it('ending the meeting on the page answers the summary page', async () => {
    const res = await post(`${sessiePath()}`, { intent: 'end', nextMeetingDate: '' }, cookies.jeugdbeschermer);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toMatch(new RegExp(`^/casussen/${setup.caseId}/sessies/[0-9a-f-]{36}$`));
    expect(server.services.meetings.running(setup.caseId)).toBeUndefined();
    expect((await page(`/sessie/${code}`, cookies.ouder)).status).toBe(404);
  });
});
