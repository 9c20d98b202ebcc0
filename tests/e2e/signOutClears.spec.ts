/**
 * Signing out on a shared family phone leaves nothing of the case behind
 * (ADR 037): the offline copy (y-indexeddb) of the case's documents is deleted
 * before the page goes on to the login; the way back after a session ended
 * clears it too.
 */
import { expect, test, type Page } from '@playwright/test';
import { signInParticipant, waitForHydration } from './helpers';

test.use({ baseURL: process.env.E2E_BASE_URL });
const caseUrl = (tab = '') => `/casussen/${process.env.E2E_CASE_ID}${tab ? `/${tab}` : ''}`;

/** The names of this browser's local copies of case documents. */
const localCopies = (page: Page) =>
  page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name ?? '').filter((name) => name.startsWith('veiligplan:')));

test('uitloggen haalt de kopie van het plan van de telefoon', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  await signInParticipant(context, 'Linda Bakker');
  const page = await context.newPage();
  await page.goto(caseUrl('kaart'));
  await waitForHydration(page);
  await expect(page.getByRole('status').filter({ hasText: 'Je kunt meeschrijven' })).toBeVisible();
  await expect.poll(() => localCopies(page)).not.toEqual([]);

  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await page.waitForURL(/\/login$/);
  expect(await localCopies(page)).toEqual([]);
  await context.close();
});

test('de weg terug na een beëindigde sessie haalt de kopie ook weg', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  await signInParticipant(context, 'Linda Bakker');
  const page = await context.newPage();
  await page.goto(caseUrl('kaart'));
  await waitForHydration(page);
  await expect.poll(() => localCopies(page)).not.toEqual([]);
  // The session is gone (expired, or signed out everywhere): the next page is the way back.
  await context.clearCookies();
  await page.goto(caseUrl('kaart'));
  await expect(page.getByRole('heading', { name: 'Open het plan opnieuw' })).toBeVisible();
  await waitForHydration(page);
  await expect.poll(() => localCopies(page)).toEqual([]);
  await context.close();
});
