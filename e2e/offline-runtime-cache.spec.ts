/**
 * `warmUp()` (what the app calls once a model is downloaded) stores everything the offline
 * analysis needs besides the model: after it, with the network off, an analysis completes and
 * nothing is fetched, not even from the app's own origin.
 */
import { downloadModel, expect, openHarness, preparedImages, test, unwrap } from './offline-harness/harness-fixture';

const REPO = 'onnx-community/tiny-random-Qwen2-VL';
const SREF = '1234567890';
test.setTimeout(240_000);

test('after warmUp, an analysis runs with the network off and fetches nothing', async ({ page, context, hub, harnessUrl }) => {
  await openHarness(page, harnessUrl);
  const manifest = await downloadModel(page, hub.url, REPO, 'wasm');
  await page.evaluate((m) => (window as any).harness.createEngine(m), manifest);
  unwrap(await page.evaluate(() => (window as any).harness.warmUp()));

  await context.setOffline(true);
  const requests: string[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith('http')) requests.push(request.url());
  });
  const outcome = await page.evaluate(([images, sref]) => (window as any).harness.analyze(images, sref), [preparedImages(3), SREF] as const);
  const { result, stages } = unwrap(outcome) as { result: { spec: { permutation_batches: unknown[] }; device: string }; stages: string[] };
  expect(result.device).toBe('wasm');
  expect(result.spec.permutation_batches.length).toBeGreaterThanOrEqual(8);
  expect(stages).toEqual(['loading-model', 'prefill', 'generating', 'validating']);
  expect(requests).toEqual([]);
});
