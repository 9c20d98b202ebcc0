/** The admin CLI as a real process against a real SQLite file. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database.server';
import { verifyPassword } from '../server/auth/passwords.server';
import { findUserByEmail } from '../server/users/users.server';

let dir: string;
let databasePath: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'veiligplan-admin-'));
  databasePath = join(dir, 'admin.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function admin(args: string[], input = '') {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', ...args], {
    env: { ...process.env, DATABASE_PATH: databasePath },
    input,
    encoding: 'utf8',
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

const USER = ['create-user', '--email', 'Jan.Smit@GI-Test.nl', '--name', 'Jan Smit', '--org', 'GI Testregio'];

async function passwordMatches(password: string) {
  const h = openDatabase(databasePath);
  try {
    const user = findUserByEmail(h.db, 'jan.smit@gi-test.nl');
    return user ? verifyPassword(user.passwordHash, password) : false;
  } finally {
    h.close();
  }
}

describe('npm run admin -- create-user', () => {
  it('generates a password when none is given and prints it once', async () => {
    const { code, out } = admin(USER);
    expect(code).toBe(0);
    const matches = [...out.matchAll(/wordt maar één keer getoond[^:]*: (\S+)/g)];
    expect(matches).toHaveLength(1);
    expect(await passwordMatches(matches[0]![1]!)).toBe(true);
  });

  it('takes a piped password and never prints it', async () => {
    const { code, out, err } = admin(USER, 'mijn-eigen-lange-wachtwoord\n');
    expect(code).toBe(0);
    expect(out + err).not.toContain('mijn-eigen-lange-wachtwoord');
    expect(await passwordMatches('mijn-eigen-lange-wachtwoord')).toBe(true);
  });

  it('refuses a short password, a duplicate e-mail and bad arguments in Dutch', () => {
    expect(admin(USER, 'kort\n')).toMatchObject({ code: 1, err: expect.stringContaining('minstens 12 tekens') });
    expect(admin(USER).code).toBe(0);
    expect(admin(USER)).toMatchObject({ code: 1, err: expect.stringContaining('Er bestaat al een account') });
    expect(admin(['create-user', '--email', 'geen-email', '--name', 'X', '--org', 'Y'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('geldig e-mailadres'),
    });
    expect(admin(['verwijder-alles'])).toMatchObject({ code: 2, err: expect.stringContaining('Gebruik:') });
  });
});

describe('npm run admin -- set-organisation', () => {
  it('sets the out-of-hours number through the command (audited) and refuses bad input in Dutch', () => {
    expect(admin(USER).code).toBe(0);
    const set = admin(['set-organisation', '--org', 'GI Testregio', '--out-of-hours-phone', '010-555 09 99']);
    expect(set).toMatchObject({ code: 0, out: expect.stringContaining('outOfHoursPhone') });
    const h = openDatabase(databasePath);
    try {
      const org = h.sqlite.prepare('select out_of_hours_phone as phone from organisations where name = ?').get('GI Testregio') as { phone: string };
      expect(org.phone).toBe('010-555 09 99');
      const audit = h.sqlite.prepare("select detail from audit_log where type = 'organisation-settings'").all() as { detail: string }[];
      expect(audit).toHaveLength(1);
      expect(audit[0]!.detail).toContain('admin-cli');
    } finally {
      h.close();
    }
    expect(admin(['set-organisation', '--org', 'GI Testregio', '--out-of-hours-phone', 'bel de baas'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('telefoonnummer klopt niet'),
    });
    expect(admin(['set-organisation', '--org', 'Bestaat Niet', '--out-of-hours-phone', '010-5550999'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('geen organisatie'),
    });
  });
});

describe('npm run admin -- make-beheerder (issue 18)', () => {
  it('makes the first beheerder (audited); create-user --beheerder does it at once; an unknown e-mail is refused in Dutch', () => {
    expect(admin(USER).code).toBe(0);
    expect(admin(['make-beheerder', 'jan.smit@gi-test.nl'])).toMatchObject({ code: 0, out: expect.stringContaining('is nu beheerder') });
    expect(admin(['make-beheerder', 'jan.smit@gi-test.nl'])).toMatchObject({ code: 0, out: expect.stringContaining('was al beheerder') });
    expect(admin(['make-beheerder', 'niemand@gi-test.nl'])).toMatchObject({ code: 1, err: expect.stringContaining('geen actief account') });
    expect(admin(['create-user', '--email', 'baas@gi-test.nl', '--name', 'Baas', '--org', 'GI Testregio', '--beheerder']).code).toBe(0);
    const h = openDatabase(databasePath);
    try {
      const rows = h.sqlite.prepare('select email from users where is_beheerder = 1 order by email').all() as { email: string }[];
      expect(rows.map((r) => r.email)).toEqual(['baas@gi-test.nl', 'jan.smit@gi-test.nl']);
      expect(h.sqlite.prepare("select count(*) as n from audit_log where type = 'beheerder-changed'").get()).toEqual({ n: 1 });
    } finally {
      h.close();
    }
  }, 90_000);
});
