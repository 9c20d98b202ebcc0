/**
 * Bij nood and questions in Chromium at 360 px (issue 17, ADR 027): Linda
 * (ouder) sees Bij nood on her home and on the print — Veilig Thuis 0800-2000
 * and 112 as tel: links, the out-of-hours number and the netwerk's numbers —
 * without horizontal scrolling; she asks a question, the casusregisseur
 * answers it in the case's Overzicht, and Linda reads the answer.
 */
import { expect, test, type Page } from '@playwright/test';
import { guardPage, loginAs, signInParticipant, waitForHydration } from './helpers';

test.use({ baseURL: process.env.E2E_BASE_URL });
const caseUrl = (tab = '') => `/casussen/${process.env.E2E_CASE_ID}${tab ? `/${tab}` : ''}`;

async function expectBijNood(page: Page) {
  const block = page.getByRole('region', { name: 'Bij nood' });
  await expect(block).toBeVisible();
  for (const [href, text] of [
    ['tel:08002000', '0800-2000'],
    ['tel:112', '112'],
    ['tel:0105550900', '010-555 09 00'],
    ['tel:0655501003', '06-55 50 10 03'],
  ]) {
    const link = block.locator(`a[href="${href}"]`);
    await expect(link, href).toBeVisible();
    await expect(link).toContainText(text);
  }
  await expect(block).toContainText('Riet de Vries');
  // Nothing sticks out of a 360 px screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
}

test('Bij nood op de telefoon en op de afdruk; een vraag gesteld, beantwoord en gelezen', async ({ browser }) => {
  const phoneContext = await browser.newContext({ viewport: { width: 360, height: 740 } });
  await signInParticipant(phoneContext, 'Linda Bakker');
  const phone = await phoneContext.newPage();
  const guard = guardPage(phone);
  await phone.goto(caseUrl());
  await waitForHydration(phone);
  await expectBijNood(phone);
  const call112 = phone.getByRole('region', { name: 'Bij nood' }).locator('a[href="tel:112"]');
  expect((await call112.boundingBox())!.height).toBeGreaterThanOrEqual(44);

  // Een vraag stellen.
  const ask = phone.getByRole('region', { name: 'Een vraag stellen' });
  await ask.getByLabel('Je vraag').fill('Mag Sanne zaterdag bij oma Riet slapen?');
  await ask.getByRole('button', { name: 'Vraag versturen' }).click();
  await expect(ask.getByRole('status')).toContainText('Je vraag is verstuurd naar Karim El Idrissi');
  await expect(ask).toContainText('Nog geen antwoord — gesteld vandaag');

  await phone.goto(caseUrl('afdrukken'));
  await expectBijNood(phone);

  // The casusregisseur answers in the case's Overzicht.
  const proContext = await browser.newContext();
  const karim = await proContext.newPage();
  await loginAs(karim, 'casusregisseur');
  await karim.goto('/overzicht');
  await expect(karim.getByRole('region', { name: /Open vragen van gezinnen/ })).toContainText('Een vraag van Linda Bakker, gesteld vandaag');
  await karim.goto(caseUrl('overzicht'));
  await waitForHydration(karim);
  const vragen = karim.getByRole('region', { name: 'Vragen van gezin en netwerk' });
  await expect(vragen).toContainText('Mag Sanne zaterdag bij oma Riet slapen?');
  await vragen.getByLabel('Jouw antwoord aan Linda Bakker').fill('Ja, dat is goed. Oma Riet weet ervan.');
  await vragen.getByRole('button', { name: 'Antwoord versturen' }).click();
  await expect(vragen.getByRole('status')).toContainText('Je antwoord is verstuurd');
  await proContext.close();

  await phone.goto(caseUrl());
  await expect(phone.getByRole('region', { name: 'Een vraag stellen' })).toContainText('Ja, dat is goed. Oma Riet weet ervan.');
  expect(guard.foreign).toEqual([]);
  expect(guard.cspErrors).toEqual([]);
  await phoneContext.close();
});
