/**
 * Two people on one kaart, live: the demo jeugdbeschermer (laptop) and a
 * parent (phone-sized, participant session).
 */
import { expect, test, type Page } from '@playwright/test';
import { guardPage, loginAs, signInParticipant } from './helpers';

test.use({ baseURL: process.env.E2E_BASE_URL });

const caseUrl = (tab: string) => `/casussen/${process.env.E2E_CASE_ID}/${tab}`;
const section = (page: Page, title: string) => page.locator('.kaart-section', { has: page.getByRole('heading', { name: title, exact: true }) });
const WORRY = 'Dat Sanne en Daan weer een ruzie met geweld meemaken.';

test('ouder en jeugdbeschermer vullen samen de kaart in, live, en alles blijft bewaard met de juiste namen', async ({ browser }) => {
  const proContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const parentContext = await browser.newContext({ viewport: { width: 390, height: 800 } });
  await signInParticipant(parentContext, 'Linda Bakker');
  const pro = await proContext.newPage();
  const parent = await parentContext.newPage();
  const guard = guardPage(parent);

  await loginAs(pro, 'jeugdbeschermer');
  await pro.goto(caseUrl('kaart'));
  await parent.goto(caseUrl('kaart'));
  await expect(pro.getByRole('status').filter({ hasText: 'Verbonden' })).toBeVisible();
  // Family members see what they can do, not a technical state (ADR 029).
  await expect(parent.getByRole('status').filter({ hasText: 'Je kunt meeschrijven' })).toBeVisible();
  // The scale panel starts folded to one line; opened, it stays open on that device.
  await expect(parent.locator('summary.scale-summary')).toHaveText(/^Schaal: /);
  await parent.locator('summary.scale-summary').click();
  await pro.locator('summary.scale-summary').click();

  // The parent adds a worry (on a phone: the first column is shown) and gives a score.
  await section(parent, 'Waar zijn we bang voor?').getByLabel('Toevoegen aan: Waar zijn we bang voor?').fill(WORRY);
  await section(parent, 'Waar zijn we bang voor?').getByRole('button', { name: 'Toevoegen' }).click();
  await parent.locator('.score-option', { hasText: /^6$/ }).click();
  await parent.getByLabel('Waarom deze score? (mag leeg blijven)').fill('Oma helpt nu elke week');
  await parent.getByRole('button', { name: 'Score opslaan' }).click();
  await expect(parent.getByText('Je score is opgeslagen.')).toBeVisible();

  // The professional sees both without reloading.
  const worryAtPro = section(pro, 'Waar zijn we bang voor?').locator('textarea.item-text').last();
  await expect(worryAtPro).toHaveValue(WORRY);
  await expect(section(pro, 'Waar zijn we bang voor?').getByText('Linda Bakker (Ouder / verzorger)')).toBeVisible();
  const scoreRow = pro.locator('.scores tr', { hasText: 'Linda Bakker' });
  await expect(scoreRow.locator('.score-value')).toHaveText('6');
  await expect(scoreRow).toContainText('Oma helpt nu elke week');

  // The professional's edit appears at the parent's.
  await worryAtPro.click();
  await worryAtPro.press('End');
  await worryAtPro.pressSequentially(" Vooral 's avonds.");
  const worryAtParent = section(parent, 'Waar zijn we bang voor?').locator('textarea.item-text').last();
  await expect(worryAtParent).toHaveValue(`${WORRY} Vooral 's avonds.`);

  // After a reload everything is still there, with the right authors.
  await pro.reload();
  await parent.reload();
  await expect(section(pro, 'Waar zijn we bang voor?').locator('textarea.item-text').last()).toHaveValue(`${WORRY} Vooral 's avonds.`);
  await expect(section(parent, 'Waar zijn we bang voor?').locator('textarea.item-text').last()).toHaveValue(`${WORRY} Vooral 's avonds.`);
  await expect(section(parent, 'Waar zijn we bang voor?').getByText(/Linda Bakker \(Ouder \/ verzorger\).*bewerkt door Sophie Jansen/)).toBeVisible();
  await expect(pro.locator('.scores tr', { hasText: 'Linda Bakker' }).locator('.score-value')).toHaveText('6');

  // A new score keeps the parent's words: the field starts with them, saving without touching them keeps them.
  await expect(parent.getByLabel('Waarom deze score? (mag leeg blijven)')).toHaveValue('Oma helpt nu elke week');
  await parent.locator('.score-option', { hasText: /^7$/ }).click();
  await parent.getByRole('button', { name: 'Score opslaan' }).click();
  await expect(pro.locator('.scores tr', { hasText: 'Linda Bakker' }).locator('.score-value')).toHaveText('7');
  await expect(pro.locator('.scores tr', { hasText: 'Linda Bakker' })).toContainText('Oma helpt nu elke week');
  await expect(parent.getByLabel('Waarom deze score? (mag leeg blijven)')).toHaveValue('Oma helpt nu elke week');
  expect(guard.foreign).toEqual([]);
  expect(guard.cspErrors).toEqual([]);
  await proContext.close();
  await parentContext.close();
});

test('een ouder ziet de bodemeisen maar kan ze niet wijzigen; wie ze vaststelde staat erbij', async ({ browser }) => {
  const proContext = await browser.newContext();
  const parentContext = await browser.newContext({ viewport: { width: 360, height: 740 } });
  await signInParticipant(parentContext, 'Mark Bakker');
  const pro = await proContext.newPage();
  const parent = await parentContext.newPage();
  await loginAs(pro, 'jeugdbeschermer');
  await pro.goto(caseUrl('bodemeisen'));
  await parent.goto(caseUrl('bodemeisen'));
  await expect(parent.getByText('Jij kunt ze lezen.')).toBeVisible();
  await expect(parent.getByRole('button', { name: 'Bodemeis toevoegen' })).toHaveCount(0);
  await expect(parent.locator('.eisen textarea')).toHaveCount(0);

  await pro.getByLabel('Nieuwe bodemeis').fill('De kinderen slapen thuis alleen als er een volwassene nuchter is.');
  await pro.getByRole('button', { name: 'Bodemeis toevoegen' }).click();
  const eis = parent.locator('.eisen li', { hasText: 'De kinderen slapen thuis alleen als er een volwassene nuchter is.' });
  await expect(eis).toBeVisible();
  await expect(eis).toContainText('Vastgesteld door Sophie Jansen, Jeugdbeschermer');
  await expect(eis.getByRole('button')).toHaveCount(0);
  const overflow = await parent.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await proContext.close();
  await parentContext.close();
});

test('een afspraak in het veiligheidsplan: wie, wat en wanneer (datum en herhaling)', async ({ page }) => {
  await loginAs(page, 'casusregisseur');
  await page.goto(caseUrl('veiligheidsplan'));
  await expect(page.getByRole('status').filter({ hasText: 'Verbonden' })).toBeVisible();
  await page.getByLabel('Nieuwe afspraak: wat gaat er precies gebeuren?').fill('Oma Riet haalt Daan op van school.');
  await page.getByRole('button', { name: 'Afspraak toevoegen' }).click();
  // Found by its text's value once (a textarea's value is not its text content after a re-render), then by position.
  const byValue = async (text: string) => {
    const items = page.locator('.plan-list li');
    const index = await items.evaluateAll((lis, t) => lis.findIndex((li) => [...li.querySelectorAll('textarea')].some((a) => a.value === t)), text);
    expect(index).toBeGreaterThanOrEqual(0);
    return items.nth(index);
  };
  const afspraak = await byValue('Oma Riet haalt Daan op van school.');
  await afspraak.getByLabel('Wanneer of hoe vaak?').fill('Elke dinsdag en donderdag om 15:00');
  await afspraak.getByRole('checkbox', { name: 'Riet de Vries' }).check();
  await afspraak.getByLabel('Vanaf (of op) datum').fill('2027-03-02');
  const often = afspraak.getByRole('combobox', { name: 'Hoe vaak?', exact: true });
  // Choosing with the keyboard only moves the choice; Enter (or leaving the field) writes it.
  await often.selectOption('wekelijks');
  await expect(afspraak.getByRole('group', { name: /Op welke dagen/ })).toHaveCount(0);
  await often.press('Enter');
  await afspraak.getByRole('checkbox', { name: 'donderdag' }).check();
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'Verbonden' })).toBeVisible();
  const again = await byValue('Oma Riet haalt Daan op van school.');
  await expect(again.getByLabel('Wanneer of hoe vaak?')).toHaveValue('Elke dinsdag en donderdag om 15:00');
  await expect(again.getByRole('checkbox', { name: 'Riet de Vries' })).toBeChecked();
  await expect(again.getByText('Dus: elke dinsdag en donderdag, vanaf 2 maart.')).toBeVisible();
  await expect(again.getByLabel('Hoe staat het ervoor?')).toHaveCount(0);
});

test('wie ergens typt staat erbij, en wat offline is geschreven blijft bewaard en komt later door', async ({ browser }) => {
  const proContext = await browser.newContext();
  const rietContext = await browser.newContext({ viewport: { width: 390, height: 800 } });
  await signInParticipant(rietContext, 'Riet de Vries');
  const pro = await proContext.newPage();
  await loginAs(pro, 'jeugdbeschermer');
  await pro.goto(caseUrl('kaart'));

  // Riet's page reaches the server through a relay that we can cut, as a train tunnel would.
  let online = true;
  const riet = await rietContext.newPage();
  await riet.routeWebSocket(/\/sync\//, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      if (online) server.send(message);
    });
    server.onMessage((message) => ws.send(message));
  });
  await riet.goto(caseUrl('kaart'));
  await riet.getByRole('button', { name: 'Wat gaat er goed?' }).click();
  await expect(riet.getByRole('status').filter({ hasText: 'Je kunt meeschrijven' })).toBeVisible();

  // Presence: the professional sees who is typing in which item.
  const rietsItem = section(riet, 'Wat lukt al?').locator('li', { hasText: 'Riet de Vries' }).locator('textarea');
  await rietsItem.focus();
  await expect(section(pro, 'Bestaande krachten').getByText('Riet de Vries typt hier')).toBeVisible();
  await expect(pro.getByLabel('Nu in dit document')).toContainText('Riet de Vries');

  // Offline: the edit stays on Riet's phone (IndexedDB), the server does not get it.
  online = false;
  const OFFLINE = 'Ik bel Linda elke zondagavond even op.';
  // Riet (netwerk) sees the section's plain title; the professional its term.
  await section(riet, 'Wat zorgt nu al voor veiligheid?').getByLabel('Toevoegen aan: Wat zorgt nu al voor veiligheid?').fill(OFFLINE);
  await section(riet, 'Wat zorgt nu al voor veiligheid?').getByRole('button', { name: 'Toevoegen' }).click();
  await riet.waitForTimeout(700);
  await expect(section(pro, 'Bestaande veiligheid').locator('textarea.item-text')).toHaveCount(1);
  await riet.close();

  // Later, on a fresh page with a normal connection, the edit is synced from the local cache.
  const again = await rietContext.newPage();
  await again.goto(caseUrl('kaart'));
  await expect(section(pro, 'Bestaande veiligheid').locator('textarea.item-text').last()).toHaveValue(OFFLINE);
  await expect(section(pro, 'Bestaande veiligheid').getByText('Riet de Vries (Netwerklid)')).toBeVisible();
  await proContext.close();
  await rietContext.close();
});
