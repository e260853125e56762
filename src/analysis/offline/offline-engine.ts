/**
 * The Offline engine (page side): drives the inference worker through Comlink, turns the draft
 * into a validated DatasetSpecification, and owns the worker's lifetime:
 * - WebGPU first when there is an adapter and an installed model that runs on it; any WebGPU
 *   failure (no adapter, session error, device lost) retries on WASM in a fresh worker, because
 *   a failed WebGPU session poisons later loads in the same worker (FACTS.md section 4);
 * - cancel asks the worker to stop between tokens, and terminates it when it does not answer
 *   quickly (a long prefill or model load cannot be interrupted);
 * - keep-model-loaded off ends the worker after each analysis: only that returns WASM memory.
 */
import * as Comlink from 'comlink';
import { assembleSpecification } from '../../domain/assemble';
import { parseDraft } from '../../domain/draft';
import { formatValidationIssue, validateSpecification } from '../../domain/validate';
import { AppError, CancelledError, DeviceError, InferenceFailedError, InvalidOutputError, ModelNotFoundError, toErrorInfo } from '../../errors';
import { totalBytes, type ModelManifest } from '../../models/model-manifest';
import { dtypeSetId, findVariant, type InferenceDevice } from '../../models/registry';
import type { AnalysisEngine, AnalysisProgress, AnalysisRequest, EngineResult } from '../types';
import { preferredDevice } from './device-check';
import { registerAppErrorTransfer } from '../../worker-errors';
import type { DraftResult, InferenceApi, InferenceEvent } from './inference-api';

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
}

export interface OfflineEngine extends AnalysisEngine {
  /** Caches the ONNX runtime files now (call after a model download), so offline needs no network. */
  warmUp(): Promise<void>;
  /** Frees the model and ends the worker. */
  unload(): Promise<void>;
}

interface WorkerHandle {
  worker: Worker;
  api: Comlink.Remote<InferenceApi>;
  /** Rejects if the worker dies (an uncaught error, e.g. out of memory): Comlink calls would hang. */
  crashed: Promise<never>;
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
  let handle: WorkerHandle | undefined;

  function ensureWorker(): WorkerHandle {
    if (!handle) {
      const worker = createWorker();
      const crashed = new Promise<never>((_, reject) => {
        worker.addEventListener('error', (event) => {
          event.preventDefault();
          reject(new InferenceFailedError(`The offline model worker stopped: ${event.message || 'unknown error'}`));
        });
      });
      crashed.catch(() => undefined); // observed only while a call is running
      handle = { worker, api: Comlink.wrap<InferenceApi>(worker), crashed };
    }
    return handle;
  }

  function endWorker(): void {
    if (!handle) return;
    handle.api[Comlink.releaseProxy]();
    handle.worker.terminate();
    handle = undefined;
  }

  /**
   * Runs a worker call; on abort asks the worker to stop, and ends the worker if the call has not
   * settled within the grace period. Always rejects with CancelledError once aborted.
   */
  async function abortable<T>(call: Promise<T>, signal: AbortSignal | undefined, requestStop: () => void): Promise<T> {
    const crashed = handle?.crashed;
    if (crashed) call = Promise.race([call, crashed]);
    if (!signal) return call;
    if (signal.aborted) throw new CancelledError('The offline analysis');
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => {
        requestStop();
        const timer = setTimeout(() => {
          endWorker();
          reject(new CancelledError('The offline analysis'));
        }, cancelGraceMs);
        call.then(
          () => undefined,
          () => undefined,
        ).finally(() => {
          clearTimeout(timer);
          reject(new CancelledError('The offline analysis'));
        });
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([call, aborted]);
    } finally {
      if (onAbort) signal.removeEventListener('abort', onAbort);
    }
  }

  async function generateOn(device: InferenceDevice, manifest: ModelManifest, request: AnalysisRequest): Promise<DraftResult> {
    const { api } = ensureWorker();
    const onEvent = Comlink.proxy((event: InferenceEvent) => request.onProgress?.(toProgress(event)));
    const source = { host: manifest.host, repo: manifest.repo, revision: manifest.commit };
    // A model load cannot be interrupted: cancelling it ends the worker.
    await abortable(api.loadModel({ source, device, dtype: manifest.dtype, modelBytes: totalBytes(manifest) }, onEvent), request.signal, () => undefined);
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

  async function analyze(request: AnalysisRequest): Promise<EngineResult> {
    if (request.signal?.aborted) throw new CancelledError('The offline analysis');
    const report = await abortable(ensureWorker().api.probeDevice(), request.signal, () => undefined);
    const hasShaderF16 = report.gpu?.shaderF16 ?? false;
    const wanted = preferredDevice(report);
    let device: InferenceDevice = wanted;
    let manifest = await deps.getModel({ device, hasShaderF16 });
    if (!manifest && device === 'webgpu') {
      device = 'wasm';
      manifest = await deps.getModel({ device, hasShaderF16: false });
    }
    if (!manifest) throw new ModelNotFoundError(deps.variantName());

    try {
      return toEngineResult(await generateOn(device, manifest, request), request, manifest, device);
    } catch (error) {
      if (device !== 'webgpu' || isCancellation(error) || !(error instanceof AppError && error.kind === 'Device')) throw error;
      // WebGPU failed: a fresh worker, on the CPU, with a model that runs there.
      endWorker();
      const cpuManifest = await deps.getModel({ device: 'wasm', hasShaderF16: false });
      if (!cpuManifest) {
        throw new DeviceError(`${error.detail ?? error.message} The installed model has no variant that runs on the CPU; download one in Settings.`);
      }
      const reason = toErrorInfo(error).detail ?? error.message;
      console.warn('Offline analysis: WebGPU failed, retrying on the CPU (WASM).', reason);
      const draft = await generateOn('wasm', cpuManifest, request);
      return toEngineResult(draft, request, cpuManifest, 'wasm', `CPU after WebGPU failed: ${reason}`.slice(0, 150));
    } finally {
      if (!deps.keepModelLoaded()) endWorker();
    }
  }

  return {
    analyze,
    async warmUp() {
      await ensureWorker().api.prepareRuntime();
    },
    async unload() {
      endWorker();
    },
  };
}
