/**
 * The permission matrix of SPEC §3, generated from the one table in
 * app/domain/permissions.ts: for every role × document × read/write through a
 * real y-websocket connection, and for every HTTP action. Family roles use a
 * participant session (as a personal link gives), professional roles an account.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProfessionalRole, ROLE_LABELS, ROLES, type Role } from '../../app/domain/caseFacts';
import { DOCUMENT_SCHEMAS } from '../../app/domain/documentSchema';
import { addItem } from '../../app/domain/items';
import {
  caseAccess,
  documentAccess,
  DOCUMENTS,
  mayAskQuestion,
  mayDecideDeletion,
  mayExportCase,
  mayExportOwnData,
  mayFacilitateMeeting,
  mayRequestDeletion,
} from '../../app/domain/permissions';
import { mayRecordGrondslag, mayWithdrawConsent } from '../../app/domain/permissions';
import { createCase } from '../../server/cases/cases.server';
import { ensureOrganisation } from '../../server/users/users.server';
import { createProfessionalFixture } from '../support/fixtures';
import { connectClient, waitFor, waitSynced, type Client } from '../support/syncClient';
import { get, login, postForm, startTestServer, type TestServer } from '../support/testServer';

let server: TestServer;
let caseId: string;
let ids: Record<string, string>;
const cookies = {} as Record<Role, string>;
const clients: Client[] = [];

beforeAll(async () => {
  server = await startTestServer({ sync: { upgradesPerSecond: 0 } });
  const db = server.services.db;
  const accounts: Partial<Record<Role, Awaited<ReturnType<typeof createProfessionalFixture>>>> = {};
  for (const role of ROLES) if (isProfessionalRole(role)) accounts[role] = await createProfessionalFixture(db, `Prof ${role}`);
  ({ caseId, participantIds: ids } = createCase(db, {
    organisationId: ensureOrganisation(db, 'GI Testregio'),
    title: 'Gezin Matrix',
    kader: 'maatregel',
    maatregelType: 'OTS',
    stage: 'uitvoering',
    children: [{ firstName: 'Kim', birthYear: 2012 }],
    participants: [
      ...ROLES.map((role) => (isProfessionalRole(role) ? { key: role, role, userId: accounts[role]!.id } : { key: role, role, name: `Familie ${role}` })),
      { key: 'doel', role: 'netwerklid' as const, name: 'Doelwit Netwerklid' },
    ],
    casusregisseur: 'casusregisseur',
  }));
  for (const role of ROLES) {
    cookies[role] = isProfessionalRole(role)
      ? await login(server.url, accounts[role]!.email, accounts[role]!.password)
      : (await server.services.auth.createParticipantSession(ids[role]!)).split(';')[0]!;
  }
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.stop();
});

const storedBy = (participantId: string, document: string) =>
  (
    server.services.database.sqlite
      .prepare('select count(*) as n from updates where case_id = ? and document = ? and participant_id = ?')
      .get(caseId, document, participantId) as { n: number }
  ).n;

describe('documents: role × document × read/write over y-websocket', () => {
  for (const role of ROLES) {
    for (const document of DOCUMENTS) {
      const access = documentAccess(role, document);
      it(`${role} · ${document} → ${access}`, async () => {
        const client = connectClient(server.url, cookies[role], `${caseId}/${document}`);
        clients.push(client);
        if (access === 'none') {
          await waitFor(() => client.closeCodes.length > 0, 3000);
          expect(client.provider.synced).toBe(false);
          return;
        }
        await waitSynced(client); // read access: the document arrives
        // A valid new item, stamped as the server knows this person (the schema check refuses anything else).
        const name = isProfessionalRole(role) ? `Prof ${role}` : `Familie ${role}`;
        addItem(client.doc, { participantId: ids[role]!, name, role: ROLE_LABELS[role] }, { section: DOCUMENT_SCHEMAS[document].sections[0]!, fields: {} });
        if (access === 'write') {
          await waitFor(() => storedBy(ids[role]!, document) > 0, 3000, 'write stored');
        } else {
          await waitFor(() => client.denied.includes('read-only'), 3000, 'told read-only');
          expect(storedBy(ids[role]!, document)).toBe(0);
        }
      });
    }
  }
});

const dataPath = (tab: string) => `/casussen/${caseId}/${tab}?_data=${encodeURIComponent(`routes/casussen.$caseId.${tab}`)}`;

describe('HTTP actions per role', () => {
  for (const role of ROLES) {
    it(`${role}: own score ${caseAccess(role, 'ownScaleScore')}`, async () => {
      const res = await postForm(server.url, dataPath('kaart'), { intent: 'score', score: '5' }, { Cookie: cookies[role] });
      expect(res.status).toBe(caseAccess(role, 'ownScaleScore') === 'write' ? 200 : 403);
    });

    it(`${role}: case facts (scale question) ${caseAccess(role, 'caseFacts')}`, async () => {
      const res = await postForm(
        server.url,
        dataPath('kaart'),
        { intent: 'scaleQuestion', question: `Hoe veilig is Kim nu volgens ${role}?`, reason: 'Duidelijker voor het gezin' },
        { Cookie: cookies[role] },
      );
      expect(res.status).toBe(caseAccess(role, 'caseFacts') === 'write' ? 200 : 403);
    });

    it(`${role}: participants ${caseAccess(role, 'participants')}`, async () => {
      const add = await postForm(
        server.url,
        dataPath('betrokkenen'),
        { intent: 'add-family', role: 'netwerklid', name: `Nieuw via ${role}`, basis: 'wettelijk' },
        { Cookie: cookies[role] },
      );
      expect(add.status).toBe(caseAccess(role, 'participants') === 'manage' ? 200 : 403);
      const list = await get(server.url, dataPath('betrokkenen'), cookies[role]);
      expect(list.status).toBe(200);
      const body = (await list.json()) as { allowed: boolean; participants: { name: string; phone: string | null }[] };
      expect(body.allowed).toBe(caseAccess(role, 'participants') !== 'none');
    });

    it(`${role}: personal links ${caseAccess(role, 'participants') === 'manage' ? 'manage' : 'refused'}`, async () => {
      const res = await postForm(server.url, dataPath('betrokkenen'), { intent: 'link', participantId: ids.doel! }, { Cookie: cookies[role] });
      expect(res.status).toBe(caseAccess(role, 'participants') === 'manage' ? 200 : 403);
    });

    it(`${role}: grondslag ${mayRecordGrondslag(role) ? 'records' : 'refused'}, withdrawing consent ${mayWithdrawConsent(role, { gaveIt: false }) ? 'allowed' : 'refused'} (ADR 033)`, async () => {
      const rec = await postForm(
        server.url,
        dataPath('betrokkenen'),
        { intent: 'grondslag', participantId: ids.doel!, basis: 'wettelijk' },
        { Cookie: cookies[role] },
      );
      expect(rec.status).toBe(mayRecordGrondslag(role) ? 200 : 403);
      // On the legal ground of the OTS: who may withdraw consent is told it cannot be withdrawn (409), others are refused (403).
      server.services.commands.recordGrondslag({ caseId, participantId: ids.jeugdbeschermer! }, { participantId: ids.doel!, basis: 'wettelijk' });
      const withdraw = await postForm(server.url, dataPath('betrokkenen'), { intent: 'withdraw-consent', participantId: ids.doel! }, { Cookie: cookies[role] });
      expect(withdraw.status).toBe(mayWithdrawConsent(role, { gaveIt: false }) ? 409 : 403);
      // Everyone who lists the participants reads why people take part.
      const list = (await (await get(server.url, dataPath('betrokkenen'), cookies[role])).json()) as { takesPart: { sentence: string }[] };
      if (caseAccess(role, 'participants') !== 'none')
        expect(list.takesPart.map((t) => t.sentence)).toContain('Doelwit Netwerklid doet mee vanwege de ondertoezichtstelling.');
    });

    it(`${role}: netwerkberaad ${mayFacilitateMeeting(role) ? 'facilitates' : 'refused'}`, async () => {
      const start = await postForm(server.url, dataPath('sessie'), { intent: 'start' }, { Cookie: cookies[role] });
      expect(start.status).toBe(mayFacilitateMeeting(role) ? 200 : 403);
      if (mayFacilitateMeeting(role)) {
        const end = await postForm(server.url, dataPath('sessie'), { intent: 'end' }, { Cookie: cookies[role] });
        expect(end.status).toBeLessThan(400);
        expect(server.services.meetings.running(caseId)).toBeUndefined();
      }
    });

    it(`${role}: een vraag stellen ${mayAskQuestion(role) ? 'allowed' : 'refused'}`, async () => {
      const res = await postForm(
        server.url,
        dataPath('vragen'),
        { intent: 'ask-question', kind: 'vraag', text: `Wanneer is het volgende gesprek? (${role})` },
        { Cookie: cookies[role] },
      );
      expect(res.status).toBe(mayAskQuestion(role) ? 200 : 403);
    });

    it(`${role}: vragen om verwijderen ${mayRequestDeletion(role) ? 'allowed' : 'refused'}`, async () => {
      const res = await postForm(server.url, dataPath('verwijderen'), { intent: 'request-deletion', note: '' }, { Cookie: cookies[role] });
      // ouder and jeugdige may ask; whoever comes second finds the first request still open (409).
      expect(mayRequestDeletion(role) ? [200, 409] : [403]).toContain(res.status);
    });

    it(`${role}: beslissen over verwijderen ${mayDecideDeletion(role, { jeugdbeschermer: true }) ? 'allowed' : 'refused'}`, async () => {
      const res = await postForm(
        server.url,
        dataPath('verwijderen'),
        { intent: 'decide-deletion', requestId: 'bestaat-niet', decision: 'afgewezen', reason: 'Nog niet' },
        { Cookie: cookies[role] },
      );
      // A decider reaches the lookup (an unknown request: 404); everyone else is refused first.
      expect(res.status).toBe(mayDecideDeletion(role, { jeugdbeschermer: true }) ? 404 : 403);
    });

    it(`${role}: audit log ${caseAccess(role, 'auditLog')}`, async () => {
      const res = await get(server.url, dataPath('logboek'), cookies[role]);
      expect(res.status).toBe(caseAccess(role, 'auditLog') === 'read' ? 200 : 404);
    });
  }
});

describe('exports per role (ADR 034)', () => {
  for (const role of ROLES) {
    it(`${role}: case export ${mayExportCase(role) ? 'allowed' : 'refused'}`, async () => {
      for (const file of ['export.zip', 'plan.pdf']) {
        const res = await get(server.url, `/casussen/${caseId}/${file}`, cookies[role]);
        expect(res.status, file).toBe(mayExportCase(role) ? 200 : 403);
      }
    });

    const own = mayExportOwnData(role, { professionalAccount: isProfessionalRole(role) });
    it(`${role}: mijn gegevens ${own ? 'allowed' : 'refused'}`, async () => {
      const res = await get(server.url, `/casussen/${caseId}/mijn-gegevens.zip`, cookies[role]);
      expect(res.status).toBe(own ? 200 : 403);
    });
  }
});

// Beheer (issue 18): an organisation role, not a case role — no case role opens it; the beheerder does.
describe('beheer pages and actions per role', () => {
  const beheer: { path: string; form: Record<string, string>; post: string; bossPosts?: number }[] = [
    {
      path: '/beheer?_data=routes%2Fbeheer._index',
      form: { intent: 'invite', name: 'Matrix Nieuw', email: 'matrix-nieuw@test.veiligplan.nl' },
      post: '/beheer?index&_data=routes%2Fbeheer._index',
    },
    {
      // Beheer › Beveiliging (ADR 032): who set up a second factor; resetting one is the beheerder's.
      path: '/beheer/beveiliging?_data=routes%2Fbeheer.beveiliging',
      form: { intent: 'reset-second-factor', userId: 'matrix-onbekend' },
      post: '/beheer/beveiliging?_data=routes%2Fbeheer.beveiliging',
      // Allowed, and then refused for what it names: an account that is not in the organisation.
      bossPosts: 404,
    },
    {
      path: '/beheer/instellingen?_data=routes%2Fbeheer.instellingen',
      form: { intent: 'save-settings', retentionMonths: '30' },
      post: '/beheer/instellingen?_data=routes%2Fbeheer.instellingen',
    },
  ];
  for (const role of ROLES) {
    it(`${role}: beheer refused (${isProfessionalRole(role) ? '403' : 'to their case'})`, async () => {
      for (const b of beheer) {
        const page = await get(server.url, b.path, cookies[role]);
        const posted = await postForm(server.url, b.post, b.form, { Cookie: cookies[role] });
        for (const res of [page, posted]) {
          if (isProfessionalRole(role)) expect(res.status).toBe(403);
          else expect([204, 302]).toContain(res.status);
        }
      }
    });
  }
  it('beheerder: beheer allowed', async () => {
    const boss = await createProfessionalFixture(server.services.db, 'Matrix Beheerder');
    // The first beheerder comes from the CLI; here it is set directly.
    server.services.database.sqlite.prepare('update users set is_beheerder = 1 where id = ?').run(boss.id);
    const cookie = await login(server.url, boss.email, boss.password);
    for (const b of beheer) {
      expect((await get(server.url, b.path, cookie)).status).toBe(200);
      expect((await postForm(server.url, b.post, b.form, { Cookie: cookie })).status, b.post).toBe(b.bossPosts ?? 200);
    }
  });
});
