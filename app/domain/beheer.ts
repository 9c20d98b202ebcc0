/**
 * Beheer (issue 18, ADR 031): the words and numbers the organisation's beheer
 * pages and the invitation page share with the server. Pure code: no
 * database, no transport.
 */

/** An invitation link (new account or new password) works this many days, once. */
export const INVITATION_DAYS = 7;

/** What an invitation is for. */
export const INVITATION_PURPOSE_LABELS = { account: 'Nieuw account', password: 'Nieuw wachtwoord' } as const;

/** The one answer for an unknown, used, revoked or expired invitation link: they cannot be told apart. */
export const INVITATION_INVALID = 'Deze link werkt niet (meer). Vraag de beheerder van je organisatie om een nieuwe link.';

/** The line shown where a case's regie is vacant: the regisseur's account was deactivated. */
export function regieVacantText(name: string): string {
  return `Regie vacant: het account van ${name} is gedeactiveerd. Start een overdracht naar een nieuwe regisseur.`;
}
