/**
 * The self-test on the page side: which runs happen, and when the app starts (or stops) running a
 * model on the CPU instead of WebGPU. First the decision table over scripted runs, then the real
 * engine over the Node "worker" with the real inference API, where WebGPU fails for real (Node has
 * no WebGPU backend) and the CPU answers.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createDevicePreferenceStore } from '../../src/analysis/offline/device-preference';
import type { GpuReport, SelfTestResult } from '../../src/analysis/offline/inference-api';
import { createOfflineEngine } from '../../src/analysis/offline/offline-engine';
import { runSelfTestOnBestDevice, type SelfTestDeps } from '../../src/analysis/offline/offline-self-test';
import { sceneAnswer, type SelfTestScene } from '../../src/analysis/offline/self-test-scene';
import { CancelledError, DeviceError, ModelNotFoundError } from '../../src/errors';
import type { ModelManifest } from '../../src/models/model-manifest';
import type { InferenceDevice } from '../../src/models/registry';
import { createWorkerFactory, fixtureManifest } from './support/offline-engine-harness';
import { makeTestImage } from './support/test-images';

const GPU: GpuReport = { shaderF16: false, isFallbackAdapter: true, maxBufferSize: 2 ** 30, maxStorageBufferBindingSize: 2 ** 27, description: 'google swiftshader' };
const scene: SelfTestScene = { colour: 'blue', shape: 'circle' };
const answered = (answer: string | null): SelfTestResult => ({
  expected: sceneAnswer(scene), answer, passed: answer === sceneAnswer(scene), promptTokens: 80, imageTokens: 16, generatedTokens: 4, prefillSeconds: 0.5, decodeSeconds: 0.2,
});

describe('the decision', () => {
  const manifest = { host: 'h', repo: 'r', revision: 'main', dtype: { vision_encoder: 'q8', embed_tokens: 'q8', decoder_model_merged: 'q4' } } as ModelManifest;
  type Outcome = string | null | Error;
  function deps(gpu: GpuReport | null, outcomes: Partial<Record<InferenceDevice, Outcome>>, store = createDevicePreferenceStore(undefined)) {
    const ran: InferenceDevice[] = [];
    let ended = 0;
    const value: SelfTestDeps = {
      probe: async () => ({ gpu, deviceMemoryGb: 8 }),
      getModel: async (target) => (target.device in outcomes ? manifest : undefined),
      async runOn(device) {
        ran.push(device);
        const outcome = outcomes[device]!;
        if (outcome instanceof Error) throw outcome;
        return { loadSeconds: 1, result: answered(outcome) };
      },
      endWorker: () => void (ended += 1),
      preferences: store,
      now: () => 1_000,
      noModel: () => new ModelNotFoundError('Qwen2-VL 2B Instruct'),
    };
    return { value, ran, store, ended: () => ended };
  }

  it.each([
    ['no WebGPU: the CPU alone', null, { wasm: 'blue circle' }, ['wasm'], true, undefined],
    ['WebGPU right: no CPU run', GPU, { webgpu: 'blue circle', wasm: 'blue circle' }, ['webgpu'], true, undefined],
    ['WebGPU wrong, CPU right: the CPU from now on', GPU, { webgpu: 'red square', wasm: 'blue circle' }, ['webgpu', 'wasm'], true, { device: 'wasm', reason: 'WebGPU answered "red square" for a blue circle' }],
    ['WebGPU fails, CPU right', GPU, { webgpu: new DeviceError('device lost'), wasm: 'blue circle' }, ['webgpu', 'wasm'], true, { device: 'wasm', reason: 'WebGPU failed: device lost' }],
    ['both wrong: the model itself, nothing to switch', GPU, { webgpu: 'red square', wasm: 'red square' }, ['webgpu', 'wasm'], false, undefined],
    ['WebGPU wrong, no CPU set installed', GPU, { webgpu: 'red square' }, ['webgpu'], false, undefined],
  ] as const)('%s', async (_name, gpu, outcomes, runs, passed, preference) => {
    const setup = deps(gpu, outcomes);
    const report = await runSelfTestOnBestDevice(setup.value, scene);
    expect(setup.ran).toEqual(runs);
    expect(report.runs.map((run) => run.device)).toEqual(runs);
    expect(report.passed).toBe(passed);
    expect(report.preference).toEqual(preference);
    expect(setup.store.get(manifest)).toEqual(preference ? { ...preference, adapter: 'google swiftshader', testedAt: 1_000 } : undefined);
    expect(setup.ended()).toBeGreaterThan(0); // the tested model never stays loaded
  });

  it('forgets an earlier CPU verdict once WebGPU answers right', async () => {
    const setup = deps(GPU, { webgpu: 'blue circle', wasm: 'blue circle' });
    setup.store.set(manifest, { device: 'wasm', reason: 'old', adapter: 'google swiftshader', testedAt: 1 });
    const report = await runSelfTestOnBestDevice(setup.value, scene);
    expect(report.preference).toEqual({ device: 'webgpu', reason: 'WebGPU answered right this time.' });
    expect(setup.store.get(manifest)).toBeUndefined();
  });

  it('stops at a cancel, and names a missing model', async () => {
    await expect(runSelfTestOnBestDevice(deps(GPU, { webgpu: new CancelledError('The self-test') }).value, scene)).rejects.toBeInstanceOf(CancelledError);
    await expect(runSelfTestOnBestDevice(deps(null, {}).value, scene)).rejects.toBeInstanceOf(ModelNotFoundError);
  });
});

describe('through the real engine', () => {
  const engines: Array<{ unload(): Promise<void> }> = [];
  afterEach(async () => {
    for (const engine of engines.splice(0)) await engine.unload();
  });
  function engine(manifest: ModelManifest, gpu: GpuReport | null, store = createDevicePreferenceStore(undefined), log = { created: 0, terminated: 0 }) {
    const created = createOfflineEngine({
      getModel: async () => manifest,
      keepModelLoaded: () => true,
      variantName: () => 'Qwen2-VL 2B Instruct',
      createWorker: createWorkerFactory({ device: { gpu, deviceMemoryGb: 8 }, runtimeDevice: (device) => (device === 'wasm' ? 'cpu' : device) }, log),
      probeDevice: async () => ({ gpu, deviceMemoryGb: 8 }),
      devicePreferences: store,
    });
    engines.push(created);
    return { engine: created, store, log };
  }

  it('WebGPU failing for real and the CPU answering right: the model runs on the CPU here from then on', async () => {
    const manifest = await fixtureManifest();
    // What the fixture answers on the CPU decides which scene it "passes" (its weights are random).
    const probe = await engine(manifest, null).engine.selfTest(scene);
    expect(probe.runs.map((run) => [run.device, run.error])).toEqual([['wasm', undefined]]);
    const [colour, shape] = probe.runs[0]!.result!.answer!.split(' ') as [SelfTestScene['colour'], SelfTestScene['shape']];
    const known: SelfTestScene = { colour, shape };

    const { engine: withGpu, store, log } = engine(manifest, GPU);
    const report = await withGpu.selfTest(known);
    expect(report.runs.map((run) => run.device)).toEqual(['webgpu', 'wasm']);
    expect(report.runs[0]!.error?.kind).toBe('Device');
    expect(report.runs[1]!.result?.passed).toBe(true);
    expect(report.runs[1]!.loadSeconds).toBeGreaterThan(0);
    expect(report.preference?.device).toBe('wasm');
    expect(report.preference?.reason).toMatch(/^WebGPU failed: .*webgpu/i);
    expect(store.get(manifest)?.adapter).toBe('google swiftshader');

    // The next caption goes straight to the CPU: one worker, no WebGPU attempt to recover from.
    const before = { ...log };
    await withGpu.caption(await makeTestImage(71));
    expect(log.created - before.created).toBe(1);
    expect(log.terminated - before.terminated).toBe(0);
  }, 240_000);
});
