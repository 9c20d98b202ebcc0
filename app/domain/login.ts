/** The Dutch messages of the login form (shared by the login command, the page and tests). Pure code. */
export const LOGIN_MESSAGES = {
  missing: 'Vul je e-mailadres en je wachtwoord in.',
  invalid: 'Het e-mailadres of het wachtwoord klopt niet.',
  throttled: 'Er is te vaak een verkeerd wachtwoord ingevuld. Wacht 15 minuten en probeer het dan opnieuw.',
} as const;
