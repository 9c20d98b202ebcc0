/** Versions: make one, edit, see the change in Dutch, restore, and print on A4. */
import { expect, test } from '@playwright/test';
import { loginAs, signInParticipant } from './helpers';

test.use({ baseURL: process.env.E2E_BASE_URL });
const caseUrl = (tab = '') => `/casussen/${process.env.E2E_CASE_ID}${tab ? `/${tab}` : ''}`;

test('een versie maken, wijzigen, het verschil in gewoon Nederlands zien, terugzetten en afdrukken', async ({ page, browser }) => {
  await loginAs(page, 'casusregisseur');
  await page.goto(caseUrl('versies'));
  await page.getByLabel('Naam van de versie').fill('Voor de wijziging');
  await page.getByRole('button', { name: 'Versie maken' }).click();
  await expect(page.getByText('De versie is bewaard.')).toBeVisible();

  // An edit in the bodemeisen after the version.
  await page.goto(caseUrl('bodemeisen'));
  await expect(page.getByRole('status').filter({ hasText: 'Verbonden' })).toBeVisible();
  await expect(page.locator('.eisen > li').first()).toBeVisible();
  const before = await page.locator('.eisen > li').count();
  await page.getByLabel('Nieuwe bodemeis').fill('Er is elke week contact met school.');
  await page.getByRole('button', { name: 'Bodemeis toevoegen' }).click();
  await expect(page.locator('.eisen > li').last().locator('textarea').first()).toHaveValue('Er is elke week contact met school.');
  await page.waitForTimeout(300);

  // The difference, in Dutch.
  await page.goto(caseUrl('versies'));
  const version = page.locator('.timeline li', { hasText: 'Voor de wijziging' });
  await version.getByRole('link', { name: 'Vergelijk met nu' }).click();
  await expect(page.locator('.diff')).toContainText('Bodemeisen: “Er is elke week contact met school.” toegevoegd in Bodemeisen (door Karim El Idrissi)');

  // Family can see versions and the diff, but not restore.
  const parentContext = await browser.newContext();
  await signInParticipant(parentContext, 'Mark Bakker');
  const parent = await parentContext.newPage();
  await parent.goto(caseUrl('versies'));
  await expect(parent.locator('.timeline li', { hasText: 'Voor de wijziging' })).toBeVisible();
  await expect(parent.getByRole('button', { name: 'Terugzetten' })).toHaveCount(0);
  await expect(parent.getByRole('button', { name: 'Versie maken' })).toHaveCount(0);
  await parentContext.close();

  // Restore: the bodemeis added later is gone, and a "voor herstel" version exists.
  page.once('dialog', (dialog) => void dialog.accept());
  await version.getByRole('button', { name: 'Terugzetten' }).click();
  await expect(page).toHaveURL(/hersteld=1/);
  await expect(page.locator('.timeline li').first()).toContainText('Voor herstel van “Voor de wijziging”');
  await page.goto(caseUrl('bodemeisen'));
  await expect(page.getByRole('status').filter({ hasText: 'Verbonden' })).toBeVisible();
  await expect(page.locator('.eisen > li')).toHaveCount(before);
  await expect(page.locator('.eisen > li').last().locator('textarea').first()).not.toHaveValue('Er is elke week contact met school.');

  // Print view on A4.
  await page.goto(caseUrl('afdrukken'));
  // A family handout: the children's plan first (issue 17 point 7).
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Ons veiligheidsplan voor Sanne en Daan');
  await expect(page.getByRole('heading', { name: 'Wie doet wat' })).toBeVisible();
  await expect(page.getByText('Oma Riet haalt Daan op woensdag en vrijdag uit school en praat even met hem.').first()).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Afdrukken' })).toBeHidden();
  await page.screenshot({ path: 'test-results/afdruk.png', fullPage: true });
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.byteLength).toBeGreaterThan(10_000);
});
