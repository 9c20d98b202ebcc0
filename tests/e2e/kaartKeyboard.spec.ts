/**
 * The kaart with the keyboard alone (issue 16, point 7): add an item, move it
 * to another section and resolve it — after each step focus is inside that
 * item, and the item stands where it should. Choosing where to move (arrow
 * keys over the choices) never moves anything before "Verplaats". Also: a
 * long text is shown whole, and on a 1280×720 projector the first item of
 * each column is in view with the scale panel folded.
 */
import { expect, test, type Page } from '@playwright/test';
import { guardPage, loginAs, watchPage } from './helpers';

test.use({ baseURL: process.env.E2E_BASE_URL });

const caseUrl = (tab: string) => `/casussen/${process.env.E2E_CASE_ID}/${tab}`;

/** The id of the item that holds keyboard focus, or null. */
const focusedItem = (page: Page) => page.evaluate(() => document.activeElement?.closest('[data-item-id]')?.getAttribute('data-item-id') ?? null);

/** The title of the kaart section an item stands in. */
const sectionOf = (page: Page, id: string) =>
  page.evaluate((itemId) => document.querySelector(`[data-item-id="${itemId}"]`)?.closest('.kaart-section')?.querySelector('h4')?.textContent ?? null, id);

/** Describes the focused element: its accessible name (label, text) and role, for stepping with Tab. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return { name: '', role: '', item: null as string | null };
    const name = el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0]?.textContent?.trim() ?? '';
    return {
      name: name || (el.textContent ?? '').trim(),
      role: el.getAttribute('role') ?? el.tagName.toLowerCase(),
      item: el.closest('[data-item-id]')?.getAttribute('data-item-id') ?? null,
    };
  });

/** Presses Tab until the focused element matches (fails after `max` presses). */
async function tabTo(page: Page, matches: (f: Awaited<ReturnType<typeof focused>>) => boolean, max = 150) {
  for (let i = 0; i < max; i++) {
    if (matches(await focused(page))) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Not reached with Tab; now on ${JSON.stringify(await focused(page))}`);
}

/** Presses a key until the focused element matches (menus and radio groups). */
async function pressUntil(page: Page, key: string, matches: (f: Awaited<ReturnType<typeof focused>>) => boolean, max = 12) {
  for (let i = 0; i < max; i++) {
    if (matches(await focused(page))) return;
    await page.keyboard.press(key);
  }
  throw new Error(`Not reached with ${key}; now on ${JSON.stringify(await focused(page))}`);
}

async function openKaart(page: Page) {
  await loginAs(page, 'jeugdbeschermer');
  await page.goto(caseUrl('kaart'));
  await expect(page.getByRole('status').filter({ hasText: 'Verbonden' })).toBeVisible();
}

test('met alleen het toetsenbord: een punt toevoegen, verplaatsen en oplossen; de focus staat steeds op dat punt', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const guard = guardPage(page);
  const watch = watchPage(page);
  await openKaart(page);
  const TEXT = 'Daan durft na school niet meteen naar huis te gaan.';

  // Add: type in the add box of "Waar zijn we bang voor?", Tab to its button, Enter.
  await tabTo(page, (f) => f.name === 'Toevoegen aan: Waar zijn we bang voor?');
  await page.keyboard.type(TEXT);
  await page.keyboard.press('Tab');
  expect((await focused(page)).name).toBe('Toevoegen');
  await page.keyboard.press('Enter');
  await expect.poll(() => focusedItem(page)).not.toBeNull();
  const id = (await focusedItem(page))!;
  const item = page.locator(`li[data-item-id="${id}"]`);
  await expect(item.locator('textarea.item-text')).toHaveValue(TEXT);
  expect(await sectionOf(page, id)).toBe('Waar zijn we bang voor?');

  // The ⋯ menu: Enter opens it on the first action, Escape closes it and puts focus back on ⋯.
  await tabTo(page, (f) => f.item === id && f.name.startsWith('Acties voor:'));
  const menuButton = item.getByRole('button', { name: /^Acties voor:/ });
  await expect(menuButton).toHaveAttribute('aria-haspopup', 'menu');
  await page.keyboard.press('Enter');
  await expect(menuButton).toHaveAttribute('aria-expanded', 'true');
  expect(await focused(page)).toMatchObject({ role: 'menuitem', name: 'Omhoog', item: id });
  await page.keyboard.press('Escape');
  await expect(item.getByRole('menu')).toHaveCount(0);
  expect(await focused(page)).toMatchObject({ name: expect.stringMatching(/^Acties voor:/), item: id });

  // Move: Verplaatsen… asks where to; arrowing over the choices moves nothing.
  await page.keyboard.press('Enter');
  await pressUntil(page, 'ArrowDown', (f) => f.name === 'Verplaatsen…');
  await page.keyboard.press('Enter');
  await expect(item.getByRole('group', { name: 'Waar moet dit punt heen?' })).toBeVisible();
  expect((await focused(page)).role).toBe('input');
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('ArrowDown');
    expect(await sectionOf(page, id)).toBe('Waar zijn we bang voor?');
  }
  const choice = async () => item.getByRole('radio', { checked: true }).evaluate((r) => (r.closest('label')?.textContent ?? '').trim());
  for (let i = 0; i < 10 && (await choice()) !== 'Bestaande veiligheid'; i++) await page.keyboard.press('ArrowUp');
  expect(await choice()).toBe('Bestaande veiligheid');
  expect(await sectionOf(page, id)).toBe('Waar zijn we bang voor?');
  await page.keyboard.press('Tab');
  expect((await focused(page)).name).toBe('Verplaats');
  await page.keyboard.press('Enter');
  await expect.poll(() => sectionOf(page, id)).toBe('Bestaande veiligheid');
  await expect.poll(() => focusedItem(page)).toBe(id);
  await expect(page.getByRole('status').filter({ hasText: 'Verplaatst naar: Bestaande veiligheid' })).toBeVisible();
  await expect(item).toBeInViewport();

  // Omhoog: the item goes one place up in its section; focus stays on its ⋯ button.
  const orderIn = () => item.evaluate((li) => [...li.parentElement!.children].indexOf(li));
  const before = await orderIn();
  expect(before).toBeGreaterThan(0);
  await tabTo(page, (f) => f.item === id && f.name.startsWith('Acties voor:'));
  await page.keyboard.press('Enter');
  expect((await focused(page)).name).toBe('Omhoog');
  await page.keyboard.press('Enter');
  await expect.poll(orderIn).toBe(before - 1);
  await expect.poll(() => focused(page)).toMatchObject({ name: expect.stringMatching(/^Acties voor:/), item: id });

  // A status question cancelled with Escape changes nothing and puts focus back on the item's ⋯ button.
  await page.keyboard.press('Enter');
  await pressUntil(page, 'ArrowDown', (f) => f.name === 'Intrekken…');
  await page.keyboard.press('Enter');
  expect(await focused(page)).toMatchObject({ role: 'input', item: id });
  await page.keyboard.press('Escape');
  await expect.poll(() => focused(page)).toMatchObject({ name: expect.stringMatching(/^Acties voor:/), item: id });
  await expect(item).toHaveClass(/item-actueel/);

  // Resolve: Opgelost… asks why; Enter saves; focus is back on the item.
  await tabTo(page, (f) => f.item === id && f.name.startsWith('Acties voor:'));
  await page.keyboard.press('Enter');
  await pressUntil(page, 'ArrowDown', (f) => f.name === 'Opgelost…');
  await page.keyboard.press('Enter');
  expect(await focused(page)).toMatchObject({ role: 'input', item: id });
  await page.keyboard.type('Daan gaat nu met Ayşe mee naar huis.');
  await page.keyboard.press('Enter');
  await expect(item).toHaveClass(/item-opgelost/);
  await expect(item.locator('.item-status')).toHaveText('Opgelost door Sophie Jansen: Daan gaat nu met Ayşe mee naar huis.');
  await expect.poll(() => focusedItem(page)).toBe(id);
  expect(await sectionOf(page, id)).toBe('Bestaande veiligheid');
  expect(guard.cspErrors).toEqual([]);
  expect(watch.problems).toEqual([]);
  await context.close();
});

test('op een telefoon: na verplaatsen naar een andere kolom toont de kaart die kolom, met het punt in beeld en in focus', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
  const page = await context.newPage();
  await openKaart(page);
  const add = page.getByLabel('Toevoegen aan: Waar zijn we bang voor?');
  await add.fill('Dat Sanne zich thuis niet meer veilig voelt.');
  await page.locator('.kaart-section', { has: add }).getByRole('button', { name: 'Toevoegen' }).click();
  await expect.poll(() => focusedItem(page)).not.toBeNull();
  const id = (await focusedItem(page))!;
  const item = page.locator(`li[data-item-id="${id}"]`);
  await item.getByRole('button', { name: /^Acties voor:/ }).click();
  await page.getByRole('menuitem', { name: 'Verplaatsen…' }).click();
  await item.getByRole('radio', { name: 'Volgende stappen' }).check();
  expect(await sectionOf(page, id)).toBe('Waar zijn we bang voor?');
  await item.getByRole('button', { name: 'Verplaats' }).click();
  await expect.poll(() => sectionOf(page, id)).toBe('Volgende stappen');
  await expect(page.getByRole('button', { name: 'Wat moet er gebeuren?' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => focusedItem(page)).toBe(id);
  await expect(item).toBeInViewport();
  await expect(page.getByRole('status').filter({ hasText: 'Verplaatst naar: Volgende stappen' })).toBeVisible();
  await context.close();
});

test('een lange tekst staat er helemaal; op 1280×720 staat het eerste punt van elke kolom in beeld', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const guard = guardPage(page);
  await openKaart(page);
  const LONG = `${'Oma Riet haalt de kinderen op en blijft tot Linda thuis is. '.repeat(10)}Zo is er altijd iemand.`;
  expect(LONG.length).toBeGreaterThanOrEqual(600);
  const add = page.getByLabel('Toevoegen aan: Complicerende factoren');
  await add.fill(LONG);
  await page.locator('.kaart-section', { has: add }).getByRole('button', { name: 'Toevoegen' }).click();
  await expect.poll(() => focusedItem(page)).not.toBeNull();
  const id = (await focusedItem(page))!;
  const box = page.locator(`li[data-item-id="${id}"] textarea.item-text`);
  await expect(box).toHaveValue(LONG);
  const fits = () => box.evaluate((el) => el.scrollHeight <= el.clientHeight + 2);
  await expect.poll(fits).toBe(true);

  // Opened again, from the top: the scale panel is folded to one line, the columns are in view.
  await page.goto(caseUrl('kaart'));
  await expect(page.getByRole('status').filter({ hasText: 'Verbonden' })).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect.poll(fits).toBe(true);
  const fold = page.locator('details.scale-fold');
  await expect(fold).not.toHaveAttribute('open', '');
  await expect(fold.locator('summary.scale-summary')).toHaveText(/^Schaal: /);
  for (const column of ['zorgen', 'goed', 'gebeuren']) {
    const first = page.locator(`.kaart-column-${column} li.item`).first();
    const rect = await first.boundingBox();
    expect(rect, column).not.toBeNull();
    expect(rect!.y, `${column}: top of its first item`).toBeGreaterThanOrEqual(0);
    expect(rect!.y + Math.min(rect!.height, 60), `${column}: first item in view`).toBeLessThanOrEqual(720);
  }
  // KAART_SHOT=/some/file.png keeps a picture of this view for a human look.
  if (process.env.KAART_SHOT) await page.screenshot({ path: process.env.KAART_SHOT });
  expect(guard.cspErrors).toEqual([]);

  // Opened, the panel stays open on this device (also after a reload).
  await fold.locator('summary.scale-summary').click();
  await expect(fold).toHaveAttribute('open', '');
  await page.reload();
  await expect(page.locator('details.scale-fold')).toHaveAttribute('open', '');
  await page.locator('summary.scale-summary').click();
  await expect(page.locator('details.scale-fold')).not.toHaveAttribute('open', '');
  await context.close();
});
