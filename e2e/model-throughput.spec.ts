/**
 * Issue 6, figure 3: download throughput with hashing and OPFS writing, as a ratio to a plain
 * fetch of the same bytes from the same local server, in the same run. Timed on the server
 * (first byte request start to last response end) so both sides are measured alike. Prints
 * the figure and writes it to .fixtures/model-throughput.json for the benchmark harness.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { startHubServer, type HubServer, type RecordedRequest } from './fixtures/hub-server';
import { writeFakeModelRepo } from './support/model-fixtures';
import { expect, expectStatus, modelCard, test } from './support/model-actions';

const ROOT = resolve('.fixtures/hub-throughput');
const REPO = 'bench/qwen2-vl-throughput';
const MB = 1024 * 1024;
const FILES = [
  { path: 'onnx/vision_encoder_q4.onnx', size: 24 * MB },
  { path: 'onnx/embed_tokens_q4.onnx', size: 16 * MB },
  { path: 'onnx/decoder_model_merged_q4.onnx', size: 8 * MB },
  { path: 'onnx/decoder_model_merged_q4.onnx_data', size: 200 * MB },
  { path: 'tokenizer.json', size: 8 * MB },
];

function byteSpan(requests: RecordedRequest[]): { ms: number; bytes: number } {
  const bodies = requests.filter((request) => (request.kind === 'cdn' || request.kind === 'resolve') && request.status !== 302);
  const start = Math.min(...bodies.map((request) => request.startedAt));
  const end = Math.max(...bodies.map((request) => request.endedAt ?? Date.now()));
  return { ms: end - start, bytes: bodies.reduce((sum, request) => sum + request.bytesSent, 0) };
}

async function plainFetch(page: import('@playwright/test').Page, hub: HubServer, paths: string[]) {
  hub.clearRequests();
  const commit = await hub.commitOf(REPO);
  const urls = paths.map((path) => `${hub.url}/${REPO}/resolve/${commit}/${path}`);
  const received = await page.evaluate(async (list) => {
    let total = 0;
    for (const url of list) {
      const reader = (await fetch(url, { cache: 'no-store' })).body!.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        total += value.byteLength;
      }
    }
    return total;
  }, urls);
  return { ...byteSpan(hub.requests), received };
}

test('download throughput vs plain fetch', async ({ page }) => {
  test.setTimeout(120_000);
  const written = await writeFakeModelRepo(ROOT, REPO, FILES, 7);
  const hub = await startHubServer({ root: ROOT });
  try {
    await page.goto('./#/settings');
    const host = page.getByLabel('Hub host');
    await host.fill(hub.url);
    await host.press('Tab');
    const paths = written.map((file) => file.path);
    const total = written.reduce((sum, file) => sum + file.size, 0);

    const fetchBefore = await plainFetch(page, hub, paths);
    expect(fetchBefore.received).toBe(total);

    const card = modelCard(page, 'Custom source');
    await card.getByLabel('Repo id').fill(REPO);
    await card.getByRole('button', { name: 'Use this source' }).click();
    await expect(card.getByText('Used for offline analysis')).toBeVisible();
    hub.clearRequests();
    await card.getByRole('button', { name: 'Download' }).click();
    await expectStatus(card, 'ready', 90_000);
    const pipeline = byteSpan(hub.requests);
    expect(pipeline.bytes).toBe(total);

    const fetchAfter = await plainFetch(page, hub, paths);
    const fetchMs = (fetchBefore.ms + fetchAfter.ms) / 2;
    const figure = {
      figure: 'model download throughput (hash + OPFS write) / plain fetch',
      bytes: total,
      pipelineMs: pipeline.ms,
      pipelineMBps: total / MB / (pipeline.ms / 1000),
      fetchMs,
      fetchMBps: total / MB / (fetchMs / 1000),
      ratio: fetchMs / pipeline.ms,
      target: '>= 0.85',
    };
    console.log(`[model-throughput] ${JSON.stringify(figure)}`);
    await mkdir(resolve('.fixtures'), { recursive: true });
    await writeFile(resolve('.fixtures/model-throughput.json'), `${JSON.stringify(figure, null, 2)}\n`);
    test.info().annotations.push({ type: 'throughput ratio', description: figure.ratio.toFixed(3) });
    expect(figure.ratio).toBeGreaterThan(0);
  } finally {
    await hub.close();
  }
});
