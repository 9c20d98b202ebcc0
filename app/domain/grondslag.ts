/**
 * Grondslag per betrokkene (issue 18, AVG): on what basis a professional or
 * netwerk member takes part in a case — the family's consent (who gave it,
 * when, for what) or the legal ground of the maatregel. Pure vocabulary,
 * shared by the schema, the commands and the pages; the family sees it in
 * these words.
 */
import { HOUSEHOLD_ROLES, type Kader, type MaatregelType, type Role } from './caseFacts';

export const GROUND_BASES = ['toestemming', 'wettelijk'] as const;
export type GroundBasis = (typeof GROUND_BASES)[number];

export const GROUND_BASIS_LABELS: Record<GroundBasis, string> = {
  toestemming: 'Toestemming van het gezin',
  wettelijk: 'Wettelijke grondslag (maatregel)',
};

/** What happened to a family's request to delete their case's data. */
export const DELETION_DECISIONS = ['toegekend', 'afgewezen'] as const;
export type DeletionDecision = (typeof DELETION_DECISIONS)[number];

// ---------------------------------------------------------------------------
// Grondslag per betrokkene (issue 18 point 2, ADR 033): who needs one, the
// legal ground a maatregel gives, and how the family reads it.
// ---------------------------------------------------------------------------

/**
 * Who takes part on a recorded ground: netwerk members and every professional
 * role. The family itself (ouder, jeugdige) needs none: it is their case.
 */
export function needsGrondslag(storedRole: Role): boolean {
  return !isHousehold(storedRole);
}

/** Who may give consent for someone to take part: a current ouder or jeugdige of the case. */
export function mayGiveConsent(role: Role): boolean {
  return isHousehold(role);
}

const isHousehold = (role: Role) => (HOUSEHOLD_ROLES as readonly Role[]).includes(role);

/** The legal ground a maatregel gives, to prefill the form (the manager may write it more precisely). */
export const LEGAL_GROUND_OF: Record<MaatregelType, string> = {
  OTS: 'Ondertoezichtstelling (artikel 1:255 BW)',
  VOTS: 'Voorlopige ondertoezichtstelling (artikel 1:257 BW)',
  voogdij: 'Voogdij (artikel 1:302 BW)',
};

/** How the family names the maatregel in a sentence ("vanwege de ondertoezichtstelling"). */
export const MAATREGEL_PLAIN: Record<MaatregelType, string> = {
  OTS: 'de ondertoezichtstelling',
  VOTS: 'de voorlopige ondertoezichtstelling',
  voogdij: 'de voogdij',
};

/**
 * A legal ground exists only under a maatregel. Werken zonder maatregel
 * (drang) is formally voluntary: it rests on the family's consent.
 */
export function legalGroundAvailable(kader: Kader, maatregelType: MaatregelType | null): maatregelType is MaatregelType {
  return kader === 'maatregel' && maatregelType !== null;
}

/**
 * Whether a recorded ground still holds (ADR 040): a legal ground only while
 * the case is under a maatregel. After the maatregel ends the person's ground
 * counts as not recorded, so the manager records the family's consent.
 */
export function groundHolds(g: { basis: GroundBasis }, kader: Kader, maatregelType: MaatregelType | null): boolean {
  return g.basis !== 'wettelijk' || legalGroundAvailable(kader, maatregelType);
}

/** Limits of the free-text fields of a grondslag. */
export const GROUND_LIMITS = { purpose: 200, legalGround: 200 } as const;

/** What a form needs to record a ground: who can give consent, the maatregel's legal ground, today. */
export interface GroundOptions {
  /** Current ouders and jeugdigen of the case, who can give consent. */
  givers: { id: string; name: string }[];
  /** The maatregel's legal ground (prefill), or null when the case has no maatregel. */
  legalGround: string | null;
  today: string;
}

/** The options of the grondslag fields for a case (its current people and its kader). */
export function groundOptionsOf(
  c: { participants: { id: string; name: string; role: Role | 'casusregisseur' }[]; kader: Kader; maatregelType: MaatregelType | null },
  today: string,
): GroundOptions {
  return {
    givers: c.participants.filter((p) => mayGiveConsent(p.role)).map((p) => ({ id: p.id, name: p.name })),
    legalGround: legalGroundAvailable(c.kader, c.maatregelType) ? LEGAL_GROUND_OF[c.maatregelType] : null,
    today,
  };
}

/** One ground as a page shows it. */
export interface GroundView {
  participantId: string;
  basis: GroundBasis;
  consentGivenById: string | null;
  consentGivenByName: string | null;
  consentGivenOn: string | null;
  purpose: string | null;
  legalGround: string | null;
  recordedAt: number;
}

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

/** "3 december" (this year) or "3 december 2025" (another year). */
export function plainDay(iso: string, thisYear: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]}${y === thisYear ? '' : ` ${y}`}`;
}

/**
 * The family's sentence (B1): "Oma Riet doet mee omdat Linda toestemming gaf
 * op 3 december, om mee te denken over het plan." / "Karim doet mee vanwege
 * de ondertoezichtstelling."
 */
export function groundSentence(name: string, g: GroundView | null, maatregelType: MaatregelType | null, thisYear: number): string {
  if (!g) return `Voor ${name} is nog niet opgeschreven waarom die meedoet. Vraag het je hulpverlener.`;
  if (g.basis === 'wettelijk') {
    const plain = maatregelType ? MAATREGEL_PLAIN[maatregelType] : 'de maatregel van de rechter';
    return `${name} doet mee vanwege ${plain}.`;
  }
  const who = (g.consentGivenByName ?? 'iemand uit het gezin').split(' ')[0];
  const when = g.consentGivenOn ? ` op ${plainDay(g.consentGivenOn, thisYear)}` : '';
  const purpose = g.purpose ? `, ${purposeClause(g.purpose)}` : '';
  return `${name} doet mee omdat ${who} toestemming gaf${when}${purpose}.`;
}

/** "om mee te denken over het plan" stays as written; "meedenken over het plan" becomes "voor: meedenken over het plan". */
function purposeClause(purpose: string): string {
  const p = purpose.trim().replace(/[.\s]+$/, '');
  return /^(om|voor|zodat|omdat)\b/i.test(p) ? p.charAt(0).toLowerCase() + p.slice(1) : `voor: ${p}`;
}
