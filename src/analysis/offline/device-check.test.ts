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

  it.each([
    ['a 40 MB fixture on WASM', noHint, 'wasm', 40e6, false],
    ['2.7 GB on WASM (past the 4 GiB wasm32 memory with working memory)', noHint, 'wasm', 2.9 * GIB, true],
    ['2.7 GB on WebGPU, no memory hint', noHint, 'webgpu', 2.7 * GIB, false],
    ['2.7 GB on WebGPU with 4 GB reported', { gpu: null, deviceMemoryGb: 4 }, 'webgpu', 2.7 * GIB, false],
    ['2.7 GB on WebGPU with 2 GB reported', { gpu: null, deviceMemoryGb: 2 }, 'webgpu', 2.7 * GIB, true],
  ] as const)('%s -> fails: %s', (_name, report, device, bytes, fails) => {
    const run = () => checkMemory(report, device, bytes);
    if (fails) expect(run).toThrow(InsufficientMemoryError);
    else expect(run).not.toThrow();
  });

  it('names the need and the limit in the message', () => {
    expect(() => checkMemory({ gpu: null, deviceMemoryGb: 2 }, 'webgpu', 2.7 * GIB)).toThrow(
      'This model needs about 3.9 GB of memory; this device reports about 2 GB.',
    );
  });
});
