/**
 * Shared helpers of the browser tests: signing in as a demo role, a fresh
 * personal link of the demo case, and page
 * guards that turn foreign requests, CSP violations, console errors and failed
 * requests into test failures. They only observe; they never change the app.
 */
import { expect, type Browser, type BrowserContext, type Page, type Request } from '@playwright/test';
import { DEMO_PROFESSIONALS } from '../../server/demo/demoCase.server';
import { E2E_SESSION_SECRET } from '../support/e2eConfig';
import { participantCookie } from '../support/participantSession';

/** Fails the test on any request to another host and on any CSP violation. */
export function guardPage(page: Page) {
  const foreign: string[] = [];
  const cspErrors: string[] = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (!['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) return;
    if (url.origin !== new URL(process.env.E2E_BASE_URL!).origin) foreign.push(req.url());
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) cspErrors.push(msg.text());
  });
  return { foreign, cspErrors };
}

export async function loginAs(page: Page, who: keyof typeof DEMO_PROFESSIONALS) {
  const { email, password } = DEMO_PROFESSIONALS[who];
  await loginWith(page, email, password);
}

export async function loginWith(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  // Professionals land on Mijn overzicht (or on the page they asked for).
  await page.waitForURL(/\/overzicht|\/casussen/);
}

/** Resolves once React has hydrated the current document (app/root.tsx sets the marker in an effect). */
export async function waitForHydration(page: Page) {
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
}

/** React reports hydration and render problems as console errors; some (dev builds, act) as warnings. */
const REACT_PROBLEM = /Minified React error|Warning: |hydrat|did not match/i;

/**
 * Collects everything that should never happen on a page: console errors,
 * React problems logged as warnings, uncaught page errors, failed requests,
 * and HTTP responses of 400 or more. `expectResponse` allows exactly one such
 * response (and Chromium's console line about it) for a refusal a test
 * deliberately provokes; `expected()` tells whether it came. A request of the
 * old page that was running when the test itself left it (`leave()`), or that
 * the old page started before the next document replaced it, and that this
 * navigation aborted, is the test's doing, not the app's: it is listed in
 * `abortedByLeaving`, not in `problems`.
 */
export function watchPage(page: Page) {
  const problems: string[] = [];
  const abortedByLeaving: string[] = [];
  const inFlight = new Set<Request>();
  let leaving = new Set<Request>();
  let leavingNow = false;
  /** Which document of the main frame a request belongs to: a later document means the page was left. */
  let documentNumber = 0;
  const startedIn = new WeakMap<Request, number>();
  let allowed: { path: string; status: number; seen: number } | null = null;
  const origin = new URL(process.env.E2E_BASE_URL!).origin;
  const pathOf = (url: string) => {
    const u = new URL(url);
    return u.origin === origin ? u.pathname + u.search : url;
  };
  const isAllowed = (url: string, status: number) => allowed !== null && allowed.path === pathOf(url) && allowed.status === status;
  page.on('console', (msg) => {
    const text = msg.text();
    const where = msg.location().url ? ` (${pathOf(msg.location().url)})` : '';
    if (msg.type() === 'error') {
      const status = /^Failed to load resource: the server responded with a status of (\d+)/.exec(text);
      if (status && isAllowed(msg.location().url, Number(status[1]))) return;
      problems.push(`console error: ${text}${where}`);
    } else if (msg.type() === 'warning' && REACT_PROBLEM.test(text)) {
      problems.push(`console warning: ${text}${where}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    inFlight.add(request);
    startedIn.set(request, documentNumber);
    if (leavingNow && !request.isNavigationRequest()) leaving.add(request);
  });
  // The next document has replaced the old page: from now on its requests are the app's again.
  page.on('framenavigated', (frame) => {
    if (frame !== page.mainFrame()) return;
    leavingNow = false;
    documentNumber++;
  });
  page.on('requestfinished', (request) => inFlight.delete(request));
  page.on('requestfailed', (request) => {
    inFlight.delete(request);
    const line = `${request.method()} ${pathOf(request.url())} ${request.failure()?.errorText ?? ''}`;
    // Aborted because the page it belonged to was left (by the test, or by a form post it made): not the app's failure.
    const navigating = [...inFlight].some((r) => r.isNavigationRequest() && r.frame() === page.mainFrame());
    const pageWasLeft = leaving.has(request) || (!request.isNavigationRequest() && (navigating || (startedIn.get(request) ?? documentNumber) < documentNumber));
    if (pageWasLeft && request.failure()?.errorText === 'net::ERR_ABORTED') abortedByLeaving.push(line);
    else problems.push(`request failed: ${line}`);
  });
  page.on('response', (response) => {
    if (response.status() < 400) return;
    if (isAllowed(response.url(), response.status()) && allowed!.seen === 0) {
      allowed!.seen += 1;
      return;
    }
    problems.push(`HTTP ${response.status()}: ${response.request().method()} ${pathOf(response.url())}`);
  });
  return {
    problems,
    abortedByLeaving,
    /** Resolves once no request of the page is running (e.g. a revalidation after the live document connected). */
    async settle() {
      await expect.poll(() => inFlight.size).toBe(0);
    },
    /** Call right before the test navigates away: requests running now may be aborted by that. */
    leave() {
      leaving = new Set([...inFlight].filter((r) => !r.isNavigationRequest()));
      leavingNow = true;
    },
    /** Allows one response with this status for this path (and search), replacing any earlier allowance. */
    expectResponse(path: string, status: number) {
      allowed = { path, status, seen: 0 };
    },
    /** True when the allowed response came; clears the allowance. */
    expected(): boolean {
      const seen = allowed?.seen === 1;
      allowed = null;
      return seen;
    },
  };
}

/** Signs a browser context in as a family/netwerk participant of the demo case. */
export async function signInParticipant(context: BrowserContext, name: string) {
  const cookie = await participantCookie(process.env.E2E_DATABASE_PATH!, process.env.E2E_CASE_ID!, name, E2E_SESSION_SECRET);
  await context.addCookies([{ ...cookie, url: process.env.E2E_BASE_URL!, httpOnly: true, sameSite: 'Lax' }]);
}

/**
 * Opens a personal link as its person (ADR 037): the page asks "Ben jij …?",
 * the code goes in the same form when the link has one, and "Ja, dat ben ik"
 * signs in. Already signed in as that person, the link goes straight on.
 */
export async function openPersonalLink(page: Page, url: string, code?: string) {
  await page.goto(url);
  if (!new URL(page.url()).pathname.startsWith('/l/')) return;
  if (code) await page.getByLabel('Toegangscode').fill(code);
  await page.getByRole('button', { name: 'Ja, dat ben ik' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/l/'));
}

/** A path in the demo case: `/casussen/<id>` or one of its tabs. */
export const demoCaseUrl = (tab = '') => `/casussen/${process.env.E2E_CASE_ID}${tab ? `/${tab}` : ''}`;

/** A fresh personal link for one family or netwerk member of the demo case, made by the jeugdbeschermer on Betrokkenen. */
export async function demoLinkFor(browser: Browser, name: string): Promise<string> {
  const context = await browser.newContext();
  const pro = await context.newPage();
  await loginAs(pro, 'jeugdbeschermer');
  await pro.goto(demoCaseUrl('betrokkenen'));
  await pro
    .locator(`[data-participant="${name}"]`)
    .getByRole('button', { name: new RegExp(`link (maken|voor) .*${name}`, 'i') })
    .click();
  const url = (await pro.locator('.link-box .link-url').first().textContent())!.trim();
  await context.close();
  return url;
}
