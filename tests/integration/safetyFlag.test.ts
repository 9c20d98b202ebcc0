/**
 * The safety flag with an effect (issue 18 point 5, ADR 033), over HTTP as
 * every role: a netwerklid's phone and e-mail appear on the pages that carry
 * contact details (Betrokkenen, veiligheidsplan with Bij nood, the family
 * home, the print) exactly where maySeeContactDetails allows — with the flag
 * on only for the jeugdbeschermer and the casusregisseur, marked afgeschermd.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProfessionalRole, ROLE_LABELS, ROLES, type Role } from '../../app/domain/caseFacts';
import { SHIELDED_NOTE } from '../../app/domain/bijNood';
import { addItem } from '../../app/domain/items';
import { maySeeContactDetails } from '../../app/domain/permissions';
import { cases } from '../../db/schema';
import { consentBy } from '../support/commandTesting';
import { createEveryRoleCase } from '../support/everyRole';
import { get, login, startTestServer, type TestServer } from '../support/testServer';

const PHONE = '06-5551 2345';
const EMAIL = 'oma.riet@voorbeeld.nl';

let server: TestServer;
let caseId: string;
const cookies = {} as Record<Role, string>;

beforeAll(async () => {
  server = await startTestServer();
  const db = server.services.db;
  const f = await createEveryRoleCase(db, 'Gezin Afgeschermd');
  caseId = f.caseId;
  // Oma Riet is another netwerklid than the one whose pages are read (her own number is hers to see).
  const riet = server.services.commands.addFamilyMember(
    { caseId, participantId: f.ids.jeugdbeschermer! },
    { name: 'Oma Riet', role: 'netwerklid', phone: PHONE, email: EMAIL, ...consentBy(f.ids.ouder!) },
  ).participantId;
  // Riet is in the veiligheidsnetwerk of the plan: Bij nood names her.
  server.services.sync
    .room(caseId, 'plan')
    .applyServerChange({ participantId: f.ids.jeugdbeschermer!, connectionId: null }, (doc) =>
      addItem(
        doc,
        { participantId: f.ids.jeugdbeschermer!, name: 'Prof jeugdbeschermer', role: ROLE_LABELS.jeugdbeschermer },
        { section: 'netwerk', fields: { taak: 'Haalt Kim op van school' }, values: { persoon: riet } },
      ),
    );
  for (const role of ROLES) {
    cookies[role] = isProfessionalRole(role)
      ? await login(server.url, f.accounts[role]!.email, f.accounts[role]!.password)
      : (await server.services.auth.createParticipantSession(f.ids[role]!)).split(';')[0]!;
  }
});
afterAll(async () => {
  await server.stop();
});

const setFlag = (on: boolean) => server.services.db.update(cases).set({ safetyFlag: on }).where(eq(cases.id, caseId)).run();
const page = async (role: Role, path: string) => {
  const res = await get(server.url, `/casussen/${caseId}${path}`, cookies[role]);
  return { status: res.status, text: (await res.text()).replace(/<!-- -->/g, '') };
};
/** Every page of the case that carries contact details, for this role (the family home is the family's). */
const pagesOf = (role: Role) => ['/betrokkenen', '/veiligheidsplan', '/afdrukken', ...(isProfessionalRole(role) ? [] : [''])];

describe('with the safety flag on', () => {
  beforeAll(() => setFlag(true));
  for (const role of ROLES) {
    const sees = maySeeContactDetails(role, { isProfessionalAccount: false }, { safetyFlag: true });
    it(`${role}: the netwerklid's phone and e-mail ${sees ? 'appear, marked afgeschermd' : 'appear on no page'}`, async () => {
      for (const path of pagesOf(role)) {
        const { status, text } = await page(role, path);
        expect(status, path).toBe(200);
        if (!sees) {
          expect(text.includes(PHONE), `${role} ${path} phone`).toBe(false);
          expect(text.includes(EMAIL), `${role} ${path} e-mail`).toBe(false);
        }
      }
      if (sees) {
        const betrokkenen = (await page(role, '/betrokkenen')).text;
        expect(betrokkenen).toContain(PHONE);
        expect(betrokkenen).toContain(EMAIL);
        expect(betrokkenen).toContain(SHIELDED_NOTE);
        const plan = (await page(role, '/veiligheidsplan')).text;
        expect(plan).toContain(PHONE);
        expect(plan).toContain(SHIELDED_NOTE);
      }
    });
  }
});

describe('with the safety flag off', () => {
  beforeAll(() => setFlag(false));
  for (const role of ROLES) {
    const sees = maySeeContactDetails(role, { isProfessionalAccount: false }, { safetyFlag: false });
    it(`${role}: Betrokkenen shows the netwerklid's details ${sees ? 'yes' : 'no'}; Bij nood shows her number to all who read the plan`, async () => {
      const betrokkenen = (await page(role, '/betrokkenen')).text;
      expect(betrokkenen.includes(EMAIL), 'e-mail').toBe(sees);
      expect(betrokkenen.includes(PHONE), 'phone').toBe(sees);
      expect(betrokkenen).not.toContain(SHIELDED_NOTE);
      const plan = (await page(role, '/veiligheidsplan')).text;
      expect(plan).toContain(PHONE);
      expect(plan).not.toContain(SHIELDED_NOTE);
    });
  }
});
