import { describe, expect, it } from 'vitest';
import type { SelfTestReport } from '../../analysis/offline/offline-self-test';
import { CancelledError, DeviceError } from '../../errors';
import { createSelfTestStore } from './create-self-test-store';

const source = { host: 'https://huggingface.co', repo: 'onnx-community/Qwen2-VL-2B-Instruct', revision: 'main' };
const report: SelfTestReport = {
  scene: { colour: 'blue', shape: 'circle' },
  expected: 'blue circle',
  passed: true,
  gpu: { shaderF16: false, isFallbackAdapter: true, maxBufferSize: 1, maxStorageBufferBindingSize: 1, description: 'google swiftshader' },
  deviceMemoryGb: 8,
  runs: [
    { device: 'webgpu', dtype: { vision_encoder: 'fp32', embed_tokens: 'fp32', decoder_model_merged: 'q4' }, error: { kind: 'Device', message: 'WebGPU failed.', action: 'x', detail: 'device lost' } },
    {
      device: 'wasm',
      dtype: { vision_encoder: 'q8', embed_tokens: 'q8', decoder_model_merged: 'q4' },
      loadSeconds: 12.34,
      result: { expected: 'blue circle', answer: 'blue circle', passed: true, promptTokens: 220, imageTokens: 144, generatedTokens: 5, prefillSeconds: 4, decodeSeconds: 2 },
    },
  ],
  preference: { device: 'wasm', reason: 'WebGPU failed: device lost' },
};

describe('self-test store', () => {
  it('runs the test on a fresh engine, ends it, and writes the report to send back', async () => {
    let unloaded = 0;
    const [state, actions] = createSelfTestStore({
      createEngine: async () => ({ selfTest: async (scene) => ({ ...report, scene }), unload: async () => void (unloaded += 1) }),
      scene: () => ({ colour: 'blue', shape: 'circle' }),
      sampleMemory: () => ({ stop: async () => ({ bytes: 1_500_000_000, source: "this page's JavaScript heap only (performance.memory)" }) }),
      userAgent: 'TestBrowser/1',
    });
    await actions.run(source, 'Qwen2-VL 2B Instruct');
    expect(state.running).toBe(false);
    expect(unloaded).toBe(1);
    expect(state.text?.split('\n')).toEqual([
      'Offline model self-test: PASSED',
      'Model: Qwen2-VL 2B Instruct',
      'Asked: which colour and shape (expected "blue circle")',
      'Run: WebGPU · vision fp32 · embed fp32 · decoder q4: failed (device lost)',
      'Run: CPU (WASM) · vision q8 · embed q8 · decoder q4 · load 12.3 s · prefill 55.0 tokens/s (220 tokens, 144 visual, 4.00 s) · decode 2.0 tokens/s (5 tokens) · answer "blue circle" (right)',
      'From now on: CPU (WASM) (WebGPU failed: device lost)',
      'WebGPU adapter: google swiftshader (fallback adapter), shader-f16 no',
      'Device memory reported: 8 GB',
      'Peak memory: 1.4 GB, this page\'s JavaScript heap only (performance.memory)',
      'Browser: TestBrowser/1',
      expect.stringMatching(/^Tested: \d{4}-\d\d-\d\dT/),
    ]);
  });

  it('shows a failure with its action, and a cancel as such', async () => {
    const failing = createSelfTestStore({ createEngine: async () => ({ selfTest: async () => Promise.reject(new DeviceError('lost')), unload: async () => undefined }), sampleMemory: () => ({ stop: async () => null }) });
    await failing[1].run(source, 'M');
    expect(failing[0].error).toMatchObject({ tone: 'error' });
    expect(failing[0].report).toBeUndefined();

    const cancelled = createSelfTestStore({ createEngine: async () => ({ selfTest: async () => Promise.reject(new CancelledError('The self-test')), unload: async () => undefined }), sampleMemory: () => ({ stop: async () => null }) });
    await cancelled[1].run(source, 'M');
    expect(cancelled[0].error).toEqual({ tone: 'info', text: 'Self-test cancelled.' });
  });
});
