/**
 * The inference worker reads a cancel() message while WASM generation runs (generate() never
 * returns to the event loop on its own): the generation stops within a few tokens and the same
 * worker, model still loaded, generates again. No termination involved.
 */
import { downloadModel, expect, openHarness, preparedImages, test, unwrap } from './offline-harness/harness-fixture';

const REPO = 'onnx-community/tiny-random-Qwen2-VL';
test.setTimeout(240_000);

test('cancel() reaches the worker during WASM generation: it stops within a few tokens and keeps working', async ({ page, hub, harnessUrl }) => {
  await openHarness(page, harnessUrl);
  const manifest = await downloadModel(page, hub.url, REPO, 'wasm');
  const outcome = await page.evaluate(([m, images]) => (window as any).harness.cancelCooperatively(m, images), [manifest, preparedImages(3)] as const);
  const result = unwrap(outcome) as { error: { kind: string } | null; stoppedAfterMs: number; tokensAtCancel: number; lastTokens: number; tokensAfter: number };
  console.log(`cancel: stopped ${result.stoppedAfterMs.toFixed(0)} ms after the request, ${result.lastTokens - result.tokensAtCancel} tokens later`);
  expect(result.error?.kind).toBe('Cancelled');
  expect(result.stoppedAfterMs).toBeLessThan(500);
  expect(result.tokensAfter).toBe(5);
});
