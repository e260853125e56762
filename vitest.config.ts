import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'workers/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    // Vitest's default leaves one core idle (cores - 1: a single worker on a 2-core machine); the
    // offline suites are CPU-bound and split over files so that every core takes a share.
    maxWorkers: availableParallelism(),
  },
});
