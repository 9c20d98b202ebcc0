/**
 * Two sets of words for one thing: the professional's term and the plain
 * (B1) words a family page shows, with a short explanation behind a "?"
 * (ADR 029). Invariant: every Wording has a non-empty familyTitle and
 * explain; professionals keep their terms (`title`), family pages — every
 * role that is not a professional role — use `familyTitle`. Pure data.
 */
import { isProfessionalRole, type Role } from './caseFacts';

export interface Wording {
  /** The professional's term (Signs of Safety). */
  title: string;
  /** The same in plain words, for family pages. */
  familyTitle: string;
  /** What it means, in two or three short sentences (shown behind "?"). */
  explain: string;
}

/** Whether this role sees the plain words (ouder, jeugdige, netwerklid). */
export function usesFamilyWords(role: Role): boolean {
  return !isProfessionalRole(role);
}

/** The title to show this reader. */
export function titleFor(w: Wording, family: boolean): string {
  return family ? w.familyTitle : w.title;
}
