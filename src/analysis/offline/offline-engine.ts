/**
 * The Offline engine (page side): drives the inference worker through Comlink, turns the draft
 * into a validated DatasetSpecification, and owns the worker's lifetime:
 * - WebGPU first when there is an adapter and an installed model that runs on it; any WebGPU
 *   failure (no adapter, session error, device lost) retries on WASM in a fresh worker, because
 *   a failed WebGPU session poisons later loads in the same worker (FACTS.md section 4);
 * - cancel asks the worker to stop between tokens, and terminates it when it does not answer
 *   quickly (a long prefill or model load cannot be interrupted);
 * - keep-model-loaded off ends the worker after each analysis: only that returns WASM memory;
 * - where the self-test found WebGPU unreliable for a model on this adapter, that model runs on
 *   the CPU (device-preference.ts), and the result says so.
 */
import * as Comlink from 'comlink';
import { assembleSpecification } from '../../domain/assemble';
import { parseDraft } from '../../domain/draft';
import { formatValidationIssue, validateSpecification } from '../../domain/validate';
import { AppError, CancelledError, DeviceError, EmptyCaptionError, InvalidOutputError, ModelNotFoundError, toErrorInfo } from '../../errors';
import { totalBytes, type ModelManifest } from '../../models/model-manifest';
import { dtypeSetId, findVariant, type InferenceDevice } from '../../models/registry';
import type { AnalysisEngine, AnalysisProgress, AnalysisRequest, EngineResult, PreparedImage } from '../types';
import { preferredDevice, probeDevice as probeBrowserDevice } from './device-check';
import { createDevicePreferenceStore, type DevicePreferenceStore } from './device-preference';
import { registerAppErrorTransfer } from '../../worker-errors';
import type { DeviceReport, DraftResult, InferenceEvent, InferenceEventListener } from './inference-api';
import { createInferenceWorkerSlot } from './inference-worker-slot';
import { runSelfTestOnBestDevice, type SelfTestReport } from './offline-self-test';
import type { SelfTestScene } from './self-test-scene';

export interface OfflineModelTarget {
  device: InferenceDevice;
  hasShaderF16: boolean;
}

export interface OfflineEngineDeps {
  /** The ready, installed model to run on this device (e.g. ModelStore.findInstalled), if any. */
  getModel(target: OfflineModelTarget): Promise<ModelManifest | undefined>;
  keepModelLoaded(): boolean;
  /** Variant shown when no model is installed (ModelNotFoundError). */
  variantName(): string;
  createWorker?: () => Worker;
  /** How long a cancel may take before the worker is terminated (default 1,500 ms). */
  cancelGraceMs?: number;
  /** Keep-model-loaded off: how long the model stays after a caption, for the next one (default 10 s). */
  captionIdleMs?: number;
  /** Page-side WebGPU probe for isAvailable() (default: the browser's), so it starts no worker. */
  probeDevice?: () => Promise<DeviceReport>;
  /** Devices the self-test chose per model (default: this browser's localStorage). */
  devicePreferences?: DevicePreferenceStore;
}

export interface OfflineEngine extends AnalysisEngine {
  /** A short plain caption of one image with the installed model (loads it if needed). */
  caption(image: PreparedImage, signal?: AbortSignal): Promise<string>;
  /** Whether an installed model runs on this device (no worker is started to find out). */
  isAvailable(): Promise<boolean>;
  /** Caches the ONNX runtime files now (call after a model download), so offline needs no network. */
  warmUp(): Promise<void>;
  /**
   * The known-answer check on this device (offline-self-test.ts): WebGPU first, the CPU when
   * WebGPU answers wrong; remembers the CPU for this model here when only it answers right.
   */
  selfTest(scene: SelfTestScene, signal?: AbortSignal): Promise<SelfTestReport>;
  /** Frees the model and ends the worker. */
  unload(): Promise<void>;
}

interface PickedModel {
  device: InferenceDevice;
  manifest: ModelManifest;
  /** Why the CPU runs it although WebGPU is there (the self-test's verdict). */
  preferredBecause?: string;
}

const defaultCreateWorker = () =>
  new Worker(new URL('../../../workers/inference.worker.ts', import.meta.url), { type: 'module', name: 'offline-inference' });

function toProgress(event: InferenceEvent): AnalysisProgress {
  switch (event.type) {
    case 'loading':
      return { stage: 'loading-model', file: event.file, loaded: event.loaded, total: event.total };
    case 'prefill':
      return { stage: 'prefill' };
    case 'generating':
      return {
        stage: 'generating',
        tokens: event.tokens,
        maxTokens: event.expectedTokens,
        tokensPerSecond: event.tokensPerSecond,
        etaSeconds: event.etaSeconds,
      };
  }
}

function modelLabel(manifest: ModelManifest): string {
  return `${findVariant(manifest.variantId)?.name ?? manifest.repo} (${dtypeSetId(manifest.dtype)})`;
}

const isCancellation = (error: unknown) => error instanceof AppError && error.kind === 'Cancelled';

export function createOfflineEngine(deps: OfflineEngineDeps): OfflineEngine {
  registerAppErrorTransfer();
  const createWorker = deps.createWorker ?? defaultCreateWorker;
  const cancelGraceMs = deps.cancelGraceMs ?? 1500;
  const captionIdleMs = deps.captionIdleMs ?? 10_000;
  const preferences = deps.devicePreferences ?? createDevicePreferenceStore();
  const slot = createInferenceWorkerSlot(createWorker, cancelGraceMs);
  const endWorker = () => slot.end();
  const abortable = slot.abortable;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;

  /** Loads the model in the worker (or keeps it); a load cannot be interrupted, so cancelling it ends the worker. */
  async function loadOn(device: InferenceDevice, manifest: ModelManifest, signal: AbortSignal | undefined, onEvent: InferenceEventListener) {
    const api = slot.api();
    const source = { host: manifest.host, repo: manifest.repo, revision: manifest.commit };
    const loaded = await abortable(api.loadModel({ source, device, dtype: manifest.dtype, modelBytes: totalBytes(manifest) }, onEvent), signal, () => undefined);
    return { api, loaded };
  }

  async function generateOn(device: InferenceDevice, manifest: ModelManifest, request: AnalysisRequest): Promise<DraftResult> {
    const onEvent = Comlink.proxy((event: InferenceEvent) => request.onProgress?.(toProgress(event)));
    const { api } = await loadOn(device, manifest, request.signal, onEvent);
    const requestId = crypto.randomUUID();
    return abortable(api.generateDraft({ requestId, images: request.images }, onEvent), request.signal, () => {
      void api.cancel(requestId).catch(() => undefined);
    });
  }

  function toEngineResult(draft: DraftResult, request: AnalysisRequest, manifest: ModelManifest, device: InferenceDevice, note?: string): EngineResult {
    request.onProgress?.({ stage: 'validating' });
    if (!draft.complete) {
      throw new InvalidOutputError([`The model stopped after ${draft.tokenIds.length} tokens, before the specification was complete.`], draft.text);
    }
    const parsed = parseDraft(draft.text);
    if (!parsed.ok) throw new InvalidOutputError(parsed.problems, draft.text);
    const { spec, repairs } = assembleSpecification(parsed.draft, { srefCode: request.srefCode });
    const report = validateSpecification(spec, { srefCode: request.srefCode });
    if (!report.valid) throw new InvalidOutputError(report.errors.map((issue) => formatValidationIssue(issue, spec)), draft.text);
    return {
      spec,
      model: note ? `${modelLabel(manifest)} · ${note}` : modelLabel(manifest),
      device,
      repaired: repairs.length > 0,
      rawOutput: draft.text,
    };
  }

  /**
   * The installed model to run and its device: WebGPU when there is an adapter and a model for it
   * (unless the self-test found WebGPU unreliable for that model on this adapter), else WASM.
   */
  async function pickModel(report: DeviceReport): Promise<PickedModel | undefined> {
    const device = preferredDevice(report);
    const manifest = await deps.getModel({ device, hasShaderF16: report.gpu?.shaderF16 ?? false });
    const cpuManifest = () => deps.getModel({ device: 'wasm', hasShaderF16: false });
    if (manifest && device === 'webgpu') {
      const preference = preferences.get({ host: manifest.host, repo: manifest.repo, revision: manifest.revision });
      const onCpu = preference && preference.adapter === report.gpu?.description ? await cpuManifest() : undefined;
      if (onCpu && preference) return { device: 'wasm', manifest: onCpu, preferredBecause: preference.reason };
    }
    if (manifest) return { device, manifest };
    const fallback = device === 'webgpu' ? await cpuManifest() : undefined;
    return fallback && { device: 'wasm', manifest: fallback };
  }

  /**
   * Runs `run` on the picked model; any WebGPU failure retries on WASM in a fresh worker, because
   * a failed WebGPU session poisons later loads in the same worker. `run` gets the retry's reason.
   */
  async function runOnBestDevice<T>(
    signal: AbortSignal | undefined,
    run: (device: InferenceDevice, manifest: ModelManifest, fallbackReason?: string, preferredBecause?: string) => Promise<T>,
  ): Promise<T> {
    if (signal?.aborted) throw new CancelledError('The offline analysis');
    const picked = await pickModel(await abortable(slot.api().probeDevice(), signal, () => undefined));
    if (!picked) throw new ModelNotFoundError(deps.variantName());
    try {
      return await run(picked.device, picked.manifest, undefined, picked.preferredBecause);
    } catch (error) {
      if (picked.device !== 'webgpu' || isCancellation(error) || !(error instanceof AppError && error.kind === 'Device')) throw error;
      // WebGPU failed: a fresh worker, on the CPU, with a model that runs there.
      endWorker();
      const cpuManifest = await deps.getModel({ device: 'wasm', hasShaderF16: false });
      if (!cpuManifest) {
        throw new DeviceError(`${error.detail ?? error.message} The installed model has no variant that runs on the CPU; download one in Settings.`);
      }
      const reason = toErrorInfo(error).detail ?? error.message;
      console.warn('Offline model: WebGPU failed, retrying on the CPU (WASM).', reason);
      return run('wasm', cpuManifest, reason);
    }
  }

  async function analyze(request: AnalysisRequest): Promise<EngineResult> {
    clearTimeout(idleTimer);
    try {
      return await runOnBestDevice(request.signal, async (device, manifest, fallbackReason, preferredBecause) => {
        if (fallbackReason) request.onProgress?.({ stage: 'device-fallback', reason: fallbackReason });
        const draft = await generateOn(device, manifest, request);
        const note = fallbackReason
          ? `CPU after WebGPU failed: ${fallbackReason}`.slice(0, 150)
          : preferredBecause && `CPU, as the self-test chose: ${preferredBecause}`.slice(0, 150);
        return toEngineResult(draft, request, manifest, device, note);
      });
    } finally {
      if (!deps.keepModelLoaded()) endWorker();
    }
  }

  async function caption(image: PreparedImage, signal?: AbortSignal): Promise<string> {
    clearTimeout(idleTimer);
    try {
      const result = await runOnBestDevice(signal, async (device, manifest) => {
        const { api } = await loadOn(device, manifest, signal, Comlink.proxy(() => undefined));
        const requestId = crypto.randomUUID();
        return abortable(api.generateCaption({ requestId, image }), signal, () => {
          void api.cancel(requestId).catch(() => undefined);
        });
      });
      if (!result.text) throw new EmptyCaptionError(image.name);
      return result.text;
    } finally {
      // Captions come one image after another: free the model only once no caption follows soon.
      if (!deps.keepModelLoaded()) idleTimer = setTimeout(endWorker, captionIdleMs);
    }
  }

  async function isAvailable(): Promise<boolean> {
    return (await pickModel(await (deps.probeDevice ?? probeBrowserDevice)())) !== undefined;
  }

  async function selfTest(scene: SelfTestScene, signal?: AbortSignal): Promise<SelfTestReport> {
    clearTimeout(idleTimer);
    endWorker(); // a fresh worker: the model the analysis kept loaded is not what is being tested
    return runSelfTestOnBestDevice(
      {
        probe: () => abortable(slot.api().probeDevice(), signal, () => undefined),
        getModel: deps.getModel,
        async runOn(device, manifest, testScene) {
          const { api, loaded } = await loadOn(device, manifest, signal, Comlink.proxy(() => undefined));
          const requestId = crypto.randomUUID();
          const result = await abortable(api.selfTest({ requestId, scene: testScene }), signal, () => {
            void api.cancel(requestId).catch(() => undefined);
          });
          return { loadSeconds: loaded.seconds, result };
        },
        endWorker,
        preferences,
        now: () => Date.now(),
        noModel: () => new ModelNotFoundError(deps.variantName()),
      },
      scene,
    );
  }

  return {
    analyze,
    caption,
    isAvailable,
    selfTest,
    async warmUp() {
      await slot.api().prepareRuntime();
    },
    async unload() {
      clearTimeout(idleTimer);
      endWorker();
    },
  };
}
