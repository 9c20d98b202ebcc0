import { defineConfig } from '@playwright/test';

/** Browser tests drive Debian's Chromium; browsers are never downloaded. */
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
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
});
