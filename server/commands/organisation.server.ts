/**
 * Organisation settings (issue 17, ADR 027): the out-of-hours number the Bij
 * nood block shows, and the age rules for the jeugdige. There is no beheer
 * page yet (issue 18): the admin CLI and the demo call this command. Every
 * change is validated (zod, Dutch messages) and written with its audit row
 * (`organisation-settings`, naming only the changed fields) in one
 * transaction. It acts on no case, so it needs only the database.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { isPhoneNumber } from '../../app/domain/questions';
import type { Db } from '../../db/database.server';
import { organisations } from '../../db/schema';
import { recordAudit } from '../audit/audit.server';
import { parseInput } from './command.server';
import { InvalidInput, NotFound } from './errors';

/** Who changes the settings: a user account when there is one (beheer, issue 18), else the CLI or the demo. */
export interface SettingsActor {
  userId?: string | null;
  via: 'admin-cli' | 'demo' | 'beheer';
}

const age = (label: string) =>
  z.coerce
    .number({ error: `${label} is een leeftijd in hele jaren.` })
    .int(`${label} is een leeftijd in hele jaren.`)
    .min(0, `${label} ligt tussen 0 en 18.`)
    .max(18, `${label} ligt tussen 0 en 18.`)
    .optional();

export const OrganisationSettingsInput = z.object({
  organisation: z.string({ error: 'Noem de organisatie.' }).trim().min(1, 'Noem de organisatie.').max(200, 'De naam van de organisatie is te lang.'),
  /** A phone number, or '' to clear it. */
  outOfHoursPhone: z
    .string({ error: 'Dit telefoonnummer klopt niet.' })
    .trim()
    .max(40, 'Dit telefoonnummer klopt niet.')
    .refine((v) => v === '' || isPhoneNumber(v), 'Dit telefoonnummer klopt niet.')
    .optional(),
  childOwnLinkAge: age('De leeftijd voor een eigen link'),
  childDecidesAge: age('De leeftijd waarop de jongere zelf kiest'),
});

type Deps = { db: Db; now?: () => number };

/** Changes the given settings of an organisation (by name); returns what changed. */
export function setOrganisationSettings(deps: Deps, by: SettingsActor, input: unknown) {
  const data = parseInput(OrganisationSettingsInput, input);
  const now = (deps.now ?? Date.now)();
  return deps.db.transaction((tx) => {
    const org = tx.select().from(organisations).where(eq(organisations.name, data.organisation)).get();
    if (!org) throw new NotFound('Er is geen organisatie met deze naam.', 'organisation');
    const set: Partial<typeof organisations.$inferInsert> = {};
    if (data.outOfHoursPhone !== undefined) set.outOfHoursPhone = data.outOfHoursPhone || null;
    if (data.childOwnLinkAge !== undefined) set.childOwnLinkAge = data.childOwnLinkAge;
    if (data.childDecidesAge !== undefined) set.childDecidesAge = data.childDecidesAge;
    const fields = Object.keys(set);
    if (fields.length === 0) throw new InvalidInput('Er is niets om te wijzigen.');
    if ((set.childOwnLinkAge ?? org.childOwnLinkAge) > (set.childDecidesAge ?? org.childDecidesAge)) {
      throw new InvalidInput('De leeftijd voor een eigen link ligt niet boven de leeftijd waarop de jongere zelf kiest.', 'childOwnLinkAge');
    }
    tx.update(organisations).set(set).where(eq(organisations.id, org.id)).run();
    recordAudit(
      tx,
      { type: 'organisation-settings', actorUserId: by.userId ?? null, detail: { organisatie: org.id, velden: fields.join(','), via: by.via } },
      now,
    );
    return { organisationId: org.id, fields };
  });
}
