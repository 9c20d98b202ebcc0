/**
 * The child's own voice in the browser, at 360 px: a jeugdbeschermer starts a
 * case for Noor (16) with her own jeugdige record, names that record as Noor
 * on her page; Noor, on her phone, writes in her houses and chooses that
 * only her uncle Bram may see them (not the professionals); her mother does
 * not see them, Bram does. The demo's Sanne (11, no own link) has her houses
 * made with the professional: oma Riet, whom she chose, sees them, her
 * parents do not.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { E2E_SESSION_SECRET } from '../support/e2eConfig';
import { participantCookie } from '../support/participantSession';
import { guardPage, loginAs, signInParticipant } from './helpers';

test.use({ baseURL: process.env.E2E_BASE_URL });
const PHONE = { width: 360, height: 740 };
const year = new Date().getFullYear();

async function phoneAs(browser: Browser, caseId: string, name: string): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE });
  if (caseId === process.env.E2E_CASE_ID) await signInParticipant(context, name);
  else {
    const cookie = await participantCookie(process.env.E2E_DATABASE_PATH!, caseId, name, E2E_SESSION_SECRET);
    await context.addCookies([{ ...cookie, url: process.env.E2E_BASE_URL!, httpOnly: true, sameSite: 'Lax' }]);
  }
  return context.newPage();
}
const noScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('de drie huizen van een kind zijn alleen te zien voor wie het kind kiest', async ({ browser }) => {
  const pro = await (await browser.newContext({ viewport: PHONE })).newPage();
  const guard = guardPage(pro);
  await loginAs(pro, 'jeugdbeschermer');

  // A new case for Noor (16) with her own record, her mother and her uncle.
  await pro.goto('/casussen/nieuw');
  await pro.getByLabel('Naam van de casus').fill('Gezin Vermeer');
  await pro.getByLabel('Voornaam kind 1').fill('Noor');
  await pro.getByLabel('Geboortejaar kind 1').fill(String(year - 16));
  await pro.getByLabel('Eerste evaluatiemoment').fill(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
  await pro.getByLabel('Jeugdbeschermer').check();
  await pro.getByLabel('Naam persoon 1').fill('Noor Vermeer');
  await pro.getByRole('combobox', { name: 'Rol persoon 1' }).selectOption('jeugdige');
  await pro.getByLabel('Naam persoon 2').fill('Eva Vermeer');
  await pro.getByRole('combobox', { name: 'Rol persoon 2' }).selectOption('ouder');
  await pro.getByRole('button', { name: 'Casus starten' }).click();
  await pro.waitForURL(/\/casussen\/[A-Za-z0-9-]+\/kaart$/);
  const caseId = new URL(pro.url()).pathname.split('/')[2]!;

  // Her uncle joins the netwerk on Betrokkenen, on Eva's consent (ADR 040: a grondslag comes with him).
  await pro.goto(`/casussen/${caseId}/betrokkenen`);
  const add = pro.getByRole('form', { name: 'Gezinslid of netwerklid toevoegen' });
  await add.getByLabel('Naam').fill('Bram Vermeer');
  await add.getByLabel('Rol').selectOption('netwerklid');
  await add.getByLabel('Wie gaf toestemming?').selectOption({ label: 'Eva Vermeer' });
  await add.getByLabel(/Waarvoor\?/).fill('om mee te denken over het plan');
  await add.getByRole('button', { name: 'Toevoegen en link maken' }).click();
  await expect(pro.locator('.link-box .link-url')).toHaveCount(1);

  // On Noor's page the professional names her own record.
  await pro.goto(`/casussen/${caseId}/kind`);
  await pro.getByRole('link', { name: 'Noor (16 jaar)' }).click();
  await pro.getByText('Eigen betrokkene van Noor: geen').click();
  await pro.getByRole('combobox', { name: 'Jeugdige' }).selectOption({ label: 'Noor Vermeer' });
  await pro.getByRole('button', { name: 'Koppeling bewaren' }).click();
  await expect(pro.getByRole('status').filter({ hasText: 'De koppeling is bewaard.' })).toBeVisible();
  // From 16 the young person decides: the professional gets no choice.
  await expect(pro.getByText('Noor is 16 of ouder en kiest zelf wie de huizen mag zien.')).toBeVisible();

  // Noor on her phone: her block comes first on her home view.
  const noor = await phoneAs(browser, caseId, 'Noor Vermeer');
  await noor.goto(`/casussen/${caseId}`);
  await expect(noor.getByRole('heading', { name: 'Voor jou, Noor' })).toBeVisible();
  await noor.getByRole('link', { name: 'Mijn drie huizen' }).click();
  await expect(noor.getByRole('heading', { name: 'Mijn drie huizen' })).toBeVisible();
  const dromen = noor.locator('.house-dromen');
  await dromen.getByText('Iets in dit huis zetten').click();
  await dromen.getByLabel('Wat wil je erin zetten?').fill('Op kamers wonen in Utrecht');
  await dromen.getByRole('img', { name: 'Ster' }).click();
  await dromen.getByRole('button', { name: 'In het huis zetten' }).click();
  await expect(dromen.getByText('Op kamers wonen in Utrecht')).toBeVisible();
  expect(await noScroll(noor)).toBeLessThanOrEqual(0);

  // She chooses: her uncle Bram, and not the professionals.
  await noor.getByLabel('De hulpverleners van deze casus').uncheck();
  await noor.getByLabel(/Bram Vermeer/).check();
  await noor.getByRole('button', { name: 'Bewaren' }).click();
  await expect(noor.getByRole('status').filter({ hasText: 'Bewaard: zo weten we wie de huizen mag zien.' })).toBeVisible();
  await expect(noor.getByText('Nu: jij, Bram Vermeer.')).toBeVisible();

  const bram = await phoneAs(browser, caseId, 'Bram Vermeer');
  await bram.goto(`/casussen/${caseId}/kind`);
  await bram.getByRole('link', { name: 'Noor (16 jaar)' }).click();
  await expect(bram.getByRole('heading', { name: 'De drie huizen van Noor' })).toBeVisible();
  await expect(bram.getByText('Op kamers wonen in Utrecht')).toBeVisible();

  const eva = await phoneAs(browser, caseId, 'Eva Vermeer');
  await eva.goto(`/casussen/${caseId}/kind`);
  await eva.getByRole('link', { name: 'Noor (16 jaar)' }).click();
  await expect(eva.getByRole('heading', { name: 'Woorden en Plaatjes' })).toBeVisible();
  await expect(eva.getByRole('heading', { name: 'De drie huizen van Noor' })).toHaveCount(0);
  await expect(eva.getByText('Op kamers wonen in Utrecht')).toHaveCount(0);

  await pro.reload();
  await expect(pro.getByRole('heading', { name: 'De drie huizen van Noor' })).toHaveCount(0);
  await expect(pro.getByText('Op kamers wonen in Utrecht')).toHaveCount(0);
  expect(guard.foreign).toEqual([]);
  expect(guard.cspErrors).toEqual([]);
});

test('Sanne (11) maakte haar huizen met de professional; oma Riet mag ze zien, haar ouders niet', async ({ browser }) => {
  const caseId = process.env.E2E_CASE_ID!;
  const oma = await phoneAs(browser, caseId, 'Riet de Vries');
  await oma.goto(`/casussen/${caseId}/kind`);
  await oma.getByRole('link', { name: 'Sanne (11 jaar)' }).click();
  await expect(oma.getByText('Jij hebt toen zelf de politie gebeld.', { exact: false })).toBeVisible();
  await expect(oma.locator('.house-goed').getByText('Voetballen met mijn vriendinnen')).toBeVisible();
  expect(await noScroll(oma)).toBeLessThanOrEqual(0);

  const linda = await phoneAs(browser, caseId, 'Linda Bakker');
  await linda.goto(`/casussen/${caseId}/kind`);
  await linda.getByRole('link', { name: 'Sanne (11 jaar)' }).click();
  await expect(linda.getByText('Jij hebt toen zelf de politie gebeld.', { exact: false })).toBeVisible();
  await expect(linda.getByText('Voetballen met mijn vriendinnen')).toHaveCount(0);
});
