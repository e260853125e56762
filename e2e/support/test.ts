/** The Playwright `test` with the Claude stand-in as a fixture (one fresh server per test) and the CSP guard. */
import { test as base } from '@playwright/test';
import { startClaudeStandIn, type ClaudeStandIn } from '../fixtures/claude-server';
import { cspGuardFixtures, type CspGuardFixtures } from './csp-guard';
import { paintStyleImage } from './png';
import type { TestFile } from './app';

export const test = base.extend<{ claude: ClaudeStandIn } & CspGuardFixtures>({
  ...cspGuardFixtures,
  // eslint-disable-next-line no-empty-pattern
  claude: async ({}, use) => {
    const server = await startClaudeStandIn();
    await use(server);
    await server.close();
  },
});
export { expect } from '@playwright/test';

export function styleImages(count: number): TestFile[] {
  return Array.from({ length: count }, (_, index) => ({
    name: `style-${index + 1}.png`,
    mimeType: 'image/png',
    buffer: paintStyleImage(index + 1),
  }));
}

export { TEST_API_KEY, TEST_SREF } from './test-constants';
