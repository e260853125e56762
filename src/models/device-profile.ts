/**
 * Which inference device this browser offers, for choosing a dtype set before downloading:
 * WebGPU when an adapter exists (f16 dtypes only with `shader-f16`), else WASM.
 */
import type { InferenceDevice } from './registry';

export interface DeviceProfile {
  device: InferenceDevice;
  hasShaderF16: boolean;
}

interface GpuLike {
  requestAdapter(): Promise<{ features: { has(name: string): boolean } } | null>;
}

export async function detectDeviceProfile(gpu: GpuLike | undefined = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu): Promise<DeviceProfile> {
  if (!gpu) return { device: 'wasm', hasShaderF16: false };
  try {
    // The first request occasionally returns null on a working adapter (FACTS.md section 1).
    const adapter = (await gpu.requestAdapter()) ?? (await gpu.requestAdapter());
    if (!adapter) return { device: 'wasm', hasShaderF16: false };
    return { device: 'webgpu', hasShaderF16: adapter.features.has('shader-f16') };
  } catch {
    return { device: 'wasm', hasShaderF16: false };
  }
}
