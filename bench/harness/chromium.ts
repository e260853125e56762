/** Headless Debian Chromium with the project's base flags (e2e/support/chromium.ts), as the e2e tests use it. */
import { chromium, type Browser } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../../e2e/support/chromium';

export function launchBenchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs, ...extraArgs] });
}
