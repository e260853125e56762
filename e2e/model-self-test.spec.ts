/**
 * The self-test on the real loading path in Chromium, on the CPU (WASM): the fixture shaped like
 * the real repo (dtype-suffixed files, external data, transformers.js_config) is downloaded by the
 * app's 2B card, its set and memory verdict shown; the service worker serves its external data;
 * the self-test runs the whole vision path and reports. The fixture's answer is random: the test
 * checks the plumbing and the report, and that pass/fail follows the answer.
 */
import { localModelFileUrl } from '../src/models/model-url';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, installDefaultModel, reportRuns, runSelfTest, test } from './support/model-self-test';
import { MODEL_REPO } from './support/model-actions';
import { workerFixtureDir } from './support/worker-fixture-dir';

test.setTimeout(240_000);

test('a ready model shows its set and verdict, its external data comes from the service worker, and the self-test reports', async ({ page, context, hub }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const card = await installDefaultModel(page, hub.url);
  await expect(card.getByTestId('model-download-size')).toContainText('(vision q8 · embed q8 · decoder q4)');
  await expect(card.getByTestId('memory-verdict')).toHaveAttribute('data-verdict', 'fits');

  // The service worker answers the store's external-data file, Range included.
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  const path = 'onnx/vision_encoder_quantized.onnx_data';
  const url = localModelFileUrl(page.url(), { host: hub.url, repo: MODEL_REPO, revision: 'main', path });
  const ranged = await page.evaluate(async (address) => {
    const response = await fetch(address, { headers: { Range: 'bytes=1000-1999' } });
    return { status: response.status, bytes: [...new Uint8Array(await response.arrayBuffer())] };
  }, url);
  const local = await readFile(join(workerFixtureDir('hub-self-test'), 'realLayout', ...MODEL_REPO.split('/'), ...path.split('/')));
  expect(ranged.status).toBe(206);
  expect(Buffer.from(ranged.bytes).equals(local.subarray(1000, 2000))).toBe(true);

  const report = await runSelfTest(card);
  const runs = await reportRuns(report);
  expect(runs).toHaveLength(1);
  const [run] = runs as [(typeof runs)[0]];
  console.log(`self-test on WASM: load ${run.load}, prefill ${run.prefill}, decode ${run.decode}, ${run.answer}`);
  expect(run).toMatchObject({ device: 'CPU (WASM)', dtype: 'vision q8 · embed q8 · decoder q4' });
  expect(run.load).toMatch(/^\d+\.\d s$/);
  expect(run.prefill).toMatch(/^\d+(\.\d)? tokens\/s$/);
  expect(run.decode).toMatch(/^\d+(\.\d)? tokens\/s$/);
  const right = /\(right\)$/.test(run.answer);
  expect(run.answer).toMatch(/^"(red|green|blue|yellow) (circle|square|triangle)" \((right|wrong)\)$/);
  await expect(report.getByRole('status').first()).toContainText(right ? 'Passed' : 'Failed');
  await expect(report.getByTestId('self-test-memory')).toHaveText(/^([\d.]+ (KB|MB|GB) \(.+\)|not exposed by this browser)$/);

  await report.getByRole('button', { name: 'Copy report' }).click();
  await expect(report.getByText('Report copied: paste it into your bug report or message.')).toBeVisible();
  const text = await page.evaluate(() => navigator.clipboard.readText());
  expect(text).toMatch(new RegExp(`^Offline model self-test: ${right ? 'PASSED' : 'FAILED'}\nModel: Qwen2-VL 2B Instruct\n`));
  expect(text).toContain('Run: CPU (WASM) · vision q8 · embed q8 · decoder q4 · load ');
  expect(text).toMatch(/\nWebGPU adapter: none\n/);
});
