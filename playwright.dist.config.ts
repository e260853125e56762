import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './e2e/support/chromium';
import type { CspGuardFixtures } from './e2e/support/csp-guard';

/**
 * The built app as a static host serves it (docs/deploy.md): `npm run serve:dist` with the
 * headers of public/_headers (Content-Security-Policy included), under a sub-path. Every spec
 * fails on any CSP violation in the page, its workers or the service worker (e2e-dist/support).
 * Port: E2E_DIST_PORT, else E2E_PORT + 500, so it never meets the `vite preview` of the main suite.
 */
const port = Number(process.env.E2E_DIST_PORT ?? Number(process.env.E2E_PORT ?? 4173) + 500);
export const DIST_BASE_PATH = '/lora-dataset-generator/';

export default defineConfig<Pick<CspGuardFixtures, 'cspServerReports'>>({
  testDir: './e2e-dist',
  testMatch: '**/*.spec.ts',
  outputDir: `test-results/dist-${port}`,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}${DIST_BASE_PATH}`,
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
    // Traces only when a test is retried: recording every action of every test costs CPU the suite needs.
    trace: 'on-first-retry',
    // serve-dist --csp-reports collects the browser's violation reports; the guard reads them.
    cspServerReports: true,
  },
  webServer: {
    command: `node scripts/serve-dist.mjs --port ${port} --host 127.0.0.1 --base ${DIST_BASE_PATH} --csp-reports`,
    url: `http://127.0.0.1:${port}${DIST_BASE_PATH}`,
    // Always this repo's server on the current dist/, never whatever else listens on the port.
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
