import { expect, test, type Page } from '@playwright/test';
import { DEMO_PROFESSIONALS } from '../../server/demo/demoCase.server';

const baseURL = process.env.E2E_BASE_URL!;
test.use({ baseURL });

/** Fails the test on any request to another host and on any CSP violation. */
function guardPage(page: Page) {
  const foreign: string[] = [];
  const cspErrors: string[] = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (!['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) return;
    if (url.origin !== new URL(baseURL).origin) foreign.push(req.url());
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) cspErrors.push(msg.text());
  });
  return { foreign, cspErrors };
}

async function loginAs(page: Page, who: keyof typeof DEMO_PROFESSIONALS) {
  const { email, password } = DEMO_PROFESSIONALS[who];
  await page.goto('/login');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
}

test('de jeugdbeschermer logt in, ziet de demo-casus en opent die', async ({ page }) => {
  const guard = guardPage(page);
  const { email, password } = DEMO_PROFESSIONALS.jeugdbeschermer;
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole('heading', { name: 'Inloggen' })).toBeVisible();
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();

  await expect(page.getByRole('heading', { name: 'Mijn casussen' })).toBeVisible();
  await expect(page.getByText('Sophie Jansen')).toBeVisible();
  await page.getByRole('link', { name: 'Gezin Bakker' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Gezin Bakker' })).toBeVisible();
  await expect(page.getByText('Sanne (2015), Daan (2019)')).toBeVisible();
  for (const tab of ['Kaart', 'Veiligheidsplan', 'Bodemeisen', 'Versies', 'Betrokkenen']) {
    await expect(page.getByRole('link', { name: tab, exact: true })).toBeVisible();
  }
  // Client-side navigation to the participants tab works (scripts ran under the CSP).
  await page.getByRole('link', { name: 'Betrokkenen', exact: true }).click();
  await expect(page.getByText('Riet de Vries')).toBeVisible();
  await expect(page.getByText('Netwerklid · oma (moeder van Linda)')).toBeVisible();

  expect(guard.foreign).toEqual([]);
  expect(guard.cspErrors).toEqual([]);
});

test('een verkeerd wachtwoord geeft een Nederlandse foutmelding', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('E-mailadres').fill(DEMO_PROFESSIONALS.casusregisseur.email);
  await page.getByLabel('Wachtwoord').fill('dit-is-niet-het-wachtwoord');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page.getByRole('alert')).toHaveText('Het e-mailadres of het wachtwoord klopt niet.');
  await expect(page).toHaveURL(/\/login/);
});

test('de casuspagina past op een telefoon van 360 pixels breed', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await loginAs(page, 'casusregisseur');
  await page.getByRole('link', { name: 'Gezin Bakker' }).click();
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
  await page.getByRole('link', { name: 'Gezin Bakker' }).click();
  await expect(page.getByRole('status')).toHaveText('Verbonden');
  await page.getByRole('link', { name: 'Bodemeisen', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('Verbonden');
  expect(guard.foreign).toEqual([]);
  expect(guard.cspErrors).toEqual([]);
});
