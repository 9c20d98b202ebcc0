/**
 * The summary of a netwerkberaad over real HTTP (issue 16 point 6): a whole
 * meeting runs through the real commands, then its summary page answers a
 * parent (plain Dutch first), a professional and a meelezer (names, no
 * roles); another case's meeting, a running meeting and an unknown id are
 * 404; the family home shows the latest meeting, the professional's
 * Overzicht and the Versies page link to the summary. All people are fictional.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProfessionalRole, ROLE_LABELS, ROLES, type Role } from '../../app/domain/caseFacts';
import { addDays } from '../../app/domain/regie';
import { todayIso } from '../../server/cases/regie.server';
import { createEveryRoleCase } from '../support/everyRole';
import { get, login, startTestServer, type TestServer } from '../support/testServer';

let server: TestServer;
let setup: Awaited<ReturnType<typeof createEveryRoleCase>>;
const cookies = {} as Record<Role, string>;
let meetingId: string;
let snapshotId: string;
const NEXT = addDays(todayIso(), 21);
const TEXT = {
  toelichting: 'Het is rustiger sinds de buurvrouw vaker langskomt.',
  beslissing: 'De kinderen mogen altijd bij de buurvrouw aanbellen.',
  notitie: 'School wordt gevraagd om mee te denken.',
  afspraak: 'Familie netwerklid belt elke zondag met de kinderen.',
};

const as = (role: Role) => ({ caseId: setup.caseId, participantId: setup.ids[role]! });
const page = async (role: Role, path: string) => {
  const res = await get(server.url, `/casussen/${setup.caseId}${path}`, cookies[role]);
  return { status: res.status, html: (await res.text()).replace(/<!-- -->/g, '') };
};

beforeAll(async () => {
  server = await startTestServer();
  setup = await createEveryRoleCase(server.services.db, 'Gezin Verslag');
  for (const role of ROLES) {
    cookies[role] = isProfessionalRole(role)
      ? await login(server.url, setup.accounts[role]!.email, setup.accounts[role]!.password)
      : (await server.services.auth.createParticipantSession(setup.ids[role]!)).split(';')[0]!;
  }
  // A whole netwerkberaad through the real commands.
  const c = server.services.commands;
  const { code } = c.startMeeting(as('jeugdbeschermer'), {});
  c.joinMeeting(as('ouder'), { code });
  c.joinMeeting(as('netwerklid'), { code });
  c.setMeetingFocus(as('jeugdbeschermer'), { focus: 'schaal' });
  const { roundId } = c.openScaleRound(as('jeugdbeschermer'));
  c.giveRoundScore(as('ouder'), { roundId, score: '6', explanation: TEXT.toelichting });
  c.giveRoundScore(as('netwerklid'), { roundId, score: '4' });
  c.revealScaleRound(as('jeugdbeschermer'), { roundId });
  c.addMeetingNote(as('jeugdbeschermer'), { kind: 'beslissing', text: TEXT.beslissing });
  c.addMeetingNote(as('jeugdbeschermer'), { kind: 'notitie', text: TEXT.notitie });
  c.addMeetingAfspraak(as('jeugdbeschermer'), { wat: TEXT.afspraak, wie: setup.ids.netwerklid, start: todayIso(), herhaling: 'wekelijks:7' });
  ({ meetingId, snapshotId } = c.endMeeting(as('jeugdbeschermer'), { nextMeetingDate: NEXT }));
});
afterAll(async () => {
  await server.stop();
});

describe('the summary of a netwerkberaad', () => {
  it('a parent reads it in plain Dutch first, with the whole meeting under plain headings', async () => {
    const { status, html } = await page('ouder', `/sessies/${meetingId}`);
    expect(status).toBe(200);
    expect(html).toContain('In het kort');
    expect(html).toContain('Prof jeugdbeschermer leidde het gesprek.');
    expect(html).toContain(`Jullie hebben besloten: ${TEXT.beslissing}`);
    expect(html).toContain('Dit waren de cijfers: Familie 6 en Familie 4.');
    expect(html).toContain('Wie waren er?');
    expect(html).toContain(TEXT.toelichting);
    expect(html).toContain(TEXT.afspraak);
    expect(html).toContain(TEXT.notitie);
    expect(html).toContain('Afdrukken');
  });

  it('a professional reads the whole summary with roles, scores, afspraken, notes, the next meeting and the version', async () => {
    const { status, html } = await page('professional', `/sessies/${meetingId}`);
    expect(status).toBe(200);
    expect(html).not.toContain('In het kort');
    expect(html).toContain('Geleid door');
    expect(html).toContain(`Familie ouder<span class="muted"> (${ROLE_LABELS.ouder})</span>`);
    expect(html).toContain('Schaalronde');
    expect(html).toContain(TEXT.toelichting);
    expect(html).toContain(TEXT.afspraak);
    expect(html).toContain('Familie netwerklid');
    expect(html).toContain(TEXT.beslissing);
    expect(html).toContain('<h4>Veiligheidsplan</h4><dl><div><dt>Nieuw</dt>');
    expect(html).toContain(`“${TEXT.afspraak}” toegevoegd in Afspraken`);
    expect(html).toMatch(/Gepland op \d+ \w+ \d{4}\./);
    expect(html).toContain(`/casussen/${setup.caseId}/versies?versie=${snapshotId}`);
  });

  it('every role reads it; a meelezer sees who was there without their roles', async () => {
    for (const role of ROLES) expect((await page(role, `/sessies/${meetingId}`)).status, role).toBe(200);
    const { html } = await page('meelezer', `/sessies/${meetingId}`);
    expect(html).toContain('Familie ouder');
    expect(html).not.toContain(`(${ROLE_LABELS.ouder})`);
  });

  it('another case’s meeting, a running meeting and an unknown id are not found', async () => {
    const c = server.services.commands;
    const jb = { caseId: setup.other.caseId, participantId: setup.other.participantIds.jb! };
    c.startMeeting(jb, {});
    const other = c.endMeeting(jb, {});
    expect((await page('ouder', `/sessies/${other.meetingId}`)).status).toBe(404);
    expect((await page('jeugdbeschermer', `/sessies/${other.meetingId}`)).status).toBe(404);
    const running = c.startMeeting(as('jeugdbeschermer'), {});
    try {
      expect((await page('ouder', `/sessies/${running.meetingId}`)).status).toBe(404);
      expect((await page('jeugdbeschermer', `/sessies/${running.meetingId}`)).status).toBe(404);
    } finally {
      c.endMeeting(as('jeugdbeschermer'), {});
    }
    expect((await page('ouder', '/sessies/bestaat-niet')).status).toBe(404);
  });

  it('the family home shows the latest netwerkberaad with a link to the whole summary', async () => {
    const c = server.services.commands;
    // The previous test ended an empty meeting after the real one: the home shows that latest one.
    const latest = server.services.meetings.endedList(setup.caseId, 1)[0]!;
    const { status, html } = await page('netwerklid', '');
    expect(status).toBe(200);
    expect(html).toContain('Het laatste netwerkberaad');
    expect(html).toContain(`/casussen/${setup.caseId}/sessies/${latest.id}`);
    expect(html).toContain('Lees het hele verslag');
    // A meeting with the next date set: the home says when.
    const { code } = c.startMeeting(as('jeugdbeschermer'), {});
    c.joinMeeting(as('netwerklid'), { code });
    const again = c.endMeeting(as('jeugdbeschermer'), { nextMeetingDate: NEXT });
    const home = (await page('netwerklid', '')).html;
    expect(home).toContain(`/casussen/${setup.caseId}/sessies/${again.meetingId}`);
    expect(home).toContain('Erbij waren: Prof jeugdbeschermer en Familie netwerklid.');
    expect(home).toMatch(/Het volgende netwerkberaad is op <strong>\d+ \w+ \d{4}<\/strong>/);
  });

  it('the professional’s Overzicht lists the last netwerkberaden; the sessie version links to its summary', async () => {
    const overzicht = await page('casusregisseur', '/overzicht');
    expect(overzicht.status).toBe(200);
    expect(overzicht.html).toContain('Laatste netwerkberaden');
    expect(overzicht.html).toContain(`/casussen/${setup.caseId}/sessies/${meetingId}`);
    const versies = await page('ouder', '/versies');
    expect(versies.status).toBe(200);
    expect(versies.html).toContain(`/casussen/${setup.caseId}/sessies/${meetingId}`);
    expect(versies.html).toContain('Verslag van het netwerkberaad');
  });
});
