/**
 * The Offline journey: download the (tiny) model in Settings, analyse on this device (WASM: no
 * WebGPU adapter in this Chromium), get a valid spec in the editor, export it. While the analysis
 * runs, the app talks to no origin but its own.
 *
 * It runs on the served dist/ with the production headers (the one run of this long journey):
 * the download and hash workers, the inference worker (ONNX Runtime with its bundled glue,
 * xgrammar) and the service worker all work under the CSP, and the runtime kept for offline use
 * is the .wasm alone (no separate glue script, no blob: import).
 */
import { countJobs } from '../src/domain/permutations';
import { DatasetSpecificationSchema, JOBS_PER_BATCH } from '../src/domain/schema';
import { validateSpecification } from '../src/domain/validate';
import { analysisProgress, expect, originsDuring, prepareOfflineProject, test, waitForAnalysis } from '../e2e/support/offline-actions';
import { analyze, exportAs, goToStep } from '../e2e/support/app';
import { TEST_SREF } from '../e2e/support/test';

test.setTimeout(240_000);

test('download the model, analyse offline on WASM, edit and export a valid spec', async ({ page, hub }) => {
  await prepareOfflineProject(page, hub.url);

  const appOrigin = new URL(page.url()).origin;
  const hubRequestsBefore = hub.requests.length;
  const origins = await originsDuring(page, async () => {
    await analyze(page);
    // Progress comes from the worker: model loading, then tokens with a rate.
    await expect(analysisProgress(page)).toContainText(/Loading the offline model|Analysing with the offline model/);
    await expect(analysisProgress(page)).toContainText(/\d+ tokens · [\d.]+ tokens\/s/, { timeout: 120_000 });
    await waitForAnalysis(page);
  });
  expect([...origins]).toEqual([appOrigin]);
  expect(hub.requests.length).toBe(hubRequestsBefore);

  await expect(page.getByText(/All (8|9|10) batches are valid/)).toBeVisible();
  await goToStep(page, '2. Analysis');
  await expect(page.locator('.analysis-meta')).toContainText('Offline');
  await expect(page.locator('.analysis-meta')).toContainText('wasm');
  await expect(page.locator('.analysis-meta')).toContainText('Qwen2-VL 2B Instruct (fp32)');

  await goToStep(page, '4. Export');
  const json = await exportAs(page, 'Download JSON');
  const spec = DatasetSpecificationSchema.parse(JSON.parse(json.text));
  expect(spec.sref_code).toBe(TEST_SREF);
  expect(spec.permutation_batches.length).toBeGreaterThanOrEqual(8);
  expect(spec.permutation_batches.length).toBeLessThanOrEqual(10);
  for (const batch of spec.permutation_batches) {
    expect(countJobs(batch.prompt)).toBe(JOBS_PER_BATCH);
    expect(batch.prompt.endsWith(`--sref ${TEST_SREF}`)).toBe(true);
  }
  expect(validateSpecification(spec, { srefCode: TEST_SREF }).errors).toEqual([]);

  const runtime = await page.evaluate(async () => (await (await caches.open('onnx-runtime')).keys()).map((request) => new URL(request.url).pathname));
  expect(runtime).toEqual([expect.stringMatching(/\/assets\/ort-wasm-simd-threaded\.asyncify-[\w-]+\.wasm$/)]);
});
