/**
 * `npm run demo`: build if needed, migrate the demo database, load the
 * fictional demo case when it is not there yet, start the server and print
 * how to get in.
 */
import { databasePathFromEnv } from '../db/database.server';
import { PROJECT_ROOT, startServer } from '../server/app.server';
import { DEMO_PROFESSIONALS } from '../server/demo/demoCase.server';
import { DEMO_BEHEERDER, loadDemo } from '../server/demo/loadDemo.server';
import { installShutdown } from '../server/shutdown';
import { buildIfNeeded } from './build-if-needed';
import { ROLE_LABELS } from '../app/domain/caseFacts';
import type { Services } from '../server/services.server';

/** A fresh personal link for each family and netwerk member of the demo case, made by its jeugdbeschermer. */
async function demoLinks(services: Services, url: string, caseId: string): Promise<string[]> {
  const people = services.cases.participants(caseId);
  const maker = people.find((p) => p.role === 'jeugdbeschermer');
  if (!maker) throw new Error('De demo-casus heeft geen jeugdbeschermer.');
  const lines: string[] = [];
  for (const p of people.filter((person) => !person.isProfessionalAccount)) {
    const link = await services.commands.createPersonalLink({ participantId: maker.id, caseId }, { participantId: p.id, days: '30' });
    lines.push(`  ${p.name.padEnd(16)} ${ROLE_LABELS[p.role].padEnd(18)} ${url}/l/${link.token}`);
  }
  return lines;
}

try {
  buildIfNeeded(PROJECT_ROOT);

  const server = await startServer({
    // Never DATABASE_PATH: the demo resets personal links and adds accounts with known passwords,
    // so it must not touch a real database by accident.
    databasePath: databasePathFromEnv({ ...process.env, DATABASE_PATH: process.env.DEMO_DATABASE_PATH }, './data/demo.sqlite'),
    port: process.env.PORT ? Number(process.env.PORT) : 3000,
    host: process.env.HOST || undefined,
    publicUrl: process.env.PUBLIC_URL || undefined,
    sessionSecret: process.env.SESSION_SECRET || undefined,
  });
  installShutdown(server.close);
  const demo = await loadDemo(server.services);
  const lines = [
    '',
    `Veiligplan (demo) draait op ${server.url}`,
    demo.created
      ? 'De demo-casussen "Gezin Bakker" en "Gezin Visser" (afgesloten) zijn aangemaakt (alle personen zijn verzonnen).'
      : 'De demo-casussen stonden er al.',
    '',
    'Inloggen als professional:',
    ...Object.entries(DEMO_PROFESSIONALS).map(([role, p]) => `  ${role.padEnd(16)} e-mail: ${p.email.padEnd(36)} wachtwoord: ${p.password}`),
    `  ${'beheerder'.padEnd(16)} e-mail: ${DEMO_BEHEERDER.email.padEnd(36)} wachtwoord: ${DEMO_BEHEERDER.password} (${DEMO_BEHEERDER.name}, beheer op /beheer)`,
    '',
    'Persoonlijke links voor gezin en netwerk (nieuw bij elke start; oude links werken dan niet meer):',
    ...(await demoLinks(server.services, server.url, demo.caseId)),
    '',
    `Direct naar de casus: ${server.url}/casussen/${demo.caseId}`,
    `Berichten (e-mail) van de demo: ${server.services.outbox.mailDestination}`,
    'Stoppen: Ctrl+C',
    '',
  ];
  console.log(lines.join('\n'));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
