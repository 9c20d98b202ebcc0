/**
 * Case facts and roles: the vocabulary shared by client and server, with the
 * Dutch words the user sees. Pure code: no database, no transport.
 */

export const ROLES = ['jeugdbeschermer', 'casusregisseur', 'professional', 'ouder', 'jeugdige', 'netwerklid', 'meelezer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  jeugdbeschermer: 'Jeugdbeschermer',
  casusregisseur: 'Casusregisseur',
  professional: 'Professional',
  ouder: 'Ouder / verzorger',
  jeugdige: 'Jeugdige',
  netwerklid: 'Netwerklid',
  meelezer: 'Meelezer',
};

/** Roles of family and netwerk members (reached through a personal link). */
export const FAMILY_ROLES = ['ouder', 'jeugdige', 'netwerklid'] as const;

/**
 * The family itself: it takes part because it is their case, so it needs no
 * grondslag (ADR 033) and may be named when a case starts. Netwerk members
 * join later, with the ground they take part on (ADR 040).
 */
export const HOUSEHOLD_ROLES = ['ouder', 'jeugdige'] as const;

/**
 * Roles a participant record stores. `casusregisseur` is never stored: it is
 * the role a professional *holds* while the case names them its regisseur (or
 * the named professional beside a parent regisseur, or the incoming regisseur
 * during an overdracht overlap) — derived in one place
 * (server/cases/regie.server.ts), so role and regie cannot disagree (ADR 016).
 */
export const STORED_ROLES = ['jeugdbeschermer', 'professional', 'ouder', 'jeugdige', 'netwerklid', 'meelezer'] as const;
export type StoredRole = (typeof STORED_ROLES)[number];

/** Professional roles a manager can give someone (regie itself goes with an overdracht). */
export const ASSIGNABLE_PROFESSIONAL_ROLES = ['jeugdbeschermer', 'professional', 'meelezer'] as const;

/** Roles held by people with a professional account. */
export const PROFESSIONAL_ROLES: readonly Role[] = ['jeugdbeschermer', 'casusregisseur', 'professional', 'meelezer'];

export function isProfessionalRole(role: Role): boolean {
  return PROFESSIONAL_ROLES.includes(role);
}

/** The steps of a case's trajectory (SPEC §2.4); `drang` is "werken zonder maatregel". Closing is its own fact (closedAt). */
export const KADERS = ['vrijwillig', 'drang', 'maatregel', 'nazorg'] as const;
export type Kader = (typeof KADERS)[number];

export const MAATREGEL_TYPES = ['OTS', 'VOTS', 'voogdij'] as const;
export type MaatregelType = (typeof MAATREGEL_TYPES)[number];

/** The service of werken zonder maatregel (drang). */
export const DRANG_SERVICES = ['informatie-advies', 'aansluiten-ondersteunen', 'specialistisch-casemanagement'] as const;
export type DrangService = (typeof DRANG_SERVICES)[number];

export const DRANG_SERVICE_LABELS: Record<DrangService, string> = {
  'informatie-advies': 'Informatie en advies',
  'aansluiten-ondersteunen': 'Aansluiten en ondersteunen',
  'specialistisch-casemanagement': 'Specialistisch casemanagement',
};

export function kaderLabel(kader: Kader, maatregelType?: MaatregelType | null, service?: DrangService | null): string {
  switch (kader) {
    case 'vrijwillig':
      return 'Vrijwillig kader';
    case 'nazorg':
      return 'Nazorg';
    case 'drang':
      return service ? `Werken zonder maatregel: ${DRANG_SERVICE_LABELS[service].toLowerCase()}` : 'Werken zonder maatregel (drang)';
    case 'maatregel':
      return maatregelType ? `Maatregel: ${maatregelType === 'voogdij' ? 'voogdij' : maatregelType}` : 'Maatregel';
  }
}

export const STAGES = ['kennismaking', 'veiligheidsplan', 'uitvoering', 'afronding'] as const;
export type Stage = (typeof STAGES)[number];

/** Stage names for professionals and a plain-language (B1) line for families. */
export const STAGE_LABELS: Record<Stage, { label: string; plain: string }> = {
  kennismaking: { label: 'Kennismaking en zorgen in kaart', plain: 'We leren elkaar kennen en schrijven samen op wat er aan de hand is.' },
  veiligheidsplan: { label: 'Veiligheidsplan maken', plain: 'We maken samen een plan, zodat de kinderen veilig zijn.' },
  uitvoering: { label: 'Plan uitvoeren en volgen', plain: 'Iedereen doet wat is afgesproken. We kijken samen hoe het gaat.' },
  afronding: { label: 'Afronding', plain: 'Het gaat goed genoeg. We ronden samen af.' },
};

export const DEFAULT_SCALE_QUESTION =
  'Op een schaal van 0 tot 10: 0 betekent dat het zeker is dat het kind weer iets ergs overkomt; ' +
  '10 betekent dat iedereen vindt dat het kind veilig genoeg is om de zaak te sluiten. Waar staan we nu?';
