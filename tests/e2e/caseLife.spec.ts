/**
 * The life of a case, end to end in Chromium (issue 14): a jeugdbeschermer
 * starts a case with two children and a parent, invites the parent, moves the
 * evaluatiemoment with a reason, and hands regie over to the demo
 * casusregisseur, who acknowledges it. The parent's phone then shows the new
 * regisseur and the moved date in plain Dutch; the handover note and its
 * `overdracht` version are in Versies.
 */
import { expect, test, type Page } from '@playwright/test';
import { DEMO_PROFESSIONALS } from '../../server/demo/demoCase.server';
import { guardPage, loginAs, openPersonalLink } from './helpers';

test.use({ baseURL: process.env.E2E_BASE_URL });

const DAY = 24 * 60 * 60 * 1000;
const isoIn = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
const longDate = (iso: string) =>
  new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

async function submitAndWait(page: Page, button: ReturnType<Page['getByRole']>) {
  await button.click();
  await expect(page.getByRole('status').filter({ hasText: /./ }).first()).toBeVisible();
}

test('een jeugdbeschermer start een casus, verzet de evaluatie en draagt de regie over; de ouder ziet het op de telefoon', async ({ browser }) => {
  const title = `Gezin Verhoef ${Date.now().toString(36)}`;
  const firstDate = isoIn(30);
  const movedDate = isoIn(44);

  // 1. Sophie (jeugdbeschermer) starts the case from Mijn casussen.
  const sophieContext = await browser.newContext();
  const sophie = await sophieContext.newPage();
  const guard = guardPage(sophie);
  await loginAs(sophie, 'jeugdbeschermer');
  await sophie.goto('/casussen');
  await sophie.getByRole('link', { name: 'Nieuwe casus' }).click();
  await expect(sophie.getByRole('heading', { name: 'Nieuwe casus', level: 1 })).toBeVisible();
  await sophie.getByLabel('Naam van de casus').fill(title);
  await sophie.getByLabel('Voornaam kind 1').fill('Mila');
  await sophie.getByLabel('Geboortejaar kind 1').fill('2016');
  await sophie.getByLabel('Voornaam kind 2').fill('Ruben');
  await sophie.getByLabel('Geboortejaar kind 2').fill('2019');
  await sophie.getByLabel('Eerste evaluatiemoment').fill(firstDate);
  await sophie.getByRole('radio', { name: 'Jeugdbeschermer' }).check();
  await sophie.getByLabel('Naam persoon 1').fill('Noor Verhoef');
  await sophie.getByLabel('Rol persoon 1').selectOption('ouder');
  await sophie.getByLabel('Relatie persoon 1').fill('moeder');
  await sophie.getByRole('button', { name: 'Casus starten' }).click();
  await expect(sophie).toHaveURL(/\/casussen\/[A-Za-z0-9-]+\/kaart$/);
  const caseId = new URL(sophie.url()).pathname.split('/')[2]!;
  const caseUrl = (tab = '') => `/casussen/${caseId}${tab ? `/${tab}` : ''}`;
  await expect(sophie.getByRole('heading', { name: title, level: 1 })).toBeVisible();
  // The case facts sit folded in one line above the tabs.
  await sophie.locator('.case-facts > summary').click();
  await expect(sophie.getByText('Mila (2016), Ruben (2019)')).toBeVisible();

  // 2. She invites the parent with a personal link; the parent opens it on her phone (her first visit).
  await sophie.goto(caseUrl('betrokkenen'));
  await sophie
    .locator('[data-participant="Noor Verhoef"]')
    .getByRole('button', { name: /link maken voor Noor Verhoef/i })
    .click();
  const link = (await sophie.locator('.link-box .link-url').first().textContent())!.trim();
  const phoneContext = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const phone = await phoneContext.newPage();
  const phoneGuard = guardPage(phone);
  await openPersonalLink(phone, link);
  await expect(phone.getByRole('heading', { name: 'Hallo Noor' })).toBeVisible();
  await expect(phone.getByText('Welkom! Dit is je eerste bezoek.')).toBeVisible();

  // 3. She moves the evaluatiemoment, with a reason.
  await sophie.goto(caseUrl('casusgegevens'));
  await sophie.getByText('Evaluatiemoment verzetten').click();
  const move = sophie.getByRole('form', { name: 'Evaluatiemoment verzetten' });
  await move.getByLabel('Nieuwe datum').fill(movedDate);
  await move.getByLabel(/Waarom\?/).fill('de zomervakantie begint eerder');
  await move.getByRole('button', { name: 'Opslaan' }).click();
  await expect(sophie.locator('.fact', { hasText: 'Volgend evaluatiemoment' }).getByText(longDate(movedDate)).first()).toBeVisible();

  // 4. She starts the overdracht to the demo casusregisseur, added by the e-mail of his account.
  await sophie.goto(caseUrl('overdracht'));
  await sophie.getByLabel('Of: e-mailadres van het account van een professional').fill(DEMO_PROFESSIONALS.casusregisseur.email);
  // Someone new in the case comes with a grondslag (ADR 040): Noor's consent.
  await sophie.getByLabel('Wie gaf toestemming?').selectOption({ label: 'Noor Verhoef' });
  await sophie.getByLabel(/Waarvoor\?/).fill('om de hulp aan ons gezin te regelen');
  await sophie.getByLabel('Situatie').fill('Mila en Ruben wonen bij Noor. De kaart is samen gemaakt.');
  await sophie.getByLabel('Open afspraken en risico’s').fill('Het slaapritueel van Ruben is nieuw; nog niet getest in de vakantie.');
  await sophie.getByLabel('Wat het gezin belangrijk vindt').fill('Noor wil dat de kinderen op hun eigen school blijven.');
  await sophie.getByLabel('Volgende stappen').fill('Kennismaken met Noor en de kinderen, daarna evalueren.');
  await sophie.getByLabel('Korte uitleg voor het gezin (in gewone woorden)').fill('Karim van het wijkteam helpt jullie nu met het plan.');
  await submitAndWait(sophie, sophie.getByRole('button', { name: 'Overdracht starten' }));
  await expect(sophie.getByRole('status').filter({ hasText: 'De overdracht aan Karim El Idrissi is gestart.' })).toBeVisible();

  // 5. Karim acknowledges: the regie is his.
  const karimContext = await browser.newContext();
  const karim = await karimContext.newPage();
  await loginAs(karim, 'casusregisseur');
  await karim.goto(caseUrl('overdracht'));
  await submitAndWait(karim, karim.getByRole('button', { name: 'Ik neem de regie over' }));
  await expect(karim.getByRole('status').filter({ hasText: 'Je hebt de regie overgenomen.' })).toBeVisible();

  // 6. The parent's phone: the new regisseur and the moved date, in plain words.
  await phone.reload();
  await expect(phone.getByText(/is Karim El Idrissi jullie regisseur/).first()).toBeVisible();
  await expect(phone.getByText(`is de volgende evaluatie verzet naar ${longDate(movedDate)}, omdat de zomervakantie begint eerder.`)).toBeVisible();
  await expect(phone.getByText('Karim van het wijkteam helpt jullie nu met het plan.').first()).toBeVisible();
  // The professionals' handover note is not for the family.
  await expect(phone.getByText('Het slaapritueel van Ruben')).toHaveCount(0);
  expect(await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);

  // 7. Versies: the overdracht version, with the handover note beside it.
  await karim.goto(caseUrl('versies'));
  const version = karim.locator('ol.timeline > li', { hasText: 'Overdracht aan Karim El Idrissi' });
  await expect(version).toBeVisible();
  await version.getByText('Overdracht van Sophie Jansen aan Karim El Idrissi').click();
  await expect(version.getByText('Het slaapritueel van Ruben is nieuw; nog niet getest in de vakantie.')).toBeVisible();

  // 8. Everyone sees one casusregisseur: Karim.
  await expect(karim.locator('.case-header').getByText('Karim El Idrissi').first()).toBeVisible();
  expect(guard.foreign).toEqual([]);
  expect(guard.cspErrors).toEqual([]);
  expect(phoneGuard.cspErrors).toEqual([]);
  await Promise.all([sophieContext.close(), phoneContext.close(), karimContext.close()]);
});
