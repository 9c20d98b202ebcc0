/** SPEC §5: the page a parent opens ships at most 200 KB of compressed JS + CSS (home view and the kaart). */
import { expect, test } from '@playwright/test';
import { signInParticipant } from './helpers';

test.use({ baseURL: process.env.E2E_BASE_URL });

test('de gezinspagina en de kaart samen wegen hoogstens 200 KB aan gecomprimeerde JS en CSS', async ({ browser }) => {
  const context = await browser.newContext();
  await signInParticipant(context, 'Ayşe Yılmaz');
  const page = await context.newPage();
  const transfers: Promise<number>[] = [];
  page.on('requestfinished', (request) => {
    if (['script', 'stylesheet'].includes(request.resourceType())) transfers.push(request.sizes().then((s) => s.responseBodySize));
  });
  await page.goto(`/casussen/${process.env.E2E_CASE_ID}`);
  await page.getByRole('navigation', { name: 'Onderdelen van de casus' }).getByRole('link', { name: 'Kaart', exact: true }).click();
  // Family pages say it in plain words (issue 17 point 6).
  await expect(page.getByRole('status').filter({ hasText: 'Je kunt meeschrijven' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  const bytes = (await Promise.all(transfers)).reduce((a, b) => a + Math.max(b, 0), 0);
  console.log(`family page JS+CSS: ${Math.round(bytes / 1024)} KB compressed`);
  expect(bytes).toBeGreaterThan(10_000);
  expect(bytes).toBeLessThanOrEqual(200 * 1024);
  await context.close();
});
