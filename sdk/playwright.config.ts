import { defineConfig } from '@playwright/test';

/** The SDK's behaviour in a real Chromium: slots, storage, consent, events, CSP. */
/** The UA of the Chromium these tests run, as a browser with a screen sends it. */
export const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';

export default defineConfig({
  testDir: 'test/browser',
  testMatch: '**/*.spec.ts',
  globalSetup: './test/browser/global-setup.ts',
  workers: 2,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list']],
  outputDir: '../test-results/sdk',
  use: {
    // A browser's UA: headless Chromium's own says HeadlessChrome, which the edge rightly takes for a bot.
    userAgent: BROWSER_UA,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.KAIROS_CHROMIUM || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
    },
  },
});
