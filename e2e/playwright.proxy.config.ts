import { defineConfig } from '@playwright/test';
import base from './playwright.config.ts';

// Read by the global setup (it starts the demo in proxy mode) and, through the environment,
// by the journeys' workers.
process.env.KAIROS_E2E_PROXY = '1';

/**
 * The journeys against the demo in proxy mode (edge rendering: `KAIROS_PROXY=1`): the
 * same built demo in real workerd, its pages fetched and their slots filled by the edge
 * as they stream. The journeys that time the SDK's budget or load pages by the hundred
 * (resilience, unload) are left to the main config; proxy.spec.ts runs only here.
 *
 *   npm run test:e2e:proxy      (part of npm test; after npm run build)
 */
export default defineConfig({
  ...base,
  outputDir: '../test-results/e2e-proxy',
  // One worker: the way these journeys were proven (about 1.6 min); the main config keeps two.
  workers: 1,
  projects: [{ name: 'proxy', testIgnore: ['**/resilience.spec.ts', '**/unload.spec.ts'] }],
});
