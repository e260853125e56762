/**
 * Stopping time in a test. Two facts about Playwright's clock (its docs say the first; both were
 * checked on Playwright 1.65 with a 100 ms timer in two tabs of one context):
 * - it belongs to the browser context: every tab of the context shares one clock, so
 *   `page.clock.runFor()` fires the due timers of the other tabs too;
 * - after `install()` it still follows real time; only `pauseAt()` stops it.
 */
import type { Page } from '@playwright/test';

/** Installs the context's fake clock if needed and stops it: no timer in any tab fires until the test runs the clock. */
export async function freezeClock(page: Page, options: { installed?: boolean } = {}): Promise<void> {
  if (!options.installed) await page.clock.install();
  // pauseAt() refuses a time the (still flowing) clock has passed; a little ahead is what a
  // slightly slower test would have seen anyway.
  for (let attempt = 0; ; attempt += 1) {
    const now = await page.evaluate(() => Date.now());
    try {
      await page.clock.pauseAt(now + 20);
      return;
    } catch (error) {
      if (attempt >= 5 || !String(error).includes('to the past')) throw error;
    }
  }
}
