/**
 * Organisation settings (issue 17, ADR 027; grown in issue 18, ADR 031): the
 * name, the out-of-hours number the Bij nood block shows, the age rules for
 * the jeugdige, the scale question new cases start with, the retention term
 * and whether a second factor is required. The admin CLI and the demo call
 * setOrganisationSettings (by organisation name); the beheer page calls
 * writeOrganisationSettings through the beheer commands, for the beheerder's
 * own organisation only. Every
 * change is validated (zod, Dutch messages) and written with its audit row
 * (`organisation-settings`, naming only the changed fields) in one
 * transaction. It acts on no case, so it needs only the database.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { isPhoneNumber } from '../../app/domain/questions';
import type { Db, Tx } from '../../db/database.server';
import { organisations } from '../../db/schema';
import { recordAudit } from '../audit/audit.server';
import { parseInput } from './command.server';
import { Conflict, InvalidInput, NotFound } from './errors';

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

const yesNo = (message: string) =>
  z
    .union([z.boolean(), z.enum(['ja', 'nee', 'true', 'false', 'on', 'off'], { error: message })], { error: message })
    .transform((v) => v === true || v === 'ja' || v === 'true' || v === 'on')
    .optional();

/** The settings themselves; each is optional (only the given ones change). */
export const SettingsFields = z.object({
  /** A new name for the organisation. */
  name: z.string({ error: 'Noem de organisatie.' }).trim().min(1, 'Noem de organisatie.').max(200, 'De naam van de organisatie is te lang.').optional(),
  /** A phone number, or '' to clear it. */
  outOfHoursPhone: z
    .string({ error: 'Dit telefoonnummer klopt niet.' })
    .trim()
    .max(40, 'Dit telefoonnummer klopt niet.')
    .refine((v) => v === '' || isPhoneNumber(v), 'Dit telefoonnummer klopt niet.')
    .optional(),
  childOwnLinkAge: age('De leeftijd voor een eigen link'),
  childDecidesAge: age('De leeftijd waarop de jongere zelf kiest'),
  /** The scale question new cases start with, or '' for the built-in question. */
  defaultScaleQuestion: z
    .string({ error: 'Vul de schaalvraag in.' })
    .trim()
    .max(1000, 'De schaalvraag is te lang.')
    .refine((v) => v === '' || v.length >= 10, 'De schaalvraag is te kort.')
    .optional(),
  retentionMonths: z.coerce
    .number({ error: 'De bewaartermijn is een aantal hele maanden.' })
    .int('De bewaartermijn is een aantal hele maanden.')
    .min(1, 'De bewaartermijn ligt tussen 1 en 240 maanden.')
    .max(240, 'De bewaartermijn ligt tussen 1 en 240 maanden.')
    .optional(),
  requireSecondFactor: yesNo('Kies of een tweede stap bij inloggen verplicht is.'),
});

export const OrganisationSettingsInput = SettingsFields.extend({
  organisation: z.string({ error: 'Noem de organisatie.' }).trim().min(1, 'Noem de organisatie.').max(200, 'De naam van de organisatie is te lang.'),
});

type Organisation = typeof organisations.$inferSelect;

/**
 * Writes the given settings of one organisation and their audit row (naming
 * only the fields, never their values) inside the caller's transaction.
 */
export function writeOrganisationSettings(tx: Tx, org: Organisation, data: z.output<typeof SettingsFields>, by: SettingsActor, now: number) {
  const set: Partial<typeof organisations.$inferInsert> = {};
  if (data.name !== undefined && data.name !== org.name) {
    const taken = tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, data.name)).get();
    if (taken) throw new Conflict('Er is al een organisatie met deze naam.', 'name');
    set.name = data.name;
  }
  if (data.outOfHoursPhone !== undefined) set.outOfHoursPhone = data.outOfHoursPhone || null;
  if (data.childOwnLinkAge !== undefined) set.childOwnLinkAge = data.childOwnLinkAge;
  if (data.childDecidesAge !== undefined) set.childDecidesAge = data.childDecidesAge;
  if (data.defaultScaleQuestion !== undefined) set.defaultScaleQuestion = data.defaultScaleQuestion || null;
  if (data.retentionMonths !== undefined) set.retentionMonths = data.retentionMonths;
  if (data.requireSecondFactor !== undefined) set.requireSecondFactor = data.requireSecondFactor;
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
}

type Deps = { db: Db; now?: () => number };

/** Changes the given settings of an organisation (by name); returns what changed. */
export function setOrganisationSettings(deps: Deps, by: SettingsActor, input: unknown) {
  const data = parseInput(OrganisationSettingsInput, input);
  const now = (deps.now ?? Date.now)();
  return deps.db.transaction((tx) => {
    const org = tx.select().from(organisations).where(eq(organisations.name, data.organisation)).get();
    if (!org) throw new NotFound('Er is geen organisatie met deze naam.', 'organisation');
    const { organisation: _organisation, ...fields } = data;
    return writeOrganisationSettings(tx, org, fields, by, now);
  });
}
