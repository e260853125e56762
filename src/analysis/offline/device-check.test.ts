import { describe, expect, it } from 'vitest';
import { InsufficientMemoryError } from '../../errors';
import { checkMemory, preferredDevice, probeDevice } from './device-check';

const GIB = 1024 ** 3;

function adapter(features: string[], info: Record<string, unknown> = {}) {
  return {
    features: new Set(features),
    limits: { maxBufferSize: 2 * GIB, maxStorageBufferBindingSize: GIB },
    info: { vendor: 'google', architecture: 'swiftshader', description: '', ...info },
  };
}

describe('probeDevice', () => {
  it('reports no GPU without navigator.gpu', async () => {
    expect(await probeDevice({ deviceMemory: 8 })).toEqual({ gpu: null, deviceMemoryGb: 8 });
  });

  it('asks twice when the first requestAdapter() gives null', async () => {
    let calls = 0;
    const report = await probeDevice({
      gpu: { requestAdapter: async () => (calls++ === 0 ? null : adapter(['shader-f16'], { isFallbackAdapter: true })) },
    });
    expect(calls).toBe(2);
    expect(report.gpu).toEqual({
      shaderF16: true,
      isFallbackAdapter: true,
      maxBufferSize: 2 * GIB,
      maxStorageBufferBindingSize: GIB,
      description: 'google swiftshader',
    });
    expect(preferredDevice(report)).toBe('webgpu');
  });

  it('falls back to WASM when no adapter comes', async () => {
    const report = await probeDevice({ gpu: { requestAdapter: async () => null } });
    expect(report.gpu).toBeNull();
    expect(preferredDevice(report)).toBe('wasm');
  });
});

describe('checkMemory', () => {
  const noHint = { gpu: null, deviceMemoryGb: null };
  const q8q8q4 = { vision_encoder: 'q8', embed_tokens: 'q8', decoder_model_merged: 'q4' };
  const f16 = { vision_encoder: 'fp16', embed_tokens: 'fp16', decoder_model_merged: 'q4f16' };

  it.each([
    ['a 40 MB fixture on WASM', noHint, 'wasm', q8q8q4, 40e6, false],
    ['the 1.9 GB WASM set of the real 2B', noHint, 'wasm', q8q8q4, 1.9e9, false],
    ['4.6 GB on WASM: past the 4 GiB one wasm32 instance addresses', noHint, 'wasm', q8q8q4, 4.6e9, true],
    ['2.7 GB on WebGPU, no memory hint', noHint, 'webgpu', f16, 2.7e9, false],
    ['2.7 GB on WebGPU with 8 GB reported', { gpu: null, deviceMemoryGb: 8 }, 'webgpu', f16, 2.7e9, false],
    ['2.7 GB on WebGPU with 4 GB reported', { gpu: null, deviceMemoryGb: 4 }, 'webgpu', f16, 2.7e9, true],
  ] as const)('%s -> fails: %s', (_name, report, device, dtype, bytes, fails) => {
    const run = () => checkMemory(report, device, dtype, bytes);
    if (fails) expect(run).toThrow(InsufficientMemoryError);
    else expect(run).not.toThrow();
  });

  it('names the need, the limit that applies and what to do', () => {
    const wasm = () => checkMemory({ gpu: null, deviceMemoryGb: 16 }, 'wasm', q8q8q4, 4.6e9);
    expect(wasm).toThrow('This model needs about 5.2 GB of memory; the CPU runtime (one WebAssembly instance) can address at most 4.0 GB.');
    try {
      wasm();
    } catch (error) {
      expect((error as InsufficientMemoryError).action).toBe('Use the 2B model on a device with WebGPU, or Cloud mode.');
    }
    expect(() => checkMemory({ gpu: null, deviceMemoryGb: 4 }, 'webgpu', f16, 2.7e9)).toThrow(
      "This model needs about 3.1 GB of memory; about 3.0 GB of this device's memory is usable.",
    );
  });
});
