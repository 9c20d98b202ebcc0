/** Browser tests drive the Chromium already on the machine (scripts/check-browser.ts); browsers are never downloaded. */
import { defineConfig } from '@playwright/test';
import { chromiumPath } from './scripts/check-browser';

export default defineConfig({
  testDir: 'tests/e2e',
  globalSetup: './tests/e2e/global-setup.ts',
  workers: 1,
  reporter: [['list']],
  timeout: 30_000,
  use: {
    headless: true,
    locale: 'nl-NL',
    launchOptions: {
      executablePath: chromiumPath(),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
});
