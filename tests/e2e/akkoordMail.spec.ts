/**
 * Notifications in Chromium at 360 px (issue 17): a parent chooses e-mail
 * messages on her own phone, the jeugdbeschermer asks akkoord, the mail
 * arrives at the local SMTP server (tests/e2e/global-setup.ts) — without plan
 * text, names or a link — and the parent opens her own link, sees the
 * akkoord task, reads the plan and answers.
 */
import { expect, test } from '@playwright/test';
import { mailsIn } from '../support/localSmtp';
import { demoCaseUrl, demoLinkFor, guardPage, loginAs, openPersonalLink } from './helpers';

test.use({ baseURL: process.env.E2E_BASE_URL });
const caseUrl = demoCaseUrl;

test('een ouder kiest e-mail, krijgt de akkoord-mail en geeft op haar telefoon antwoord', async ({ browser }) => {
  const address = `linda.${Date.now()}@voorbeeld.nl`;
  const link = await demoLinkFor(browser, 'Linda Bakker');

  // On her phone: Berichten, from the home view.
  const phoneContext = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const phone = await phoneContext.newPage();
  const guard = guardPage(phone);
  await openPersonalLink(phone, link);
  await phone.getByRole('link', { name: 'Kies hier e-mail of sms' }).click();
  await expect(phone.getByRole('heading', { name: 'Berichten' })).toBeVisible();
  await phone.getByRole('checkbox', { name: 'Ja, stuur een e-mail' }).check();
  await phone.getByLabel('Je e-mailadres').fill(address);
  await phone.getByRole('button', { name: 'Bewaren' }).click();
  await expect(phone.getByRole('status')).toHaveText(/Je krijgt een e-mail als er iets belangrijks is/);
  expect(await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);

  // The jeugdbeschermer asks everyone for akkoord.
  const proContext = await browser.newContext();
  const sophie = await proContext.newPage();
  await loginAs(sophie, 'jeugdbeschermer');
  await sophie.goto(caseUrl('veiligheidsplan'));
  await sophie.getByRole('button', { name: /om akkoord vragen|Vraag iedereen om akkoord/ }).click();
  await expect(sophie.getByText(/nog geen antwoord/).first()).toBeVisible();

  // The mail arrives at the local SMTP server: content-free, first names only, no link.
  await expect.poll(() => mailsIn(process.env.E2E_MAIL_DIR!).filter((m) => m.to.includes(address)).length, { timeout: 20_000 }).toBe(1);
  const mail = mailsIn(process.env.E2E_MAIL_DIR!).find((m) => m.to.includes(address))!;
  expect(mail.subject).toBe('Veiligplan: Vraag om akkoord');
  expect(mail.text).toContain('Open je persoonlijke link');
  expect(mail.text).not.toMatch(/Bakker|https?:|\/l\//);

  // She opens her own link, sees the task, reads the plan and answers.
  await openPersonalLink(phone, link);
  const task = phone.getByTestId('akkoord-task');
  await expect(task.getByRole('heading', { name: 'Lees het plan en zeg of je akkoord bent' })).toBeVisible();
  await task.getByRole('link', { name: 'Naar het plan' }).click();
  await expect(phone).toHaveURL(/\/veiligheidsplan#akkoord$/);
  await expect(phone.getByRole('heading', { name: /Wat spreken we af\?/ }).first()).toBeVisible();
  const answer = phone.getByRole('group', { name: /Jouw antwoord/ });
  await answer.getByRole('radio', { name: 'Akkoord', exact: true }).check();
  await phone.getByRole('button', { name: 'Antwoord geven' }).click();
  await expect(phone.getByRole('group', { name: /Jouw antwoord \(nu: akkoord\)/ })).toBeVisible();
  expect(guard.cspErrors).toEqual([]);
  expect(guard.foreign).toEqual([]);
  await Promise.all([phoneContext.close(), proContext.close()]);
});
