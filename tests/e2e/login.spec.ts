import { expect, test } from '@playwright/test';
import { guardPage, loginAs } from './helpers';

test.use({ baseURL: process.env.E2E_BASE_URL });

test('de jeugdbeschermer logt in, ziet de demo-casus en opent die', async ({ page }) => {
  const guard = guardPage(page);
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole('heading', { name: 'Inloggen' })).toBeVisible();
  await loginAs(page, 'jeugdbeschermer');

  await expect(page.getByRole('heading', { name: 'Mijn overzicht' })).toBeVisible();
  await page.getByRole('link', { name: 'Mijn casussen' }).first().click();
  await expect(page).toHaveURL(/\/casussen$/);
  await expect(page.getByRole('heading', { name: 'Mijn casussen', exact: true, level: 1 })).toBeVisible();
  await expect(page.getByRole('banner').getByText('Sophie Jansen')).toBeVisible();
  await page.getByRole('link', { name: 'Gezin Bakker' }).first().click();

  await expect(page.getByRole('heading', { level: 1, name: 'Gezin Bakker' })).toBeVisible();
  // The case facts sit folded in one line above the tabs.
  await page.locator('.case-facts > summary').click();
  await expect(page.getByText('Sanne (2015), Daan (2019)')).toBeVisible();
  for (const tab of ['Kaart', 'Veiligheidsplan', 'Bodemeisen', 'Versies', 'Betrokkenen']) {
    await expect(page.getByRole('link', { name: tab, exact: true })).toBeVisible();
  }
  // Client-side navigation to the participants tab works (scripts ran under the CSP).
  await page.getByRole('link', { name: 'Betrokkenen', exact: true }).click();
  await expect(page).toHaveURL(/\/betrokkenen$/);
  const people = page.locator('.people');
  await expect(people.getByText('Riet de Vries', { exact: true })).toBeVisible();
  await expect(people.getByText('Netwerklid · oma (moeder van Linda)')).toBeVisible();

  expect(guard.foreign).toEqual([]);
  expect(guard.cspErrors).toEqual([]);
});

test('een verkeerd wachtwoord geeft een Nederlandse foutmelding', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('E-mailadres').fill('karim.elidrissi@demo.veiligplan.nl');
  await page.getByLabel('Wachtwoord').fill('dit-is-niet-het-wachtwoord');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page.getByRole('alert')).toHaveText('Het e-mailadres of het wachtwoord klopt niet.');
  await expect(page).toHaveURL(/\/login/);
});

test('de casuspagina past op een telefoon van 360 pixels breed', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await loginAs(page, 'casusregisseur');
  await page.getByRole('link', { name: 'Gezin Bakker' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Gezin Bakker' })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('een onbekende pagina geeft een Nederlandse 404', async ({ page }) => {
  const response = await page.goto('/bestaat-niet');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Pagina niet gevonden' })).toBeVisible();
});

test('de kaart maakt een live verbinding (cookie, CSP en provider werken in de browser)', async ({ page }) => {
  const guard = guardPage(page);
  await loginAs(page, 'jeugdbeschermer');
  await page.getByRole('link', { name: 'Gezin Bakker' }).first().click();
  // Opening a case lands on the Overzicht; the kaart is one tab away.
  await page.getByRole('link', { name: 'Kaart', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Verbonden' })).toHaveText('Verbonden');
  await page.getByRole('link', { name: 'Bodemeisen', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Verbonden' })).toHaveText('Verbonden');
  expect(guard.foreign).toEqual([]);
  expect(guard.cspErrors).toEqual([]);
});
