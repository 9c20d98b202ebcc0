/**
 * Afspraken that are followed (issue 15), in Chromium: oma Riet (netwerklid)
 * reports "niet gelukt" with a reason on a 360 px phone from her own home
 * view; the casusregisseur sees it; a parent whose akkoord is asked gets a
 * clear task, and the answer sits below the plan.
 */
import { expect, test } from '@playwright/test';
import { demoCaseUrl, demoLinkFor, guardPage, loginAs, openPersonalLink } from './helpers';

test.use({ baseURL: process.env.E2E_BASE_URL });
const caseUrl = demoCaseUrl;

test('oma meldt op haar telefoon dat het niet gelukt is, met een reden; de casusregisseur ziet het', async ({ browser }) => {
  // The casusregisseur has looked at the case before (so "since my last visit" has a start).
  const proContext = await browser.newContext();
  const karim = await proContext.newPage();
  await loginAs(karim, 'casusregisseur');
  await karim.goto(caseUrl('overzicht'));
  await expect(karim.getByRole('heading', { name: 'Gezin Bakker', level: 1 })).toBeVisible();

  const link = await demoLinkFor(browser, 'Riet de Vries');
  const phoneContext = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const phone = await phoneContext.newPage();
  const guard = guardPage(phone);
  await openPersonalLink(phone, link);
  await expect(phone.getByRole('heading', { name: 'Hallo Riet' })).toBeVisible();

  // Her own afspraak (Daan ophalen op woensdag en vrijdag): two taps and a reason.
  const afspraak = phone.locator('li', { hasText: 'Oma Riet haalt Daan op woensdag en vrijdag uit school' }).first();
  await afspraak.getByRole('button', { name: 'Niet gelukt' }).click();
  await afspraak.getByLabel('Wil je er iets over zeggen? (mag leeg blijven)').fill('Ik was zelf ziek; de buurvrouw heeft hem opgehaald.');
  await afspraak.getByRole('button', { name: 'Klaar' }).click();
  await expect(afspraak.getByText(/Gemeld: niet gelukt/)).toBeVisible();
  expect(await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);

  // The casusregisseur's Mijn overzicht shows it for this case, and the plan's history has her words.
  await karim.goto('/overzicht');
  await expect(
    karim
      .locator('li', { hasText: 'Gezin Bakker' })
      .getByText(/1 niet gelukt/)
      .first(),
  ).toBeVisible();
  await karim.goto(caseUrl('veiligheidsplan'));
  await expect(karim.getByText('Ik was zelf ziek; de buurvrouw heeft hem opgehaald.').first()).toBeVisible();
  expect(guard.cspErrors).toEqual([]);
  await Promise.all([phoneContext.close(), proContext.close()]);
});

test('een ouder krijgt de taak om akkoord te geven; het antwoord staat onder het plan', async ({ browser }) => {
  // The jeugdbeschermer asks everyone for akkoord.
  const proContext = await browser.newContext();
  const sophie = await proContext.newPage();
  await loginAs(sophie, 'jeugdbeschermer');
  await sophie.goto(caseUrl('veiligheidsplan'));
  await sophie.getByRole('button', { name: /om akkoord vragen|Vraag iedereen om akkoord/ }).click();
  await expect(sophie.getByText(/Linda Bakker.*nog geen antwoord|nog geen antwoord/).first()).toBeVisible();

  const link = await demoLinkFor(browser, 'Linda Bakker');
  const phoneContext = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const phone = await phoneContext.newPage();
  await openPersonalLink(phone, link);
  const task = phone.getByTestId('akkoord-task');
  await expect(task.getByRole('heading', { name: 'Lees het plan en zeg of je akkoord bent' })).toBeVisible();
  await task.getByRole('link', { name: 'Naar het plan' }).click();
  await expect(phone).toHaveURL(/\/veiligheidsplan#akkoord$/);

  // The answer form comes after the afspraken and the veiligheidsnetwerk.
  const answer = phone.getByRole('group', { name: /Jouw antwoord/ });
  await expect(answer).toBeVisible();
  const below = await phone.evaluate(() => {
    const form = document.querySelector('#akkoord')!.getBoundingClientRect().top + window.scrollY;
    const plan = [...document.querySelectorAll('h2, h3')].filter((h) => /Wat spreken we af|Wie helpt er mee/.test(h.textContent ?? ''));
    return plan.length > 0 && plan.every((h) => h.getBoundingClientRect().top + window.scrollY < form);
  });
  expect(below).toBe(true);
  await answer.getByRole('radio', { name: 'Akkoord', exact: true }).check();
  await phone.getByRole('button', { name: 'Antwoord geven' }).click();
  await expect(phone.getByRole('group', { name: /Jouw antwoord \(nu: akkoord\)/ })).toBeVisible();
  await phone.goto(caseUrl());
  await expect(phone.getByText(/Je hebt gezegd: akkoord/)).toBeVisible();
  await Promise.all([phoneContext.close(), proContext.close()]);
});
