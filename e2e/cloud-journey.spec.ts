/**
 * The whole Cloud journey a user takes: upload, analyse with Claude, edit a batch, export every
 * format (checking the files), reload and find everything as it was. Along the way, every request
 * the app makes must go to the app's own origin or the configured API host, nowhere else.
 */
import { analyze, chooseImages, continueToBatches, enterSref, exportAs, goToStep, openApp, useCloud } from './support/app';
import { expect, styleImages, test, TEST_API_KEY, TEST_SREF } from './support/test';

test('upload, analyse with Claude, edit, export, reload restores', async ({ page, claude }) => {
  const origins = new Set<string>();
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol.startsWith('http')) origins.add(url.origin);
  });

  await openApp(page);
  await useCloud(page, { apiKey: TEST_API_KEY, endpoint: claude.url });

  await goToStep(page, '1. Images');
  await enterSref(page, TEST_SREF);
  await chooseImages(page, styleImages(4));
  await expect(page.getByRole('list', { name: 'Style images' }).getByRole('listitem')).toHaveCount(4);
  await page.getByRole('button', { name: 'Continue to analysis' }).click();

  await analyze(page);
  // Results first: the style analysis, focused, then on to the batches.
  await expect(page.getByRole('tab', { name: '2. Analysis' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('heading', { name: 'Colour palette' })).toBeVisible();
  await continueToBatches(page);
  await expect(page.getByText('All 8 batches are valid')).toBeVisible();

  // What Claude received: one image block per image, the schema, the key in a header only.
  const analysis = claude.requests.find((request) => request.path === '/v1/messages');
  const body = analysis?.body as { messages: { content: { type: string }[] }[]; output_config?: unknown };
  expect(body.messages[0]!.content.filter((block) => block.type === 'image')).toHaveLength(4);
  expect(body.output_config).toBeTruthy();
  expect(JSON.stringify(body)).not.toContain(TEST_API_KEY);

  // Edit batch 1: rename it and break then fix its count, watching the live counter.
  const prompt = page.getByLabel('Permutation prompt').first();
  const original = await prompt.inputValue();
  await prompt.fill(original.replace(/\{([^,}]+),/, '{'));
  await expect(page.getByLabel('Jobs in batch 1')).not.toHaveText('40 / 40 jobs');
  await expect(page.getByText(/error/).first()).toBeVisible();
  await prompt.fill(original);
  await expect(page.getByLabel('Jobs in batch 1')).toHaveText('40 / 40 jobs');
  await page.getByLabel('Name', { exact: true }).first().fill('Foxes and friends');
  await page.getByRole('button', { name: 'Duplicate batch 1' }).click();
  await page.getByRole('button', { name: 'Remove batch 9' }).click();
  await expect(page.getByText('All 8 batches are valid')).toBeVisible();

  await page.getByRole('button', { name: 'Continue to export' }).click();
  const json = await exportAs(page, 'Download JSON');
  expect(json.name).toMatch(/\.json$/);
  const spec = JSON.parse(json.text);
  expect(spec.permutation_batches).toHaveLength(8);
  expect(spec.permutation_batches[0].batch_name).toBe('Foxes and friends');
  expect(spec.sref_code).toBe(TEST_SREF);
  // The palette is measured from the pixels (the test images are painted in four known colours).
  const palette = spec.style_analysis.color_palette as { hex: string; share: number }[];
  expect(palette.every((color) => typeof color.share === 'number')).toBe(true);
  const rgb = (hex: string) => [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16));
  const near = (hex: string, target: number[]) => rgb(hex).every((value, channel) => Math.abs(value - target[channel]!) <= 12);
  for (const painted of [[29, 43, 79], [240, 120, 96], [246, 213, 163], [47, 143, 139]]) {
    expect(palette.some((color) => near(color.hex, painted)), `palette has ${painted}`).toBe(true);
  }

  const markdown = await exportAs(page, 'Download Markdown');
  expect(markdown.text).toContain('Foxes and friends');
  expect(markdown.text).toContain(`--sref ${TEST_SREF}`);

  const prompts = await exportAs(page, 'Download Prompt list');
  expect(prompts.text.trim().split('\n')).toHaveLength(8);

  const csv = await exportAs(page, 'Download CSV of jobs');
  expect(csv.text.trim().split('\n')).toHaveLength(1 + 8 * 40);

  await page.getByLabel('Midjourney plan').selectOption('basic');
  const split = await exportAs(page, 'Download split prompts');
  const splitPrompts = split.text.split('\n').filter((line) => line.includes('--sref'));
  expect(splitPrompts).toHaveLength(8 * 10);

  // Reload: same project, same step, same edits.
  await page.reload();
  await expect(page.getByRole('tab', { name: '4. Export' })).toHaveAttribute('aria-selected', 'true');
  await goToStep(page, '3. Batches');
  await expect(page.getByLabel('Name', { exact: true }).first()).toHaveValue('Foxes and friends');
  await goToStep(page, '1. Images');
  await expect(page.getByRole('list', { name: 'Style images' }).getByRole('listitem')).toHaveCount(4);
  await expect(page.getByLabel('Style reference (--sref)')).toHaveValue(TEST_SREF);

  const appOrigin = new URL(page.url()).origin;
  expect([...origins].sort()).toEqual([appOrigin, new URL(claude.url).origin].sort());
});
