/**
 * Which device can run the model, and whether it has the memory to: WebGPU when an adapter
 * exists (f16 dtypes only with `shader-f16`, FACTS.md section 1), else WASM; and a pre-flight
 * check before loading (the same budget the download was checked against, memory-budget.ts) so
 * a model that cannot fit fails with a clear InsufficientMemoryError instead of a crashed tab.
 */
import { assessMemoryFit, insufficientMemoryError } from '../../models/memory-budget';
import type { DtypeSet, InferenceDevice } from '../../models/registry';
import type { DeviceReport, GpuReport } from './inference-api';

interface GpuAdapterLike {
  features: { has(name: string): boolean };
  limits: { maxBufferSize: number; maxStorageBufferBindingSize: number };
  info?: { description?: string; vendor?: string; architecture?: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
}

interface NavigatorLike {
  gpu?: { requestAdapter(options?: { powerPreference?: string }): Promise<GpuAdapterLike | null> };
  deviceMemory?: number;
}

/**
 * Reads the WebGPU adapter and memory hints. `requestAdapter()` is asked twice: on some
 * machines the first call returns null and the second succeeds.
 */
export async function probeDevice(navigatorLike: NavigatorLike | undefined = globalThis.navigator as NavigatorLike | undefined): Promise<DeviceReport> {
  const deviceMemoryGb = typeof navigatorLike?.deviceMemory === 'number' ? navigatorLike.deviceMemory : null;
  const gpu = navigatorLike?.gpu;
  if (!gpu) return { gpu: null, deviceMemoryGb };
  let adapter: GpuAdapterLike | null = null;
  for (let attempt = 0; attempt < 2 && !adapter; attempt += 1) {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' }).catch(() => null);
  }
  return { gpu: adapter ? describeAdapter(adapter) : null, deviceMemoryGb };
}

function describeAdapter(adapter: GpuAdapterLike): GpuReport {
  const info = adapter.info ?? {};
  return {
    shaderF16: adapter.features.has('shader-f16'),
    isFallbackAdapter: info.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false,
    maxBufferSize: adapter.limits.maxBufferSize,
    maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
    description: [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || 'WebGPU adapter',
  };
}

/** The device to try first: WebGPU when there is an adapter, else WASM. */
export function preferredDevice(report: DeviceReport): InferenceDevice {
  return report.gpu ? 'webgpu' : 'wasm';
}

/** Throws InsufficientMemoryError when the model will not fit (memory-budget.ts). */
export function checkMemory(report: DeviceReport, device: InferenceDevice, dtype: DtypeSet, modelBytes: number): void {
  const fit = assessMemoryFit({ device, dtype, weightBytes: modelBytes, deviceMemoryGb: report.deviceMemoryGb });
  if (fit.verdict === 'will-not-fit') throw insufficientMemoryError(fit, device);
}
