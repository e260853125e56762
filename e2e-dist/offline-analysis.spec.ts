/**
 * Offline on the served dist/ under its CSP: download the tiny model (download + hash workers),
 * analyse on WASM (inference worker: ONNX Runtime with its bundled glue, xgrammar), export. The
 * runtime kept for offline use is the .wasm alone: no separate glue script, no blob: import.
 */
import { prepareOfflineProject, waitForAnalysis } from '../e2e/support/offline-actions';
import { analyze, exportAs, goToStep } from '../e2e/support/app';
import { TEST_SREF } from '../e2e/support/test';
import { expect, test } from './support/test';

test.setTimeout(240_000);

test('offline download and analysis on WASM', async ({ page, hub }) => {
  await prepareOfflineProject(page, hub.url);
  await analyze(page);
  await waitForAnalysis(page);
  await goToStep(page, '4. Export');
  const json = await exportAs(page, 'Download JSON');
  expect(JSON.parse(json.text).sref_code).toBe(TEST_SREF);
  const runtime = await page.evaluate(async () => (await (await caches.open('onnx-runtime')).keys()).map((request) => new URL(request.url).pathname));
  expect(runtime).toEqual([expect.stringMatching(/\/assets\/ort-wasm-simd-threaded\.asyncify-[\w-]+\.wasm$/)]);
});
