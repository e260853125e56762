/**
 * The Offline engine end to end in Node: the real engine, Comlink over a MessageChannel in place
 * of the worker's postMessage, and behind it the real inference API (transformers.js + xgrammar
 * on the tiny fixture). Covers what the engine owns: the WebGPU-to-WASM retry in a fresh worker,
 * worker lifetime (keep-model-loaded), missing model, progress, cancel, and a validated spec.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { GpuReport } from '../../src/analysis/offline/inference-api';
import { createOfflineEngine, type OfflineEngineDeps } from '../../src/analysis/offline/offline-engine';
import type { AnalysisProgress } from '../../src/analysis/types';
import { validateSpecification } from '../../src/domain/validate';
import { AppError } from '../../src/errors';
import type { NodeInferenceOptions } from './support/node-inference';
import { createWorkerFactory, fixtureManifest, type FakeWorkerLog } from './support/offline-engine-harness';
import { makeTestImages } from './support/test-images';

const SREF = '987654321';
const SWIFTSHADER: GpuReport = { shaderF16: false, isFallbackAdapter: true, maxBufferSize: 2 ** 30, maxStorageBufferBindingSize: 2 ** 27, description: 'test adapter' };
const ENGINE_TIMEOUT_MS = 240_000;

const engines: Array<{ unload(): Promise<void> }> = [];
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.unload();
});

function createEngine(deps: Partial<OfflineEngineDeps> & Pick<OfflineEngineDeps, 'getModel'>, options: NodeInferenceOptions, log: FakeWorkerLog) {
  const engine = createOfflineEngine({
    keepModelLoaded: () => true,
    variantName: () => 'Qwen2-VL 2B Instruct',
    createWorker: createWorkerFactory(options, log),
    ...deps,
  });
  engines.push(engine);
  return engine;
}

describe('offline engine', () => {
  it('retries on WASM in a fresh worker when WebGPU fails, and says so', async () => {
    const manifest = await fixtureManifest();
    const log = { created: 0, terminated: 0 };
    const targets: string[] = [];
    const engine = createEngine(
      { getModel: async (target) => (targets.push(target.device), manifest) },
      { device: { gpu: SWIFTSHADER, deviceMemoryGb: 8 }, runtimeDevice: (device) => (device === 'wasm' ? 'cpu' : device) },
      log,
    );
    const stages = new Set<AnalysisProgress['stage']>();
    const result = await engine.analyze({ images: await makeTestImages(3, 3), srefCode: SREF, onProgress: (progress) => void stages.add(progress.stage) });

    expect(targets).toEqual(['webgpu', 'wasm']);
    expect(log).toEqual({ created: 2, terminated: 1 }); // the WebGPU worker was replaced
    expect(result.device).toBe('wasm');
    expect(result.model).toMatch(/^Qwen2-VL 2B Instruct \(fp32\) · CPU after WebGPU failed: .*webgpu/i);
    expect(validateSpecification(result.spec, { srefCode: SREF }).valid).toBe(true);
    expect([...stages]).toEqual(['loading-model', 'device-fallback', 'prefill', 'generating', 'validating']);
  }, ENGINE_TIMEOUT_MS);

  it('keeps the model loaded between analyses, or ends the worker after each', async () => {
    const manifest = await fixtureManifest();
    let keep = true;
    const log = { created: 0, terminated: 0 };
    const engine = createEngine({ getModel: async () => manifest, keepModelLoaded: () => keep }, {}, log);
    const images = await makeTestImages(3, 4);
    const loads: number[] = [];
    const countLoads = (progress: AnalysisProgress) => void (progress.stage === 'loading-model' && loads.push(1));

    await engine.analyze({ images, srefCode: SREF, onProgress: countLoads });
    const loadsFirst = loads.length;
    await engine.analyze({ images, srefCode: SREF, onProgress: countLoads });
    expect(loadsFirst).toBeGreaterThan(0);
    expect(loads.length).toBe(loadsFirst); // second analysis: same worker, model already loaded
    expect(log).toEqual({ created: 1, terminated: 0 });

    keep = false;
    await engine.analyze({ images, srefCode: SREF });
    expect(log).toEqual({ created: 1, terminated: 1 });
  }, ENGINE_TIMEOUT_MS);

  it('says the model is not installed', async () => {
    const engine = createEngine({ getModel: async () => undefined }, {}, { created: 0, terminated: 0 });
    const error = await engine.analyze({ images: await makeTestImages(3, 5), srefCode: SREF }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).kind).toBe('ModelNotFound');
    expect((error as AppError).message).toBe('The offline model Qwen2-VL 2B Instruct is not installed on this device.');
  }, ENGINE_TIMEOUT_MS);

  it('stops on abort with CancelledError, without ending the worker', async () => {
    const manifest = await fixtureManifest();
    const log = { created: 0, terminated: 0 };
    const engine = createEngine({ getModel: async () => manifest }, {}, log);
    const controller = new AbortController();
    const started = engine.analyze({
      images: await makeTestImages(3, 6),
      srefCode: SREF,
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.stage === 'generating' && progress.tokens >= 20) controller.abort();
      },
    });
    const error = await started.catch((caught: unknown) => caught);
    expect((error as AppError).kind).toBe('Cancelled');
    expect(log.terminated).toBe(0); // the cooperative cancel answered within the grace period
  }, ENGINE_TIMEOUT_MS);
});
