import type { BrowserContext, Page } from '@playwright/test';
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
  await page.goto('/login');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL(/\/casussen/);
}


/** Signs a browser context in as a family/netwerk participant of the demo case. */
export async function signInParticipant(context: BrowserContext, name: string) {
  const cookie = await participantCookie(process.env.E2E_DATABASE_PATH!, process.env.E2E_CASE_ID!, name, E2E_SESSION_SECRET);
  await context.addCookies([{ ...cookie, url: process.env.E2E_BASE_URL!, httpOnly: true, sameSite: 'Lax' }]);
}
