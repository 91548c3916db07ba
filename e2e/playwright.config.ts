import { defineConfig } from '@playwright/test';

/**
 * Journeys: Playwright in a real Chromium against the demo storefront, served by the
 * built edge in real workerd (`npm run build` first). One demo for the whole run,
 * started by global-setup.ts; its URL reaches the workers as KAIROS_E2E_URL.
 *
 *   npx playwright test -c e2e/playwright.config.ts
 */
export default defineConfig({
  testDir: 'journeys',
  testMatch: '**/*.spec.ts',
  globalSetup: './support/global-setup.ts',
  // Two cores: two workers, journeys of one file spread over both.
  workers: 2,
  fullyParallel: true,
  retries: 0,
  // Every wait inside a journey is bounded well below this.
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  // Failure artifacts: the screenshot and trace of a failing journey.
  outputDir: '../test-results/e2e',
  projects: [
    // proxy.spec.ts needs the demo in proxy mode: playwright.proxy.config.ts runs it.
    { name: 'journeys', testIgnore: ['**/resilience.spec.ts', '**/unload.spec.ts', '**/proxy.spec.ts'] },
    // 200 page loads: after the journeys, on their own, so they do not starve the journeys'
    // 5 s budgets (and nothing else takes the CPU the budget journeys then time).
    { name: 'unload', testMatch: '**/unload.spec.ts', dependencies: ['journeys'], fullyParallel: false },
    // The budget journeys time the page in milliseconds: they run last, one at a time, so the
    // other journeys' browsers do not take the CPU they are timing.
    { name: 'budget', testMatch: '**/resilience.spec.ts', dependencies: ['unload'], fullyParallel: false },
  ],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.KAIROS_CHROMIUM || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
    },
  },
});
