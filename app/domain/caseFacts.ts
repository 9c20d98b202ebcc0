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

/** Roles held by people with a professional account. */
export const PROFESSIONAL_ROLES: readonly Role[] = ['jeugdbeschermer', 'casusregisseur', 'professional', 'meelezer'];

export function isProfessionalRole(role: Role): boolean {
  return PROFESSIONAL_ROLES.includes(role);
}

export const KADERS = ['vrijwillig', 'drang', 'maatregel'] as const;
export type Kader = (typeof KADERS)[number];

export const MAATREGEL_TYPES = ['OTS', 'VOTS', 'voogdij'] as const;
export type MaatregelType = (typeof MAATREGEL_TYPES)[number];

export function kaderLabel(kader: Kader, maatregelType?: MaatregelType | null): string {
  switch (kader) {
    case 'vrijwillig':
      return 'Vrijwillig kader';
    case 'drang':
      return 'Drang (zonder maatregel)';
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

/** The kader in plain words (B1) for the family home view. */
export function kaderPlain(kader: Kader, maatregelType?: MaatregelType | null): string {
  switch (kader) {
    case 'vrijwillig':
      return 'Jullie werken vrijwillig mee. Er is geen rechter bij betrokken.';
    case 'drang':
      return 'Er is geen maatregel van de rechter. Wel is hulp nodig. Lukt het niet, dan kan de jeugdbescherming de rechter vragen om een maatregel.';
    case 'maatregel':
      return maatregelType === 'voogdij'
        ? 'De rechter heeft de voogdij bij de jeugdbescherming gelegd.'
        : `De kinderrechter heeft een maatregel uitgesproken${maatregelType ? ` (${maatregelType === 'OTS' ? 'ondertoezichtstelling' : 'voorlopige ondertoezichtstelling'})` : ''}.`;
  }
}
