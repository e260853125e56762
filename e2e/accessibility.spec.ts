/**
 * Every view on a phone (360 px), a tablet (768 px) and a desktop (1280 px), in light and dark:
 * axe-core finds no critical, serious or moderate violations, nothing is wider than the screen,
 * and on a phone the header folds into a menu and cards stack in one column. A full-page
 * screenshot of every view is written to the test's output folder for a person to look at.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { goToStep, openApp, openPage } from './support/app';
import { expect, test } from './support/test';
import type { Page, TestInfo } from '@playwright/test';

const WIDTHS = [360, 768, 1280] as const;
const REPORTED_IMPACTS = new Set(['critical', 'serious', 'moderate']);

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's violations, impact moderate or worse. axe is evaluated into the page once (the app
 * routes without reloading) rather than on every check as AxeBuilder does: this test checks 48
 * views, and re-injecting axe was a third of its time.
 */
async function axeViolations(page: Page, options: { contrast: boolean }): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(
    (contrast) =>
      (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact?: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe
        .run(document, { resultTypes: ['violations'], rules: { 'color-contrast': { enabled: contrast } } })
        .then((results) => results.violations.map((violation) => ({ id: violation.id, impact: violation.impact ?? '', targets: violation.nodes.map((node) => node.target.join(' ')) }))),
    options.contrast,
  );
  return violations.filter((violation) => REPORTED_IMPACTS.has(violation.impact)).map((violation) => `${violation.impact} ${violation.id}: ${violation.targets.join(', ')}`);
}

/** Elements sticking out past the right edge of the screen (ignoring those inside a scroll box). */
async function overflowingElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const insideScroller = (element: Element) => {
      for (let parent = element.parentElement; parent; parent = parent.parentElement) {
        const overflow = getComputedStyle(parent).overflowX;
        if (overflow === 'auto' || overflow === 'scroll' || overflow === 'hidden') return true;
      }
      return false;
    };
    const found = [...document.querySelectorAll('body *')]
      .filter((element) => element.getBoundingClientRect().right > width + 1 && !insideScroller(element))
      .map((element) => `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}.${[...element.classList].join('.')} "${(element.textContent ?? '').slice(0, 30)}"`);
    if (document.documentElement.scrollWidth > width) found.unshift(`page is ${document.documentElement.scrollWidth} px wide`);
    return found;
  });
}

/** Colour contrast depends on the theme, not the width: it is checked once per theme, at 1280 px. */
async function checkView(page: Page, testInfo: TestInfo, name: string, contrast = page.viewportSize()?.width === 1280): Promise<void> {
  expect(await axeViolations(page, { contrast }), `${name}: accessibility`).toEqual([]);
  expect(await overflowingElements(page), `${name}: wider than the screen`).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath(`${name.replace(/\W+/g, '-')}.png`), fullPage: true });
}

for (const scheme of ['light', 'dark'] as const) {
  for (const width of WIDTHS) {
    test(`every view at ${width} px, ${scheme}: accessible and within the screen`, async ({ page }, testInfo) => {
      test.slow(); // eight views, each run through axe
      await page.setViewportSize({ width, height: 800 });
      await page.emulateMedia({ colorScheme: scheme });
      await openApp(page);
      await checkView(page, testInfo, 'new project');

      await openPage(page, 'Projects');
      await page.getByRole('button', { name: 'Open the example project' }).click();
      await expect(page.getByText('All 8 batches are valid')).toBeVisible();
      await checkView(page, testInfo, 'batches');
      for (const step of ['1. Images', '2. Analysis', '4. Export'] as const) {
        await goToStep(page, step);
        await checkView(page, testInfo, step);
      }
      if (width === 360) {
        // Cards stack: every card of the analysis starts at the same left edge.
        await goToStep(page, '2. Analysis');
        const lefts = await page.locator('.card-grid > *').evaluateAll((cards) => cards.map((card) => Math.round(card.getBoundingClientRect().left)));
        expect(lefts.length).toBeGreaterThan(2);
        expect(new Set(lefts).size).toBe(1);
      }
      for (const view of ['Projects', 'Training set', 'Settings'] as const) {
        await openPage(page, view);
        await expect(page.getByRole('heading', { level: 2, name: view })).toBeVisible();
        await checkView(page, testInfo, view);
      }
    });
  }
}

test('on a phone the header is one row and its links fold into a menu that works by keyboard', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await openApp(page);
  const menu = page.getByRole('button', { name: 'Menu' });
  const settingsLink = page.getByRole('link', { name: 'Settings' });
  await expect(settingsLink).toBeHidden();
  const brand = await page.getByRole('heading', { level: 1 }).boundingBox();
  const button = await menu.boundingBox();
  expect(Math.abs(brand!.y + brand!.height / 2 - (button!.y + button!.height / 2))).toBeLessThan(8);

  await menu.focus();
  await page.keyboard.press('Enter');
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(settingsLink).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(settingsLink).toBeHidden();
  await expect(menu).toBeFocused();

  await menu.click();
  await settingsLink.click();
  await expect(page.getByRole('heading', { level: 2, name: 'Settings' })).toBeVisible();
  await expect(settingsLink).toBeHidden();

  await page.setViewportSize({ width: 1280, height: 740 });
  await expect(menu).toBeHidden();
  await expect(settingsLink).toBeVisible();
});
