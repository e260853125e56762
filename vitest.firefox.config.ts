import { defineConfig } from 'vitest/config';

/**
 * The Firefox smoke run (`npm run test:firefox`, part of `npm test` after the build): one file,
 * journeys in order in one browser profile, against the built app.
 */
export default defineConfig({
  test: {
    include: ['e2e/firefox/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
