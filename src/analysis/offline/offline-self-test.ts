/**
 * The self-test on the user's device, page side: runs the known-answer check (self-test.ts) on the
 * device the app would pick, WebGPU first; if WebGPU answers wrong or fails and the CPU (WASM)
 * answers right, remembers to run this model on the CPU here (device-preference.ts) and says why;
 * if WebGPU answers right, forgets any such verdict. One report covers every run.
 */
import { AppError, toErrorInfo, type ErrorInfo } from '../../errors';
import type { ModelManifest } from '../../models/model-manifest';
import type { DtypeSet, InferenceDevice, ModelSource } from '../../models/registry';
import type { DevicePreferenceStore } from './device-preference';
import type { DeviceReport, SelfTestResult } from './inference-api';
import type { OfflineModelTarget } from './offline-engine';
import { sceneAnswer, type SelfTestScene } from './self-test-scene';

export interface SelfTestRun {
  device: InferenceDevice;
  dtype: DtypeSet;
  /** Seconds the model took to load on this device. */
  loadSeconds?: number;
  result?: SelfTestResult;
  /** The run stopped before answering (a WebGPU error, memory, ...). */
  error?: ErrorInfo;
}

export interface SelfTestReport {
  scene: SelfTestScene;
  expected: string;
  runs: SelfTestRun[];
  /** The last run answered right. */
  passed: boolean;
  gpu: DeviceReport['gpu'];
  deviceMemoryGb: number | null;
  /** What changed for this model on this device: now the CPU (and why), or back to WebGPU. */
  preference?: { device: 'wasm'; reason: string } | { device: 'webgpu'; reason: string };
}

export interface SelfTestDeps {
  probe(): Promise<DeviceReport>;
  getModel(target: OfflineModelTarget): Promise<ModelManifest | undefined>;
  /** Loads the model on the device (in the current worker) and runs the check there. */
  runOn(device: InferenceDevice, manifest: ModelManifest, scene: SelfTestScene): Promise<{ loadSeconds: number; result: SelfTestResult }>;
  /** Ends the worker: after a failed WebGPU session the next load needs a fresh one. */
  endWorker(): void;
  preferences: DevicePreferenceStore;
  now(): number;
  /** Thrown when no installed model runs here. */
  noModel(): Error;
}

const sourceOf = (manifest: ModelManifest): ModelSource => ({ host: manifest.host, repo: manifest.repo, revision: manifest.revision });
const isCancellation = (error: unknown) => error instanceof AppError && error.kind === 'Cancelled';

async function attempt(deps: SelfTestDeps, device: InferenceDevice, manifest: ModelManifest, scene: SelfTestScene): Promise<SelfTestRun> {
  try {
    const { loadSeconds, result } = await deps.runOn(device, manifest, scene);
    return { device, dtype: manifest.dtype, loadSeconds, result };
  } catch (error) {
    if (isCancellation(error)) throw error;
    return { device, dtype: manifest.dtype, error: toErrorInfo(error) };
  }
}

function webGpuFailure(run: SelfTestRun, expected: string): string {
  if (run.error) return `WebGPU failed: ${run.error.detail ?? run.error.message}`;
  return run.result?.answer ? `WebGPU answered "${run.result.answer}" for a ${expected}` : `WebGPU gave no answer for a ${expected}`;
}

export async function runSelfTestOnBestDevice(deps: SelfTestDeps, scene: SelfTestScene): Promise<SelfTestReport> {
  const report = await deps.probe();
  const expected = sceneAnswer(scene);
  const base = { scene, expected, gpu: report.gpu, deviceMemoryGb: report.deviceMemoryGb };
  const gpuManifest = report.gpu ? await deps.getModel({ device: 'webgpu', hasShaderF16: report.gpu.shaderF16 }) : undefined;
  const cpuManifest = () => deps.getModel({ device: 'wasm', hasShaderF16: false });
  try {
    if (!gpuManifest) {
      const manifest = await cpuManifest();
      if (!manifest) throw deps.noModel();
      const run = await attempt(deps, 'wasm', manifest, scene);
      return { ...base, runs: [run], passed: run.result?.passed ?? false };
    }
    const gpuRun = await attempt(deps, 'webgpu', gpuManifest, scene);
    if (gpuRun.result?.passed) {
      const had = deps.preferences.get(sourceOf(gpuManifest));
      deps.preferences.clear(sourceOf(gpuManifest));
      return { ...base, runs: [gpuRun], passed: true, ...(had ? { preference: { device: 'webgpu' as const, reason: 'WebGPU answered right this time.' } } : {}) };
    }
    deps.endWorker();
    const manifest = await cpuManifest();
    if (!manifest) return { ...base, runs: [gpuRun], passed: false };
    const cpuRun = await attempt(deps, 'wasm', manifest, scene);
    if (!cpuRun.result?.passed) return { ...base, runs: [gpuRun, cpuRun], passed: false };
    const reason = webGpuFailure(gpuRun, expected);
    deps.preferences.set(sourceOf(manifest), { device: 'wasm', reason, adapter: report.gpu!.description, testedAt: deps.now() });
    return { ...base, runs: [gpuRun, cpuRun], passed: true, preference: { device: 'wasm', reason } };
  } finally {
    deps.endWorker();
  }
}
