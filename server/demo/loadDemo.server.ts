/**
 * Loads the whole fictional demo once (`npm run demo`, the browser tests):
 * the Gezin Bakker case with its content, history and a netwerkberaad, and the closed Gezin
 * Visser case. On a database that already has the demo, nothing is written.
 */
import type { Services } from '../services.server';
import { DEMO_ORGANISATION, ensureDemoCase, type DemoIds } from './demoCase.server';
import { seedDemoContent } from './demoContent.server';
import { seedClosedDemoCase, seedDemoHistory, seedDemoMeeting } from './demoHistory.server';
import { seedDemoChildVoice } from './demoChildVoice.server';
import { createProfessional, findUserByEmail } from '../users/users.server';

/** The demo organisation's beheerder (issue 18): manages the team and settings on /beheer. Fictional. */
export const DEMO_BEHEERDER = { email: 'beheer@demo.veiligplan.nl', name: 'Femke de Boer', password: 'demo-beheerder', organisation: DEMO_ORGANISATION };

export async function loadDemo(services: Services): Promise<DemoIds> {
  const demo = await ensureDemoCase(services.db);
  if (demo.created) {
    seedDemoContent(services, demo.caseId, demo.participantIds);
    seedDemoHistory(services, demo.caseId, demo.participantIds);
    seedDemoMeeting(services, demo.caseId, demo.participantIds);
    seedDemoChildVoice(services, demo.caseId, demo.participantIds);
    seedClosedDemoCase(services);
    // Bij nood (issue 17): the organisation's out-of-hours number, fictional like everything here.
    services.commands.setOrganisationSettings({ via: 'demo' }, { organisation: DEMO_ORGANISATION, outOfHoursPhone: '010-555 09 00' });
  }
  if (!findUserByEmail(services.db, DEMO_BEHEERDER.email)) await createProfessional(services.db, { ...DEMO_BEHEERDER, isBeheerder: true });
  return demo;
}
