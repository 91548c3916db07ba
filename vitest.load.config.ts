import { defineConfig } from 'vitest/config';

// `npm run test:load`: the bounded load test, apart from `npm test` for its length.
export default defineConfig({
  test: {
    include: ['edge-worker/test/load/**/*.load.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    hookTimeout: 60_000,
  },
});
