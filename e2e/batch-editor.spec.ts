/**
 * The batch editor with hostile prompts and a long list: a prompt of ten billion jobs is counted
 * (with separators), explained instead of expanded, and never breaks the card or the export
 * totals; an unclosed group reports its syntax error alone; cards collapse, a jump list reaches
 * any batch, a filter shows the batches with errors; long unbroken words stay inside the cards.
 */
import type { Page } from '@playwright/test';
import { EXAMPLE_SPEC, EXAMPLE_SREF } from '../src/domain/example-spec';
import { goToStep, openApp, openPage } from './support/app';
import { expect, test } from './support/test';

/** Ten groups of ten options: 10^10 jobs. */
const TEN_BILLION_JOBS = `${Array.from({ length: 10 }, (_, group) => `{${Array.from({ length: 10 }, (_, option) => `w${group}${option}`).join(', ')}}`).join(' ')} --sref ${EXAMPLE_SREF}`;
const FIRST_PROMPT = EXAMPLE_SPEC.permutation_batches[0]!.prompt;

async function openExampleBatches(page: Page): Promise<void> {
  await openApp(page);
  await openPage(page, 'Projects');
  await page.getByRole('button', { name: 'Open the example project' }).click();
  await expect(page.getByText('All 8 batches are valid')).toBeVisible();
}

const batchCard = (page: Page, number: number) => page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: new RegExp(`^Batch ${number}:`) }) });

test('a prompt of ten billion jobs is counted, explained and never breaks the card or the totals', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await openExampleBatches(page);

  const card = batchCard(page, 1);
  await card.getByLabel('Permutation prompt').fill(TEN_BILLION_JOBS);
  await expect(page.getByLabel('Jobs in batch 1')).toHaveText('10,000,000,000 / 40 jobs');
  await expect(card.getByText('The prompt expands to 10,000,000,000 jobs; a batch needs exactly 40')).toBeVisible();

  await card.getByRole('button', { name: 'Preview jobs' }).click();
  await expect(card.getByText('This prompt expands to 10,000,000,000 jobs, too many to list (at most 100,000).')).toBeVisible();

  // Fixed, the same open preview lists the jobs: no reload needed.
  await card.getByLabel('Permutation prompt').fill(FIRST_PROMPT);
  await expect(page.getByLabel('Jobs in batch 1')).toHaveText('40 / 40 jobs');
  await expect(card.getByRole('list', { name: 'Jobs of batch 1' }).getByRole('listitem')).toHaveCount(40);

  await card.getByLabel('Permutation prompt').fill(TEN_BILLION_JOBS);
  await goToStep(page, '4. Export');
  const summaryValue = (term: string) => page.locator('.summary div', { has: page.getByRole('term').getByText(term, { exact: true }) }).getByRole('definition');
  await expect(summaryValue('Jobs')).toHaveText('10,000,000,280');
  await expect(summaryValue('Images generated (4 per job)')).toHaveText('40,000,001,120');
  await expect(page.getByRole('note', { name: 'Not in the totals' })).toContainText('Batch 1 is too large to split for a plan; its jobs are counted, its prompt is written unsplit.');
  expect(pageErrors).toEqual([]);
});

test('the export summary tells the images generated from the images to keep for training', async ({ page }) => {
  await openExampleBatches(page);
  await goToStep(page, '4. Export');
  const summaryValue = (term: string) => page.locator('.summary div', { has: page.getByRole('term').getByText(term, { exact: true }) }).getByRole('definition');
  await expect(summaryValue('Images generated (4 per job)')).toHaveText('1,280');
  await expect(summaryValue('Images to keep for training')).toHaveText(String(EXAMPLE_SPEC.training_recommendations.recommended_dataset_size));
  await expect(page.getByText('The recommended dataset size is what you train on: the best 60 images of the 1,280 the batches generate.')).toBeVisible();
});

test('an unclosed group reports its syntax error, not a missing --sref', async ({ page }) => {
  await openExampleBatches(page);
  const card = batchCard(page, 2);
  await card.getByLabel('Permutation prompt').fill(`{a, b with {x, y} --sref ${EXAMPLE_SREF}`);
  await expect(page.getByLabel('Jobs in batch 2')).toHaveText('syntax error');
  await expect(card.locator('.issue-error')).toHaveText(["Unclosed '{' at position 0: add a matching '}'."]);
});

test('cards collapse, the jump list reaches any batch, and a filter shows the batches with errors', async ({ page }) => {
  await openExampleBatches(page);
  const batches = page.getByRole('navigation', { name: 'Batches' });

  await batches.getByRole('button', { name: 'Collapse all' }).click();
  await expect(page.getByRole('textbox', { name: 'Permutation prompt' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Details of batch 5' })).toHaveAttribute('aria-expanded', 'false');

  await batches.getByRole('button', { name: new RegExp(`^5\\. ${EXAMPLE_SPEC.permutation_batches[4]!.batch_name}`) }).click();
  await expect(page.getByRole('heading', { name: /^Batch 5:/ })).toBeFocused();
  await expect(batchCard(page, 5).getByRole('textbox', { name: 'Permutation prompt' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Permutation prompt' })).toHaveCount(1);

  await batches.getByRole('button', { name: 'Expand all' }).click();
  await expect(page.getByRole('textbox', { name: 'Permutation prompt' })).toHaveCount(8);
  const third = batchCard(page, 3).getByRole('textbox', { name: 'Permutation prompt' });
  await third.fill('{a, b} --sref 3141592653');
  await expect(batches.getByRole('button', { name: /^3\. .*\(\d+ errors?\)$/ })).toBeVisible();

  await batches.getByRole('checkbox', { name: 'Only batches with errors (1)' }).check();
  await expect(page.getByRole('heading', { name: /^Batch \d+:/ })).toHaveCount(1);
  await expect(page.getByText('Showing 1 of 8 batches.')).toBeVisible();
  // Fixed while filtered, the card stays until the filter is turned off.
  await third.fill(EXAMPLE_SPEC.permutation_batches[2]!.prompt);
  await expect(page.getByText('All 8 batches are valid')).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Batch \d+:/ })).toHaveCount(1);
  await batches.getByRole('checkbox', { name: 'Only batches with errors (0)' }).uncheck();
  await expect(page.getByRole('heading', { name: /^Batch \d+:/ })).toHaveCount(8);
});

test('long unbroken words wrap inside their cards on a phone', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await openExampleBatches(page);
  const card = batchCard(page, 1);
  const longWord = 'Supercalifragilisticexpialidocious'.repeat(2);
  await card.getByLabel('Name').fill(longWord);
  await card.getByLabel('Notes').fill(longWord);
  await expect(page.getByRole('heading', { name: `Batch 1: ${longWord}` })).toBeVisible();
  const overflow = await card.evaluate((element) => ({ scroll: element.scrollWidth, client: element.clientWidth, page: document.documentElement.scrollWidth }));
  expect(overflow.scroll).toBeLessThanOrEqual(overflow.client);
  expect(overflow.page).toBeLessThanOrEqual(360);
  await batchCard(page, 1).getByRole('button', { name: 'Details of batch 1' }).click();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});
