/**
 * The inference worker's logic, free of worker plumbing so Node tests run it directly with the
 * real transformers.js on the tiny fixture. Holds at most one loaded model; keeps it between
 * analyses until `unloadModel()`.
 */
import { env } from '@huggingface/transformers';
import { AppError, CancelledError, DeviceError, ModelLoadError } from '../../errors';
import { dtypeSetId, type InferenceDevice, type ModelSource } from '../../models/registry';
import { checkMemory, probeDevice as probeBrowserDevice } from './device-check';
import { createEventLoopYield, yieldBetweenForwards } from './event-loop-yield';
import { generateCaption } from './generate-caption';
import { generateDraft } from './generate-draft';
import type { XGrammarLoader, XGrammarModule } from './grammar';
import type { CaptionRequest, DeviceReport, DraftRequest, InferenceApi, InferenceEventListener, LoadModelRequest, SelfTestRequest } from './inference-api';
import { loadQwen2Vl, type LoadedQwen2Vl, type TransformersEnv } from './load-qwen2vl';
import { runSelfTest } from './self-test';

export interface InferenceApiDeps {
  loadXGrammar: XGrammarLoader;
  /** Points transformers.js at the model files: ModelStore in the browser, a folder in Node. */
  configureModelSource(transformersEnv: TransformersEnv, source: ModelSource): void;
  /** Fetches and caches the ONNX runtime files (browser); nothing to do in Node. */
  prepareRuntime?(transformersEnv: TransformersEnv): Promise<void>;
  probeDevice?(): Promise<DeviceReport>;
  /** transformers.js device name ('wasm' in browsers, 'cpu' for onnxruntime-node). */
  runtimeDevice?(device: InferenceDevice): string;
  sessionOptions?: Record<string, unknown>;
  yieldToEventLoop?: () => Promise<void>;
  now?: () => number;
}

const sameModel = (loaded: LoadedQwen2Vl, request: LoadModelRequest) =>
  loaded.source.host === request.source.host &&
  loaded.source.repo === request.source.repo &&
  loaded.source.revision === request.source.revision &&
  loaded.device === request.device &&
  dtypeSetId(loaded.dtype) === dtypeSetId(request.dtype);

export function createInferenceApi(deps: InferenceApiDeps) {
  const now = deps.now ?? (() => performance.now());
  const yieldToEventLoop = deps.yieldToEventLoop ?? createEventLoopYield();
  let loaded: LoadedQwen2Vl | undefined;
  let loading: Promise<LoadedQwen2Vl> | undefined;
  let xgrammar: Promise<XGrammarModule> | undefined;
  let runtimeReady: Promise<void> | undefined;
  const cancelled = new Set<string>();

  async function unload() {
    const current = loaded;
    loaded = undefined;
    await current?.dispose();
  }

  /**
   * One generation on the loaded model, cancellable by requestId (also before it starts); on
   * WebGPU any failure that is not ours becomes a DeviceError, so the engine retries on WASM.
   */
  async function runGeneration<T>(call: string, cancelledWhat: string, requestId: string, generate: (model: LoadedQwen2Vl) => Promise<T>): Promise<T> {
    if (!loaded) throw new ModelLoadError(`${call}() was called before loadModel().`);
    if (cancelled.delete(requestId)) throw new CancelledError(cancelledWhat);
    try {
      return await generate(loaded);
    } catch (error) {
      if (loaded.device === 'webgpu' && !(error instanceof AppError && error.kind !== 'InferenceFailed')) {
        throw new DeviceError(error instanceof Error ? error.message : String(error));
      }
      throw error;
    } finally {
      cancelled.delete(requestId);
    }
  }

  const api = {
    probeDevice: () => (deps.probeDevice ?? probeBrowserDevice)(),

    /** The ONNX runtime files (cached for offline use) and the grammar engine: all but the model. */
    prepareRuntime() {
      xgrammar ??= deps.loadXGrammar();
      runtimeReady ??= Promise.all([deps.prepareRuntime?.(env), xgrammar])
        .then(() => undefined)
        .catch((error: unknown) => {
          runtimeReady = undefined; // try again next time (e.g. back online)
          xgrammar = undefined;
          throw error;
        });
      return runtimeReady;
    },

    async loadModel(request: LoadModelRequest, onEvent?: InferenceEventListener) {
      const started = now();
      if (loaded && sameModel(loaded, request)) return { device: loaded.device, dtype: loaded.dtype, loadedNow: false, seconds: 0 };
      await loading?.catch(() => undefined);
      await unload();
      checkMemory(await api.probeDevice(), request.device, request.dtype, request.modelBytes);
      await api.prepareRuntime();
      loading = (async () =>
        loadQwen2Vl({
          ...request,
          xgrammar: await (xgrammar ??= deps.loadXGrammar()),
          configureModelSource: deps.configureModelSource,
          runtimeDevice: deps.runtimeDevice ?? ((device) => device),
          ...(deps.sessionOptions ? { sessionOptions: deps.sessionOptions } : {}),
          ...(onEvent ? { onEvent } : {}),
        }))();
      try {
        loaded = await loading;
      } catch (error) {
        if (error instanceof AppError) throw error;
        const detail = error instanceof Error ? error.message : String(error);
        throw request.device === 'webgpu' ? new DeviceError(detail) : new ModelLoadError(detail);
      } finally {
        loading = undefined;
      }
      yieldBetweenForwards(loaded.model as never, yieldToEventLoop, now);
      return { device: loaded.device, dtype: loaded.dtype, loadedNow: true, seconds: (now() - started) / 1000 };
    },

    generateDraft: (request: DraftRequest, onEvent?: InferenceEventListener) =>
      runGeneration('generateDraft', 'The offline analysis', request.requestId, (model) =>
        generateDraft(model, request, { isCancelled: () => cancelled.has(request.requestId), ...(onEvent ? { onEvent } : {}), now }),
      ),

    generateCaption: (request: CaptionRequest, onEvent?: InferenceEventListener) =>
      runGeneration('generateCaption', 'Captioning', request.requestId, (model) =>
        generateCaption(model, request, { isCancelled: () => cancelled.has(request.requestId), ...(onEvent ? { onEvent } : {}), now }),
      ),

    selfTest: (request: SelfTestRequest, onEvent?: InferenceEventListener) =>
      runGeneration('selfTest', 'The self-test', request.requestId, (model) =>
        runSelfTest(model, request, { isCancelled: () => cancelled.has(request.requestId), ...(onEvent ? { onEvent } : {}), now }),
      ),

    async cancel(requestId: string) {
      // Also before the generation starts: the engine cancels as soon as the user asks.
      cancelled.add(requestId);
    },

    unloadModel: unload,
  } satisfies InferenceApi;
  return api;
}
