/**
 * A parent on a slow phone (issue 17 point 6, ADR 029): at 360 px on a
 * throttled connection (CDP) and with the live document held back (the /sync
 * socket relays nothing from the server until released), the kaart and the
 * veiligheidsplan show their content at once, rendered on the server; the
 * status says "Het plan wordt geladen…", never a technical state; "Nog niets
 * opgeschreven" does not appear while loading. Once the document arrives the
 * live editor takes over and the status says what the parent can do.
 */
import { expect, test, type Page } from '@playwright/test';
import { guardPage, signInParticipant } from './helpers';

test.use({ baseURL: process.env.E2E_BASE_URL });

const caseUrl = (tab: string) => `/casussen/${process.env.E2E_CASE_ID}/${tab}`;
const GEBEURD = 'School vertelt dat Sanne de laatste weken vaak moe is.';
const AFSPRAAK = 'Oma Riet haalt Daan op woensdag en vrijdag uit school en praat even met hem.';

/** Holds every message from the sync server until `release()`; the page's own messages pass. */
async function holdSync(page: Page) {
  let held = true;
  const waiting: (() => void)[] = [];
  await page.routeWebSocket(/\/sync\//, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => server.send(message));
    server.onMessage((message) => {
      if (held) waiting.push(() => ws.send(message));
      else ws.send(message);
    });
  });
  return {
    hold: () => {
      held = true;
    },
    release: () => {
      held = false;
      waiting.splice(0).forEach((send) => send());
    },
  };
}

test('op een trage telefoon staat het plan er meteen, met "Het plan wordt geladen…" en nooit "Nog niets opgeschreven"', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  await signInParticipant(context, 'Linda Bakker');
  const page = await context.newPage();
  const guard = guardPage(page);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 300, downloadThroughput: 150 * 1024, uploadThroughput: 50 * 1024 });
  const sync = await holdSync(page);

  await page.goto(caseUrl('kaart'), { waitUntil: 'commit' });
  // The server-rendered kaart is readable at once, before any script or live document.
  await expect(page.getByText(GEBEURD)).toBeVisible();
  await expect(page.getByText('Nog niets opgeschreven')).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Het plan wordt geladen…' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /Verbind|Verbonden|alleen lezen/ })).toHaveCount(0);
  // Plain words: the section title and its "?" (after hydration the button opens the explanation).
  const complicerend = page.locator('.kaart-section', { has: page.getByRole('heading', { name: 'Wat maakt het moeilijker?', exact: true }) });
  const explain = complicerend.getByRole('button', { name: 'Wat betekent dit?' });
  await expect(async () => {
    if ((await explain.getAttribute('aria-expanded')) !== 'true') await explain.click();
    await expect(explain).toHaveAttribute('aria-expanded', 'true', { timeout: 500 });
  }).toPass({ timeout: 20_000 });
  await expect(complicerend.getByText('Hulpverleners noemen dit complicerende factoren.')).toBeVisible();
  // Still held back: read-only items, still no "nothing written yet".
  await expect(page.getByText('Nog niets opgeschreven')).toHaveCount(0);
  await expect(page.getByLabel('Toevoegen aan: Wat is er gebeurd?')).toHaveCount(0);

  sync.release();
  await expect(page.getByRole('status').filter({ hasText: 'Je kunt meeschrijven' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByLabel('Toevoegen aan: Wat is er gebeurd?')).toBeVisible();
  await expect(page.getByText(GEBEURD)).toBeVisible();
  await expect(page.getByText('Nog niets opgeschreven')).toHaveCount(0);

  // Scores as cards on a phone.
  await page.locator('summary.scale-summary').click();
  const rows = page.locator('table.scores tr');
  if ((await rows.count()) > 0) await expect(rows.first()).toHaveCSS('display', 'block');
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);

  // The veiligheidsplan too: its afspraken at once while the live document is held back.
  sync.hold();
  await page.goto(caseUrl('veiligheidsplan'), { waitUntil: 'commit' });
  await expect(page.getByText(AFSPRAAK).first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Wat spreken we af?' })).toBeVisible();
  await expect(page.getByText('Er zijn nog geen afspraken.')).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Het plan wordt geladen…' })).toBeVisible();
  sync.release();
  await expect(page.getByRole('status').filter({ hasText: 'Je kunt meeschrijven' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText(AFSPRAAK).first()).toBeVisible();

  expect(guard.foreign).toEqual([]);
  expect(guard.cspErrors).toEqual([]);
  await context.close();
});
