/**
 * OfflineEngine.caption and isAvailable over the real MessageChannel "worker" with the real
 * inference API on the tiny fixture: captions reuse one loaded model, keep-model-loaded off frees
 * it only after a pause between captions, abort cancels, and a missing model is named.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceReport } from '../../src/analysis/offline/inference-api';
import { createOfflineEngine, type OfflineEngineDeps } from '../../src/analysis/offline/offline-engine';
import { AppError } from '../../src/errors';
import type { ModelManifest } from '../../src/models/model-manifest';
import { createWorkerFactory, fixtureManifest, type FakeWorkerLog } from './support/offline-engine-harness';
import { makeTestImage } from './support/test-images';

const NO_GPU: DeviceReport = { gpu: null, deviceMemoryGb: null };
const TIMEOUT_MS = 60_000;
const engines: Array<{ unload(): Promise<void> }> = [];
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.unload();
});

function createEngine(deps: Partial<OfflineEngineDeps>, log: FakeWorkerLog, getModel: OfflineEngineDeps['getModel']) {
  const engine = createOfflineEngine({
    getModel,
    keepModelLoaded: () => true,
    variantName: () => 'Qwen2-VL 2B Instruct',
    createWorker: createWorkerFactory({}, log),
    probeDevice: async () => NO_GPU,
    ...deps,
  });
  engines.push(engine);
  return engine;
}

describe('offline engine captions', () => {
  it('is available only when an installed model runs here, without starting a worker', async () => {
    const manifest = await fixtureManifest();
    const log = { created: 0, terminated: 0 };
    const asked: string[] = [];
    const installed = createEngine({}, log, async (target) => (asked.push(target.device), manifest));
    const missing = createEngine({}, log, async () => undefined);
    expect(await installed.isAvailable()).toBe(true);
    expect(await missing.isAvailable()).toBe(false);
    expect(asked).toEqual(['wasm']);
    expect(log.created).toBe(0);
  });

  it('captions images one after another with one model load; keep-model-loaded off frees it after a pause', async () => {
    const manifest: ModelManifest = await fixtureManifest();
    const log = { created: 0, terminated: 0 };
    const engine = createEngine({ keepModelLoaded: () => false, captionIdleMs: 200 }, log, async () => manifest);
    const first = await engine.caption(await makeTestImage(21));
    const second = await engine.caption(await makeTestImage(22));
    for (const text of [first, second]) {
      expect(text.length).toBeGreaterThan(0);
      expect(text).not.toMatch(/\n/);
    }
    expect(first).not.toBe(second); // the caption depends on the picture
    expect(log).toEqual({ created: 1, terminated: 0 });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(log).toEqual({ created: 1, terminated: 1 });
  }, TIMEOUT_MS);

  it('stops on abort with CancelledError', async () => {
    const manifest = await fixtureManifest();
    const engine = createEngine({}, { created: 0, terminated: 0 }, async () => manifest);
    const controller = new AbortController();
    controller.abort();
    const early = await engine.caption(await makeTestImage(23), controller.signal).catch((caught: unknown) => caught);
    expect((early as AppError).kind).toBe('Cancelled');

    const running = new AbortController();
    const pending = engine.caption(await makeTestImage(24), running.signal);
    setTimeout(() => running.abort(), 0);
    const late = await pending.catch((caught: unknown) => caught);
    expect((late as AppError).kind).toBe('Cancelled');
  }, TIMEOUT_MS);

  it('says the model is not installed', async () => {
    const engine = createEngine({}, { created: 0, terminated: 0 }, async () => undefined);
    const error = await engine.caption(await makeTestImage(25)).catch((caught: unknown) => caught);
    expect((error as AppError).kind).toBe('ModelNotFound');
  }, TIMEOUT_MS);
});
