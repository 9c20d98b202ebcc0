/** The Dutch messages of the login form (shared by the login command, the page and tests). Pure code. */
export const LOGIN_MESSAGES = {
  missing: 'Vul je e-mailadres en je wachtwoord in.',
  invalid: 'Het e-mailadres of het wachtwoord klopt niet.',
  throttled: 'Er is te vaak een verkeerd wachtwoord ingevuld. Wacht 15 minuten en probeer het dan opnieuw.',
} as const;

/** The refusal while a login delay runs (ADR 037): how long to wait, in plain words. */
export function loginWaitMessage(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  const wait = s < 120 ? `${s} ${s === 1 ? 'seconde' : 'seconden'}` : `${Math.ceil(s / 60)} minuten`;
  return `Er is een paar keer een verkeerd wachtwoord ingevuld. Wacht nog ${wait} en probeer het dan opnieuw.`;
}
