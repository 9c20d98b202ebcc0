/**
 * A whole netwerkberaad in four browser contexts (issue 16): the demo
 * jeugdbeschermer runs it from a laptop, the projector shows it on the wall
 * (the same professional in a second context, 1280×720), and a parent and a
 * netwerklid join on their phones (390×844) through the QR's address. Focus
 * follows the facilitator; a scale round is scored on the phones and the
 * laptop, unseen until the reveal; an afspraak is made; ending the meeting
 * gives a `sessie` version and leads to the summary.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { guardPage, loginAs, signInParticipant, waitForHydration, watchPage } from './helpers';

test.use({ baseURL: process.env.E2E_BASE_URL });
const caseUrl = (tab = '') => `/casussen/${process.env.E2E_CASE_ID}${tab ? `/${tab}` : ''}`;
const PHONE = { width: 390, height: 844 };
const AFSPRAAK = 'Linda belt oma Riet als het thuis te druk wordt.';

async function phoneOf(browser: Browser, name: string) {
  const context = await browser.newContext({ viewport: PHONE });
  await signInParticipant(context, name);
  const page = await context.newPage();
  return { context, page, watch: watchPage(page), guard: guardPage(page) };
}

async function join(phone: Page, url: string, name: string) {
  await phone.goto(url);
  await waitForHydration(phone);
  await phone.getByRole('button', { name: `Doe mee als ${name}` }).click();
  await phone.waitForURL(new RegExp(`${caseUrl('sessie')}$`));
  await waitForHydration(phone);
  await expect(phone.getByRole('switch', { name: 'Volg het scherm' })).toBeChecked();
}

async function score(page: Page, value: number) {
  await page.locator('.scale-option', { hasText: new RegExp(`^${value}$`) }).click();
  await page.getByRole('button', { name: 'Cijfer geven' }).click();
  await expect(page.getByText('Je cijfer is binnen. Niemand ziet het voordat de cijfers samen op het scherm komen.')).toBeVisible();
  await expect(page.locator('.round-mine')).toHaveText(String(value));
}

test('een netwerkberaad: beamer, laptop en twee telefoons; focus volgt, schaalronde blind tot het tonen, afronden geeft een versie', async ({ browser }) => {
  test.setTimeout(90_000);
  // The facilitator on a laptop starts the session.
  const laptopContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const laptop = await laptopContext.newPage();
  const laptopWatch = watchPage(laptop);
  await loginAs(laptop, 'jeugdbeschermer');
  await laptop.goto(caseUrl('sessie'));
  await waitForHydration(laptop);
  await laptop.getByRole('button', { name: 'Sessie starten' }).click();
  await expect(laptop.getByRole('link', { name: 'Beamerscherm openen' })).toHaveAttribute('target', '_blank');

  // The projector: the same professional in a second context.
  const wallContext = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const wall = await wallContext.newPage();
  const wallWatch = watchPage(wall);
  const wallGuard = guardPage(wall);
  await loginAs(wall, 'jeugdbeschermer');
  await wall.goto(caseUrl('beamer'));
  await waitForHydration(wall);
  await expect(wall.getByRole('img', { name: 'QR-code om mee te doen' }).locator('svg')).toBeVisible();
  const joinUrl = (await wall.locator('[data-join-url]').getAttribute('data-join-url'))!;
  expect(joinUrl).toMatch(/\/sessie\/[A-Z2-9]{6}$/);
  await expect(wall.locator('.beamer-code')).toHaveText(/^[A-Z2-9]{3} [A-Z2-9]{3}$/);

  // Both phones join through the QR's address, with their own sessions.
  const parent = await phoneOf(browser, 'Linda Bakker');
  const netwerk = await phoneOf(browser, 'Ayşe Yılmaz');
  await join(parent.page, joinUrl, 'Linda Bakker');
  await join(netwerk.page, joinUrl, 'Ayşe Yılmaz');
  await expect(wall.locator('.beamer-present')).toContainText('Linda Bakker');
  await expect(wall.locator('.beamer-present')).toContainText('Ayşe Yılmaz');
  // The whole kaart fits the wall without scrolling.
  expect(await wall.evaluate(() => document.documentElement.scrollHeight - window.innerHeight)).toBeLessThanOrEqual(0);

  // Focus: the facilitator picks a column; the wall and both phones follow.
  await laptop.getByRole('button', { name: 'Wat gaat er goed?' }).click();
  await expect(laptop.getByRole('button', { name: 'Wat gaat er goed?' })).toHaveAttribute('aria-pressed', 'true');
  await expect(wall.locator('.beamer-focused.kaart-column-goed')).toBeVisible();
  for (const phone of [parent.page, netwerk.page]) {
    await expect(phone.locator('.phone-part[data-part="goed"] .kaart-column-goed')).toBeVisible();
    await expect(phone.locator('.kaart-column-zorgen')).toHaveCount(0);
  }
  // A phone can step out and pick a part itself; the choice holds while the wall moves on.
  await netwerk.page.getByRole('switch', { name: 'Volg het scherm' }).uncheck();
  await netwerk.page.getByRole('group', { name: 'Kies zelf wat je ziet' }).getByRole('button', { name: 'Het veiligheidsplan' }).click();
  await expect(netwerk.page.locator('.phone-part[data-part="plan"]')).toBeVisible();
  await netwerk.page.getByRole('switch', { name: 'Volg het scherm' }).check();
  await expect(netwerk.page.locator('.phone-part[data-part="goed"]')).toBeVisible();

  // The scale round: everyone scores on their own screen; the wall only counts.
  await laptop.getByRole('button', { name: 'Schaalronde starten' }).click();
  await expect(wall.locator('.beamer-count')).toHaveText(/^0 van 3 cijfers binnen$/);
  await score(parent.page, 7);
  await score(netwerk.page, 8);
  await score(laptop, 5);
  await expect(wall.locator('.beamer-count')).toHaveText(/^3 van 3 cijfers binnen$/);
  await expect(laptop.locator('.round-count')).toHaveText('3 van 3 hebben een cijfer gegeven');
  // No score value anywhere but one's own, before the reveal.
  await expect(wall.locator('.revealed-score')).toHaveCount(0);
  await expect(parent.page.locator('.revealed-score')).toHaveCount(0);
  await expect(parent.page.locator('.round-mine')).toHaveText('7');

  // The reveal: all three on the wall and on the phones.
  await laptop.getByRole('button', { name: 'Cijfers laten zien' }).click();
  for (const page of [wall, parent.page, netwerk.page]) {
    await expect(page.locator('[data-score-of="Linda Bakker"] .revealed-score')).toHaveText('7');
    await expect(page.locator('[data-score-of="Ayşe Yılmaz"] .revealed-score')).toHaveText('8');
    await expect(page.locator('[data-score-of="Sophie Jansen"] .revealed-score')).toHaveText('5');
  }

  // An afspraak with an owner and a date; on the wall when the plan is in focus.
  await laptop.getByLabel('Wat gaat er gebeuren?').fill(AFSPRAAK);
  await laptop.locator('.owners').getByLabel('Linda Bakker').check();
  await laptop.getByLabel('Vanaf (datum)').fill('2027-03-01');
  await laptop.getByRole('button', { name: 'Afspraak maken' }).click();
  await expect(laptop.getByText('De afspraak staat in het veiligheidsplan.')).toBeVisible();
  await laptop.getByRole('button', { name: 'Het veiligheidsplan' }).click();
  await expect(wall.locator('.beamer-doc .beamer-item', { hasText: AFSPRAAK })).toContainText('Wie: Linda Bakker');
  await expect(parent.page.locator('.phone-part[data-part="plan"]')).toContainText(AFSPRAAK);

  // Ending the session: the summary page (another part of issue 16 builds it) and a `sessie` version.
  const before = [...laptopWatch.problems];
  await laptop.getByLabel('Volgend netwerkberaad (mag leeg blijven)').fill('2027-04-01');
  laptopWatch.leave();
  await laptop.getByRole('button', { name: 'Sessie afronden' }).click();
  await laptop.waitForURL(new RegExp(`${caseUrl('sessies')}/[0-9a-f-]{36}$`));
  // The one-page summary: who was there, the round, the new afspraak with who does it, the next meeting.
  await expect(laptop.getByRole('heading', { name: /^Netwerkberaad van / })).toBeVisible();
  const summary = laptop.locator('main');
  for (const name of ['Linda Bakker', 'Ayşe Yılmaz', 'Sophie Jansen']) await expect(summary).toContainText(name);
  await expect(summary).toContainText(AFSPRAAK);
  await expect(summary).toContainText('1 april 2027');
  await expect(parent.page.getByText('Er loopt nu geen netwerkberaad.')).toBeVisible();
  // The family reads it in plain words on their home view.
  await parent.page.goto(caseUrl(''));
  const block = parent.page.locator('section', { has: parent.page.getByRole('heading', { name: 'Het laatste netwerkberaad' }) });
  await expect(block).toContainText('Linda Bakker');
  await expect(block).toContainText('7');
  await expect(block.getByRole('link', { name: 'Lees het hele verslag' })).toBeVisible();
  await expect(wall.getByRole('heading', { name: 'Er loopt geen sessie' })).toBeVisible();
  await laptop.goto(caseUrl('versies'));
  const version = laptop.locator('.timeline > li', { has: laptop.locator('strong', { hasText: /^Netwerkberaad .* · aanwezig: .*Linda Bakker/ }) }).first();
  await expect(version).toContainText('Na een sessie');
  await expect(version).toContainText('Ayşe Yılmaz');

  expect(before).toEqual([]);
  expect(laptopWatch.problems).toEqual([]);
  for (const w of [wallWatch, parent.watch, netwerk.watch]) expect(w.problems).toEqual([]);
  for (const g of [wallGuard, parent.guard, netwerk.guard]) {
    expect(g.foreign).toEqual([]);
    expect(g.cspErrors).toEqual([]);
  }
  for (const c of [laptopContext, wallContext, parent.context, netwerk.context]) await c.close();
});
