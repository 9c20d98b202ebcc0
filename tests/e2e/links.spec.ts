/** A personal link for the grandmother: invite, take part on a phone, lose access at once when revoked. */
import { expect, test } from '@playwright/test';
import { guardPage, loginAs, openPersonalLink } from './helpers';

test.use({ baseURL: process.env.E2E_BASE_URL });
const caseUrl = (tab = '') => `/casussen/${process.env.E2E_CASE_ID}${tab ? `/${tab}` : ''}`;

test('oma krijgt een persoonlijke link, werkt mee op haar telefoon en verliest direct haar toegang als de link wordt ingetrokken', async ({ browser }) => {
  const proContext = await browser.newContext();
  const omaContext = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const pro = await proContext.newPage();
  await loginAs(pro, 'jeugdbeschermer');
  await pro.goto(caseUrl('betrokkenen'));
  const card = pro.locator('[data-participant="Riet de Vries"]');
  await card.getByRole('button', { name: /link (maken|voor) .*Riet de Vries/i }).click();
  const url = (await pro.locator('.link-box .link-url').first().textContent())!.trim();
  expect(url).toMatch(/\/l\/[A-Za-z0-9_-]{43}$/);
  await expect(pro.getByRole('img', { name: 'QR-code van de link' }).locator('svg')).toBeVisible();

  // The grandmother opens it on her phone: the token leaves the address bar.
  const oma = await omaContext.newPage();
  const guard = guardPage(oma);
  await openPersonalLink(oma, url);
  await expect(oma).toHaveURL(new RegExp(`${caseUrl()}$`));
  await expect(oma.getByRole('heading', { name: 'Hallo Riet' })).toBeVisible();
  await expect(oma.getByText('Karim El Idrissi').first()).toBeVisible();
  expect(await oma.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);

  // She adds to the kaart; the professional sees it live.
  await oma.getByRole('navigation', { name: 'Onderdelen van de casus' }).getByRole('link', { name: 'Kaart', exact: true }).click();
  await expect(oma.getByRole('status').filter({ hasText: 'Je kunt meeschrijven' })).toBeVisible();
  const TEXT = 'Ik kan de kinderen ook op zaterdag opvangen.';
  const section = oma.locator('.kaart-section', { has: oma.getByRole('heading', { name: 'Waar zijn we bang voor?', exact: true }) });
  await section.getByLabel('Toevoegen aan: Waar zijn we bang voor?').fill(TEXT);
  await section.getByRole('button', { name: 'Toevoegen' }).click();
  const proKaart = await proContext.newPage();
  await proKaart.goto(caseUrl('kaart'));
  const proSection = proKaart.locator('.kaart-section', { has: proKaart.getByRole('heading', { name: 'Waar zijn we bang voor?', exact: true }) });
  await expect(proSection.locator('textarea.item-text').last()).toHaveValue(TEXT);
  await expect(proSection.getByText('Riet de Vries (Netwerklid)').last()).toBeVisible();

  // The professional revokes the link: her page loses the connection and says so (the server closes her
  // sockets before it answers; server/links/links.test.ts checks that without a clock).
  const localCopies = () => oma.evaluate(async () => (await indexedDB.databases()).map((d) => d.name).filter((n) => n?.startsWith('veiligplan:')));
  await expect.poll(localCopies).not.toEqual([]); // kept for offline use while she has access
  await pro.getByRole('button', { name: 'Link intrekken van Riet de Vries' }).click();
  await expect(oma.getByRole('status').filter({ hasText: 'Je hebt geen toegang meer tot dit plan.' })).toBeVisible({ timeout: 3000 });
  // The copy of the case kept on her phone for offline use is deleted too.
  await expect.poll(localCopies).toEqual([]);

  // A reload shows the access-ended page with whom to contact, and nothing of the case.
  await oma.reload();
  await expect(oma.getByRole('heading', { name: 'Je toegang is beëindigd' })).toBeVisible();
  await expect(oma.getByText('Karim El Idrissi')).toBeVisible();
  await expect(oma.getByText('Gezin Bakker')).toHaveCount(0);
  await expect(oma.getByText(TEXT)).toHaveCount(0);
  expect(guard.foreign).toEqual([]);
  expect(guard.cspErrors).toEqual([]);

  // The old link no longer works.
  const again = await (await browser.newContext()).newPage();
  await again.goto(url);
  await expect(again.getByRole('heading', { name: 'Deze link werkt niet' })).toBeVisible();
  await proContext.close();
  await omaContext.close();
});
