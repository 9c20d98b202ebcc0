/**
 * Two people type into the same kaart item at the same time (issue 13, point
 * 4): every character of both arrives exactly once, each person's characters
 * stay together and in their order, and both screens and a fresh page show the
 * same text. Item text grows with its content, on a laptop and at 360 px.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { loginAs } from './helpers';

test.use({ baseURL: process.env.E2E_BASE_URL });

const caseUrl = (tab: string) => `/casussen/${process.env.E2E_CASE_ID}/${tab}`;
const SECTION = 'Waar zijn we bang voor?';
const section = (page: Page) => page.locator('.kaart-section', { has: page.getByRole('heading', { name: SECTION, exact: true }) });
const itemText = (page: Page, id: string) => page.locator(`li[data-item-id="${id}"] textarea.item-text`);

/** Person A types lowercase, person B digits: each one's own characters can be picked out of the result. */
const KEYS = 200;
const A_TEXT = 'abcdefghij'.repeat(KEYS / 10);
const B_TEXT = '0123456789'.repeat(KEYS / 10);
const onlyA = (s: string) => s.replace(/[^a-j]/g, '');
const onlyB = (s: string) => s.replace(/[^0-9]/g, '');

async function openKaart(browser: Browser, who: 'jeugdbeschermer' | 'casusregisseur', width = 1280) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  await loginAs(page, who);
  await page.goto(caseUrl('kaart'));
  await expect(page.getByRole('status').filter({ hasText: 'Verbonden' })).toBeVisible();
  return page;
}

/** Adds an item through the UI and returns its id once the other page shows it too. */
async function addItem(page: Page, other: Page, text: string): Promise<string> {
  await section(page).getByLabel(`Toevoegen aan: ${SECTION}`).fill(text);
  await section(page).getByRole('button', { name: 'Toevoegen' }).click();
  const last = section(page).locator('li.item').last();
  await expect(last.locator('textarea.item-text')).toHaveValue(text);
  const id = (await last.getAttribute('data-item-id'))!;
  await expect(itemText(other, id)).toHaveValue(text);
  return id;
}

/** Puts the caret at the start or the end of the item's text. */
async function placeCaret(page: Page, id: string, where: 'start' | 'end') {
  const box = itemText(page, id);
  await box.click();
  await box.press(where === 'start' ? 'Control+Home' : 'Control+End');
  const length = (await box.inputValue()).length;
  await expect
    .poll(() => box.evaluate((el: HTMLTextAreaElement) => [el.selectionStart, el.selectionEnd]))
    .toEqual(where === 'start' ? [0, 0] : [length, length]);
}

async function typeTogether(a: Page, b: Page, id: string) {
  await Promise.all([itemText(a, id).pressSequentially(A_TEXT, { delay: 40 }), itemText(b, id).pressSequentially(B_TEXT, { delay: 40 })]);
}

/** Both screens and a freshly loaded page show `expected`. */
async function expectEverywhere(a: Page, b: Page, id: string, expected: string) {
  await expect(itemText(a, id)).toHaveValue(expected);
  await expect(itemText(b, id)).toHaveValue(expected);
  const fresh = await a.context().newPage();
  await fresh.goto(caseUrl('kaart'));
  await expect(itemText(fresh, id)).toHaveValue(expected);
  await fresh.close();
}

/** Every character of both exactly once, each person's own characters in their order (seeds are in capitals). */
function expectBothIntact(value: string, seed: string) {
  expect(value.length).toBe(seed.length + A_TEXT.length + B_TEXT.length);
  expect(onlyA(value)).toBe(A_TEXT);
  expect(onlyB(value)).toBe(B_TEXT);
}

test.describe('samen typen in één punt', () => {
  test.describe.configure({ timeout: 120_000 });

  test('allebei aan het eind: niets gaat verloren, niets door elkaar', async ({ browser }) => {
    const a = await openKaart(browser, 'jeugdbeschermer');
    const b = await openKaart(browser, 'casusregisseur');
    const seed = 'SAMEN AAN HET EIND:';
    const id = await addItem(a, b, seed);
    await placeCaret(a, id, 'end');
    await placeCaret(b, id, 'end');

    await typeTogether(a, b, id);

    await expect.poll(async () => (await itemText(a, id).inputValue()).length).toBe(seed.length + 2 * KEYS);
    const value = await itemText(a, id).inputValue();
    expectBothIntact(value, seed);
    // Each caret stays behind its own last character, so each person's text stays in one piece.
    expect([seed + A_TEXT + B_TEXT, seed + B_TEXT + A_TEXT]).toContain(value);
    await expectEverywhere(a, b, id, value);
    await a.context().close();
    await b.context().close();
  });

  test('de een aan het begin, de ander aan het eind', async ({ browser }) => {
    const a = await openKaart(browser, 'jeugdbeschermer');
    const b = await openKaart(browser, 'casusregisseur');
    const seed = 'MIDDEN';
    const id = await addItem(a, b, seed);
    await placeCaret(a, id, 'start');
    await placeCaret(b, id, 'end');

    await typeTogether(a, b, id);

    await expect.poll(async () => (await itemText(a, id).inputValue()).length).toBe(seed.length + 2 * KEYS);
    const value = await itemText(a, id).inputValue();
    expectBothIntact(value, seed);
    expect(value).toBe(A_TEXT + seed + B_TEXT);
    await expectEverywhere(a, b, id, value);
    await a.context().close();
    await b.context().close();
  });
});

test('de tekst van een punt groeit mee met de inhoud, op een laptop en op 360 px', async ({ browser }) => {
  const laptop = await openKaart(browser, 'jeugdbeschermer');
  const phone = await openKaart(browser, 'casusregisseur', 360);
  const id = await addItem(laptop, phone, 'Kort.');
  const long = 'Oma Riet haalt de kinderen op van school en blijft tot er een volwassene thuis is. '.repeat(6).trim();
  await itemText(laptop, id).fill(long);
  await expect(itemText(phone, id)).toHaveValue(long);
  for (const page of [laptop, phone]) {
    const box = itemText(page, id);
    // All text is visible: the box is as tall as its content (no inner scrolling), well over two lines.
    await expect.poll(() => box.evaluate((el: HTMLTextAreaElement) => el.scrollHeight - el.clientHeight)).toBeLessThanOrEqual(0);
    const lineHeight = await box.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight) || 24);
    expect(await box.evaluate((el) => el.clientHeight)).toBeGreaterThan(3 * lineHeight);
  }
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await laptop.context().close();
  await phone.context().close();
});
