/**
 * Admin CLI: `npm run admin -- create-user --email … --name … --org … [--phone …] [--beheerder]`,
 * `npm run admin -- make-beheerder <email>` (the first beheerder of an
 * organisation; after that, beheerders manage accounts on /beheer, issue 18),
 * and `npm run admin -- set-organisation --org … [--out-of-hours-phone …]
 * [--child-own-link-age …] [--child-decides-age …]` (organisation settings
 * through the setOrganisationSettings command, audited; no beheer page yet).
 * Asks for the password on a terminal (input hidden), reads it from the first
 * line of standard input when piped, or generates one (empty answer or no
 * input) and prints that generated password once. It never prints a password
 * it did not generate.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { databasePathFromEnv, openDatabase } from '../db/database.server';
import { generatePassword, MIN_PASSWORD_LENGTH } from '../server/auth/passwords.server';
import { createProfessional, DuplicateEmailError, makeBeheerder } from '../server/users/users.server';
import { setOrganisationSettings } from '../server/commands/organisation.server';
import { CommandError } from '../server/commands/errors';

const USAGE = [
  'Gebruik: npm run admin -- create-user --email <e-mail> --name "<naam>" --org "<organisatie>" [--phone <telefoon>] [--beheerder]',
  '     of: npm run admin -- make-beheerder <e-mail>',
  '     of: npm run admin -- set-organisation --org "<organisatie>" [--out-of-hours-phone <telefoon, leeg = wissen>] [--child-own-link-age <jaren>] [--child-decides-age <jaren>] [--default-scale-question "<vraag>"] [--retention-months <1-240>] [--require-second-factor ja|nee]',
].join('\n');

const Input = z.object({
  email: z.email({ error: 'Geef een geldig e-mailadres op met --email.' }),
  name: z.string({ error: 'Geef een naam op met --name.' }).trim().min(1, 'Geef een naam op met --name.'),
  org: z.string({ error: 'Geef een organisatie op met --org.' }).trim().min(1, 'Geef een organisatie op met --org.'),
  phone: z.string().trim().optional(),
});

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

/** Reads one line from a terminal without echoing it. */
function askHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    process.stdout.write(question);
    const stdin = process.stdin;
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let answer = '';
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stdout.write('\n');
          resolve(answer);
          return;
        }
        if (char === '\u0003') process.exit(130);
        if (char === '\u007f') answer = answer.slice(0, -1);
        else answer += char;
      }
    };
    stdin.on('data', onData);
  });
}

async function readFirstLineOfStdin(): Promise<string> {
  let data = '';
  for await (const chunk of process.stdin) data += chunk;
  return data.split(/\r?\n/)[0] ?? '';
}

/** `set-organisation`: the organisation settings, validated and audited by the command. */
function setOrganisation(values: Record<string, string | boolean | undefined>) {
  const database = openDatabase(databasePathFromEnv());
  try {
    const r = setOrganisationSettings(
      { db: database.db },
      { via: 'admin-cli' },
      {
        organisation: values.org,
        outOfHoursPhone: values['out-of-hours-phone'],
        childOwnLinkAge: values['child-own-link-age'],
        childDecidesAge: values['child-decides-age'],
        defaultScaleQuestion: values['default-scale-question'],
        retentionMonths: values['retention-months'],
        requireSecondFactor: values['require-second-factor'],
      },
    );
    console.log(`Instellingen van ${String(values.org)} gewijzigd: ${r.fields.join(', ')}.`);
  } catch (error) {
    if (error instanceof CommandError) fail(`${error.message}\n${USAGE}`, 2);
    throw error;
  } finally {
    database.close();
  }
}

/** `make-beheerder <email>`: the organisation's first beheerder (audited, via the CLI). */
function makeBeheerderCli(email: string | undefined) {
  if (!email) fail(`Noem het e-mailadres van het account.\n${USAGE}`, 2);
  const database = openDatabase(databasePathFromEnv());
  try {
    const r = makeBeheerder(database.db, email);
    if (!r) fail('Er is geen actief account met dit e-mailadres.');
    console.log(r.changed ? `${r.name} is nu beheerder van de organisatie.` : `${r.name} was al beheerder.`);
  } finally {
    database.close();
  }
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      org: { type: 'string' },
      phone: { type: 'string' },
      'out-of-hours-phone': { type: 'string' },
      'child-own-link-age': { type: 'string' },
      'child-decides-age': { type: 'string' },
      'default-scale-question': { type: 'string' },
      'retention-months': { type: 'string' },
      'require-second-factor': { type: 'string' },
      beheerder: { type: 'boolean' },
    },
  });
  if (positionals[0] === 'set-organisation') return setOrganisation(values);
  if (positionals[0] === 'make-beheerder') return makeBeheerderCli(positionals[1]);
  if (positionals[0] !== 'create-user') fail(USAGE, 2);
  const parsed = Input.safeParse(values);
  if (!parsed.success) fail(`${parsed.error.issues[0]?.message}\n${USAGE}`, 2);

  const typed = process.stdin.isTTY
    ? await askHidden(`Wachtwoord (minstens ${MIN_PASSWORD_LENGTH} tekens; leeg laten om er een te laten maken): `)
    : await readFirstLineOfStdin();
  const generated = typed.length === 0;
  const password = generated ? generatePassword() : typed;
  if (password.length < MIN_PASSWORD_LENGTH) fail(`Het wachtwoord moet minstens ${MIN_PASSWORD_LENGTH} tekens hebben.`);

  const database = openDatabase(databasePathFromEnv());
  try {
    await createProfessional(database.db, {
      email: parsed.data.email,
      name: parsed.data.name,
      organisation: parsed.data.org,
      phone: parsed.data.phone,
      password,
      isBeheerder: values.beheerder === true,
    });
  } catch (error) {
    if (error instanceof DuplicateEmailError) fail('Er bestaat al een account met dit e-mailadres.');
    throw error;
  } finally {
    database.close();
  }
  console.log(
    `Account aangemaakt voor ${parsed.data.name} (${parsed.data.email.toLowerCase()}), ${parsed.data.org}${values.beheerder === true ? ', beheerder' : ''}.`,
  );
  if (generated) console.log(`Gemaakt wachtwoord (wordt maar één keer getoond, geef het veilig door): ${password}`);
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error)));
