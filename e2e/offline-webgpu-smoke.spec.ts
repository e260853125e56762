/**
 * WebGPU smoke check on Chromium's software adapter (SwiftShader, `--enable-unsafe-webgpu`):
 * the real inference worker generates a few grammar-constrained tokens on WebGPU and on WASM,
 * and they must be the same token ids (f16 is never picked without shader-f16; numbers checked).
 * The 4,096-wide lm_head fixture keeps SwiftShader to seconds per token.
 */
import { chromiumArgs, chromiumPath } from './support/chromium';
import { downloadModel, expect, openHarness, preparedImages, test, unwrap } from './offline-harness/harness-fixture';

const NARROW_REPO = 'onnx-community/tiny-random-Qwen2-VL-narrow-head';
/** Enough to get past the forced opening `{"primary_style":"` into tokens the model chooses. */
const TOKENS = 24;

test.use({ launchOptions: { executablePath: chromiumPath, args: [...chromiumArgs, '--enable-unsafe-webgpu'] } });
test.setTimeout(240_000);

test('WebGPU (SwiftShader) generates the same first tokens as WASM', async ({ page, hub, harnessUrl }) => {
  await openHarness(page, harnessUrl);
  expect(await page.evaluate(() => (window as any).harness.probeGpu())).toBe(true);
  const manifest = await downloadModel(page, hub.url, NARROW_REPO, 'webgpu');
  expect(manifest.dtype.decoder_model_merged).toBe('fp32');

  const images = preparedImages(3);
  const run = (device: 'webgpu' | 'wasm') =>
    page.evaluate(([m, d, i, n]) => (window as any).harness.firstTokens(m, d, i, n), [manifest, device, images, TOKENS] as const);
  const wasm = unwrap(await run('wasm')) as { tokenIds: number[]; text: string; seconds: number };
  const webgpu = unwrap(await run('webgpu')) as { tokenIds: number[]; text: string; seconds: number };
  console.log(`WASM ${wasm.seconds.toFixed(1)} s, WebGPU (SwiftShader) ${webgpu.seconds.toFixed(1)} s: ${JSON.stringify(webgpu.text)}`);

  expect(wasm.tokenIds).toHaveLength(TOKENS);
  expect(webgpu.tokenIds).toEqual(wasm.tokenIds);
  // The grammar forces the opening; what follows was chosen by the model's numbers on each device.
  const opening = '{"primary_style":"';
  expect(wasm.text.startsWith(opening)).toBe(true);
  expect(wasm.text.length).toBeGreaterThan(opening.length + 3);
});
