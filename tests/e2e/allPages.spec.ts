/**
 * Every page as every role, on a laptop and on a 360 px phone: no console
 * error, no React error, no uncaught page error, no failed request and no HTTP
 * error — except the one refusal a step expects (a 404 for a page the role may
 * not open, the 403 of the access-ended page, the 404 of an invalid link),
 * which must then come. The roles the demo lacks (professional, meelezer,
 * jeugdige) are added through the Betrokkenen tab as the jeugdbeschermer; the
 * jeugdige signs in with a personal link made there.
 */
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { openDatabase } from '../../db/database.server';
import { createProfessional, findUserByEmail } from '../../server/users/users.server';
import { loginAs, loginWith, openPersonalLink, signInParticipant, waitForHydration, watchPage } from './helpers';

test.use({ baseURL: process.env.E2E_BASE_URL });

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;
type RoleName = 'anoniem' | 'jeugdbeschermer' | 'casusregisseur' | 'professional' | 'meelezer' | 'ouder' | 'jeugdige' | 'netwerklid';
const ROLE_NAMES: RoleName[] = ['anoniem', 'jeugdbeschermer', 'casusregisseur', 'professional', 'meelezer', 'ouder', 'jeugdige', 'netwerklid'];
const PROFESSIONAL_ROLES: RoleName[] = ['jeugdbeschermer', 'casusregisseur', 'professional', 'meelezer'];
const FAMILY_ROLES: RoleName[] = ['ouder', 'jeugdige', 'netwerklid'];
const AUDIT_LOG_ROLES: RoleName[] = ['jeugdbeschermer', 'casusregisseur'];

/** Fictional extra accounts and people for the roles the demo case does not have. */
const EXTRA_PROFESSIONALS = {
  professional: { name: 'Noor Visser', email: 'noor.visser@e2e.veiligplan.nl', organisation: 'Praktijk De Linde' },
  meelezer: { name: 'Bas Meijer', email: 'bas.meijer@e2e.veiligplan.nl', organisation: 'Raad Voorbeeldregio' },
} as const;
const EXTRA_PASSWORD = 'e2e-alle-paginas';
const JEUGDIGE = { name: 'Sanne Bakker', relation: 'dochter' };
const FIRST_NAMES: Partial<Record<RoleName, string>> = { ouder: 'Linda', jeugdige: 'Sanne', netwerklid: 'Ayşe' };

/** Looks like a personal-link token but is none. */
const INVALID_TOKEN = 'x'.repeat(43);

const VIEWPORTS = {
  laptop: { width: 1280, height: 900 },
  telefoon: { width: 360, height: 740 },
} as const;

const caseUrl = (tab = '') => `/casussen/${process.env.E2E_CASE_ID}${tab ? `/${tab}` : ''}`;

let states: Partial<Record<RoleName, StorageState>> = {};
let versionId = '';

/** Makes sure an account exists for each extra professional (accounts are made by the administrator, not in the app). */
async function ensureAccounts() {
  const h = openDatabase(process.env.E2E_DATABASE_PATH!);
  try {
    for (const p of Object.values(EXTRA_PROFESSIONALS)) {
      if (!findUserByEmail(h.db, p.email)) await createProfessional(h.db, { ...p, password: EXTRA_PASSWORD });
    }
  } finally {
    h.close();
  }
}

async function guarded(browser: Browser, run: (page: Page) => Promise<void>, state?: StorageState) {
  const context = await browser.newContext(state ? { storageState: state } : {});
  const page = await context.newPage();
  const guard = watchPage(page);
  try {
    await run(page);
    await waitForHydration(page);
    expect(guard.problems).toEqual([]);
    return await context.storageState();
  } finally {
    await context.close();
  }
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  await ensureAccounts();
  states = {};
  let linkUrl = '';

  // The jeugdbeschermer adds the missing roles through the Betrokkenen tab and makes the jeugdige a link.
  states.jeugdbeschermer = await guarded(browser, async (page) => {
    await loginAs(page, 'jeugdbeschermer');
    await page.goto(caseUrl('betrokkenen'));
    await waitForHydration(page);
    for (const [role, p] of Object.entries(EXTRA_PROFESSIONALS)) {
      if ((await page.locator(`[data-participant="${p.name}"]`).count()) > 0) continue;
      const form = page.getByRole('form', { name: 'Professional toevoegen' });
      await form.getByLabel('E-mailadres van het account').fill(p.email);
      await form.getByLabel('Rol').selectOption(role);
      // Nobody outside the family comes in without a grondslag (ADR 040): Linda's consent.
      await form.getByLabel('Wie gaf toestemming?').selectOption({ label: 'Linda Bakker' });
      await form.getByLabel(/Waarvoor\?/).fill('om mee te denken over het plan');
      await form.getByRole('button', { name: 'Toevoegen' }).click();
      await expect(page.getByRole('status').filter({ hasText: `${p.name} is toegevoegd.` })).toBeVisible();
    }
    if ((await page.locator(`[data-participant="${JEUGDIGE.name}"]`).count()) === 0) {
      const form = page.getByRole('form', { name: 'Gezinslid of netwerklid toevoegen' });
      await form.getByLabel('Naam').fill(JEUGDIGE.name);
      await form.getByLabel('Rol').selectOption('jeugdige');
      await form.getByLabel('Relatie (bijvoorbeeld: oma, buurman)').fill(JEUGDIGE.relation);
      // Adding someone makes their link at once (issue 17: invite in one step).
      await form.getByRole('button', { name: 'Toevoegen en link maken' }).click();
    } else {
      const card = page.locator(`[data-participant="${JEUGDIGE.name}"]`);
      await expect(card).toContainText('Jeugdige');
      await card.getByRole('button', { name: new RegExp(`link (maken )?voor ${JEUGDIGE.name}`, 'i') }).click();
    }
    await expect(page.locator('.link-box .link-url')).toHaveCount(1);
    linkUrl = (await page.locator('.link-box .link-url').first().textContent())!.trim();
  });

  // The casusregisseur makes sure there is a version to view and compare.
  states.casusregisseur = await guarded(browser, async (page) => {
    await loginAs(page, 'casusregisseur');
    await page.goto(caseUrl('versies'));
    await waitForHydration(page);
    if ((await page.locator('.timeline > li').count()) === 0) {
      await page.getByLabel('Naam van de versie').fill('Alle pagina’s bekeken');
      await page.getByRole('button', { name: 'Versie maken' }).click();
      await expect(page.getByText('De versie is bewaard.')).toBeVisible();
    }
    const href = await page.locator('.timeline > li').first().getByRole('link', { name: 'Bekijken' }).getAttribute('href');
    versionId = new URLSearchParams(href!.split('?')[1]).get('versie')!;
  });

  for (const [role, p] of Object.entries(EXTRA_PROFESSIONALS)) {
    states[role as RoleName] = await guarded(browser, (page) => loginWith(page, p.email, EXTRA_PASSWORD));
  }

  // The jeugdige opens the personal link: the session starts and the token leaves the address bar.
  states.jeugdige = await guarded(browser, async (page) => {
    await openPersonalLink(page, linkUrl);
    await expect(page).toHaveURL(new RegExp(`${caseUrl()}$`));
    await expect(page.getByRole('heading', { name: 'Hallo Sanne' })).toBeVisible();
  });

  for (const [role, name] of [
    ['ouder', 'Linda Bakker'],
    ['netwerklid', 'Ayşe Yılmaz'],
  ] as const) {
    const context = await browser.newContext();
    await signInParticipant(context, name);
    states[role] = await context.storageState();
    await context.close();
  }
});

interface Step {
  path: string;
  /** The one HTTP error status this step provokes on purpose (a refusal). */
  status?: number;
  /** Where that refusal answers when the step is redirected (default: `path`). */
  refusedAt?: string;
  check(page: Page): Promise<void>;
}

const heading = (page: Page, name: string | RegExp) => expect(page.getByRole('heading', { name }).first()).toBeVisible();

/**
 * A tab with a live document: its heading, and the document connected (read-only roles see "Verbonden · alleen lezen";
 * family and netwerk what they can do: "Je kunt meeschrijven…" or "Je kunt dit lezen, maar niet aanpassen", ADR 029).
 */
async function liveTab(page: Page, title: string) {
  await heading(page, title);
  await expect(page.getByRole('status').filter({ hasText: /^(Verbonden|Je kunt)/ })).toBeVisible();
}

function stepsFor(role: RoleName): Step[] {
  const professional = PROFESSIONAL_ROLES.includes(role);
  const family = FAMILY_ROLES.includes(role);
  const notFound = async (page: Page) => heading(page, 'Pagina niet gevonden');
  const accessEnded: Step = { path: '/toegang-beeindigd', status: 403, check: (page) => heading(page, 'Je toegang is beëindigd') };
  const invalidLink: Step = { path: `/l/${INVALID_TOKEN}`, status: 404, check: (page) => heading(page, 'Deze link werkt niet') };

  if (role === 'anoniem') {
    const login = async (page: Page) => {
      await expect(page).toHaveURL(/\/login/);
      await heading(page, 'Inloggen');
    };
    const wayBackOf = (path: string) => `/weer-openen?redirectTo=${encodeURIComponent(path)}`;
    const wayBack = async (page: Page) => {
      await expect(page).toHaveURL(/\/weer-openen/);
      await heading(page, 'Open het plan opnieuw');
    };
    return [
      { path: '/', check: login },
      { path: '/login', check: login },
      { path: '/casussen', check: login },
      { path: '/overzicht', check: login },
      { path: '/casussen/nieuw', check: login },
      // A bookmarked case page says how to get back in, never the professionals' login (issue 17 point 3).
      { path: caseUrl('kaart'), status: 401, refusedAt: wayBackOf(caseUrl('kaart')), check: wayBack },
      { path: caseUrl('afdrukken'), status: 401, refusedAt: wayBackOf(caseUrl('afdrukken')), check: wayBack },
      accessEnded,
      invalidLink,
      // After signing out: the offline copies go, then on to the login (ADR 037).
      { path: '/uitgelogd', check: login },
      { path: '/bestaat-niet', status: 404, check: notFound },
    ];
  }

  const start = professional
    ? async (page: Page) => {
        await expect(page).toHaveURL(/\/casussen$/);
        await heading(page, 'Mijn casussen');
        await expect(page.getByRole('link', { name: 'Gezin Bakker' })).toBeVisible();
      }
    : async (page: Page) => {
        await expect(page).toHaveURL(new RegExp(`${caseUrl()}$`));
        await heading(page, `Hallo ${FIRST_NAMES[role]}`);
      };
  // Professionals land on Mijn overzicht; family and netwerk have no such page and are sent to their case.
  const home = professional
    ? async (page: Page) => {
        await expect(page).toHaveURL(/\/overzicht$/);
        await heading(page, 'Mijn overzicht');
        await expect(page.getByRole('heading', { name: 'Gezin Bakker' })).toBeVisible();
      }
    : start;
  const steps: Step[] = [
    { path: '/', check: home },
    { path: '/login', check: home },
    { path: '/overzicht', check: home },
    { path: '/casussen', check: start },
    {
      path: caseUrl(),
      check: professional
        ? async (page) => {
            await expect(page).toHaveURL(/\/overzicht$/);
            await heading(page, 'Waar staat de casus?');
          }
        : start,
    },
    // The professional Overzicht; family and netwerk are sent to their own.
    { path: caseUrl('overzicht'), check: professional ? (page) => heading(page, 'Waar staat de casus?') : start },
    { path: caseUrl('kaart'), check: (page) => liveTab(page, 'Kaart') },
    { path: caseUrl('veiligheidsplan'), check: (page) => liveTab(page, 'Veiligheidsplan') },
    { path: caseUrl('bodemeisen'), check: (page) => liveTab(page, family ? 'Wat moet er minimaal goed gaan?' : 'Bodemeisen') },
    {
      path: caseUrl('versies'),
      check: async (page) => {
        await heading(page, 'Versies');
        await expect(page.locator('.timeline > li').first()).toBeVisible();
      },
    },
    { path: caseUrl(`versies?versie=${versionId}`), check: (page) => heading(page, /^Versie “.*” van .*\(alleen lezen\)$/) },
    { path: caseUrl(`versies?van=${versionId}&naar=nu`), check: (page) => heading(page, /^Wat is er veranderd van “.*” tot nu\?$/) },
    {
      path: caseUrl('betrokkenen'),
      check: async (page) => {
        await heading(page, 'Betrokkenen');
        if (role === 'meelezer') await expect(page.getByText('Als meelezer kun je de lijst van betrokkenen niet inzien.')).toBeVisible();
        else await expect(page.locator('[data-participant="Sophie Jansen"]')).toBeVisible();
      },
    },
    {
      path: caseUrl('casusgegevens'),
      check: professional
        ? async (page) => {
            await heading(page, 'Casusgegevens');
            await expect(page.locator('ol.trajectory')).toBeVisible();
          }
        : start,
    },
    professional ? { path: '/casussen/nieuw', check: (page) => heading(page, 'Nieuwe casus') } : { path: '/casussen/nieuw', check: start },
    { path: caseUrl('overdracht'), check: (page) => heading(page, 'Overdracht van de regie') },
    AUDIT_LOG_ROLES.includes(role)
      ? {
          path: caseUrl('logboek'),
          check: async (page) => {
            await heading(page, 'Logboek');
            await expect(page.locator('table.audit')).toBeVisible();
          },
        }
      : { path: caseUrl('logboek'), status: 404, check: notFound },
    professional ? { path: caseUrl('besluiten'), check: (page) => heading(page, 'Besluiten') } : { path: caseUrl('besluiten'), status: 404, check: notFound },
    professional
      ? { path: caseUrl('afsluiten'), check: (page) => heading(page, 'Casus afsluiten') }
      : { path: caseUrl('afsluiten'), status: 404, check: notFound },
    { path: caseUrl('meldingen'), check: (page) => heading(page, 'Berichten') },
    {
      path: caseUrl('afdrukken'),
      check: async (page) => {
        await expect(page.getByRole('heading', { level: 1 })).toContainText('Ons veiligheidsplan voor Sanne en Daan');
        await heading(page, 'Wie doet wat');
      },
    },
    accessEnded,
  ];
  // Each visit to /l/ counts against the server's per-address link limit; the family roles are the ones links are for.
  if (family) steps.push(invalidLink);
  return steps;
}

for (const [size, viewport] of Object.entries(VIEWPORTS)) {
  for (const role of ROLE_NAMES) {
    test(`alle pagina's als ${role} op een ${size} (${viewport.width} px): geen fouten in de console of het netwerk`, async ({ browser }) => {
      test.setTimeout(120_000);
      const context = await browser.newContext({ viewport, ...(role === 'anoniem' ? {} : { storageState: states[role] }) });
      const page = await context.newPage();
      const guard = watchPage(page);
      for (const step of stepsFor(role)) {
        if (step.status) guard.expectResponse(step.refusedAt ?? step.path, step.status);
        guard.leave();
        const response = await page.goto(step.path);
        await waitForHydration(page);
        await step.check(page);
        await guard.settle();
        if (step.status) {
          expect.soft(response?.status(), `${step.path}: the expected refusal`).toBe(step.status);
          expect.soft(guard.expected(), `${step.path}: the expected ${step.status} response came`).toBe(true);
        }
        expect.soft(guard.problems.splice(0), `${step.path} as ${role}`).toEqual([]);
      }
      await context.close();
      expect(guard.problems, 'after closing the page').toEqual([]);
    });
  }
}
