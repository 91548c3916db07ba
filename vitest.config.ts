import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['sdk/src/**/*.test.ts', 'sdk/test/**/*.test.ts', 'edge-worker/src/**/*.test.ts', 'edge-worker/test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', 'e2e/**'],
    testTimeout: 20_000,
    // The fuzz suites force a GC to check that memory stays flat.
    execArgv: ['--expose-gc'],
    hookTimeout: 60_000,
  },
});
