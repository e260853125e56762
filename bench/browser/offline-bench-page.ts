/**
 * Benchmark page: installs a model into the real ModelStore through the real download worker,
 * runs drafts in the app's own inference worker (the pipeline, exactly as the Offline engine
 * drives it), and hands the bare references to the benchmark worker. Node calls `window.offlineBench`.
 */
import * as Comlink from 'comlink';
import type { InferenceApi, InferenceEvent } from '../../src/analysis/offline/inference-api';
import type { PreparedImage } from '../../src/analysis/types';
import { createDownloadClient } from '../../src/models/download-client';
import { totalBytes, type ModelManifest } from '../../src/models/model-manifest';
import { createModelStore } from '../../src/models/model-store';
import type { ModelSource } from '../../src/models/registry';
import { registerAppErrorTransfer } from '../../src/worker-errors';
import type { LoadPath, OfflineBenchApi } from './offline-bench-api';

registerAppErrorTransfer();
const DEVICE = 'wasm';

export interface PipelineRun {
  wallMs: number;
  tokens: number;
  complete: boolean;
  generationSeconds: number;
  progressEvents: number;
}

async function install(host: string, repo: string): Promise<ModelManifest> {
  const client = createDownloadClient();
  try {
    const resolved = await client.resolve({ host, repo, revision: 'main', variantId: 'custom', device: DEVICE, hasShaderF16: false });
    if (!resolved.ok) throw new Error(resolved.error.message);
    const done = await client.download(resolved.model.key, () => undefined);
    if (done.status !== 'ready') throw new Error(`The download ended ${done.status}.`);
    const manifest = await createModelStore().manifest(resolved.model.key);
    if (!manifest) throw new Error('No manifest after the download.');
    return manifest;
  } finally {
    client.dispose();
  }
}

const sourceOf = (manifest: ModelManifest): ModelSource => ({ host: manifest.host, repo: manifest.repo, revision: manifest.commit });

function createBenchWorker() {
  const worker = new Worker(new URL('./offline-bench.worker.ts', import.meta.url), { type: 'module', name: 'offline-bench' });
  return { api: Comlink.wrap<OfflineBenchApi>(worker), terminate: () => worker.terminate() };
}

function createPipelineWorker() {
  const worker = new Worker(new URL('../../workers/inference.worker.ts', import.meta.url), { type: 'module', name: 'inference' });
  return { api: Comlink.wrap<InferenceApi>(worker), terminate: () => worker.terminate() };
}

let manifest: ModelManifest | undefined;
let pipeline: ReturnType<typeof createPipelineWorker> | undefined;
let bench: ReturnType<typeof createBenchWorker> | undefined;

const installed = () => {
  if (!manifest) throw new Error('Call install() first.');
  return manifest;
};

const offlineBench = {
  async install(host: string, repo: string): Promise<{ bytes: number; files: number }> {
    manifest = await install(host, repo);
    return { bytes: totalBytes(manifest), files: manifest.files.length };
  },

  /** Both workers load the installed model (untimed, so side by side): the app's inference worker and the bench worker. */
  async loadBoth(): Promise<void> {
    const model = installed();
    pipeline = createPipelineWorker();
    bench = createBenchWorker();
    await Promise.all([
      pipeline.api.loadModel({ source: sourceOf(model), device: DEVICE, dtype: model.dtype, modelBytes: totalBytes(model) }),
      bench.api.load(sourceOf(model), model.dtype),
    ]);
  },

  /** One draft through the inference worker, with progress proxied back as the Offline engine does. */
  async pipelineDraft(images: PreparedImage[], maxNewTokens: number, requestId: string): Promise<PipelineRun> {
    if (!pipeline) throw new Error('Call loadBoth() first.');
    let progressEvents = 0;
    const onEvent = Comlink.proxy((_event: InferenceEvent) => void (progressEvents += 1));
    const started = performance.now();
    const draft = await pipeline.api.generateDraft({ requestId, images, maxNewTokens }, onEvent);
    const wallMs = performance.now() - started;
    return { wallMs, tokens: draft.tokenIds.length, complete: draft.complete, generationSeconds: draft.generationSeconds, progressEvents };
  },

  bareGenerate: (images: PreparedImage[], tokens: number) => {
    if (!bench) throw new Error('Call loadBoth() first.');
    return bench.api.bareGenerate(images, tokens);
  },

  constrainedGenerate: (images: PreparedImage[], tokens: number) => {
    if (!bench) throw new Error('Call loadBoth() first.');
    return bench.api.constrainedGenerate(images, tokens);
  },

  replayGrammarMask: (warmPasses: number) => {
    if (!bench) throw new Error('Call loadBoth() first.');
    return bench.api.replayGrammarMask(warmPasses);
  },

  /**
   * Item 4: every timed load runs in a fresh worker, as an analysis does after the page opens:
   * nothing memoized by transformers.js, the ONNX runtime started by the load itself (the same
   * cost on both paths). One worker first fills transformers.js's Cache API cache from the network.
   */
  async loadTimes(rounds: number, warmUp: boolean): Promise<Record<LoadPath, number[]>> {
    const model = installed();
    const source = sourceOf(model);
    const inFreshWorker = async <T>(run: (api: Comlink.Remote<OfflineBenchApi>) => Promise<T>): Promise<T> => {
      const worker = createBenchWorker();
      try {
        return await run(worker.api);
      } finally {
        worker.terminate();
      }
    };
    // transformers.js 4.3.1 probes tokenizer_config.json at revision 'main' whatever the revision
    // asked for (get_tokenizer_files), so its own cache only works offline when filled under
    // 'main', its default. ModelStore answers both the revision name and the pinned commit.
    const cacheSource = { ...source, revision: 'main' };
    await inFreshWorker((api) => api.fillCacheApi(cacheSource, model.dtype));
    const timeLoad = (path: LoadPath) => inFreshWorker((api) => api.timeLoad(path, path === 'cache-api' ? cacheSource : source, model.dtype));
    if (warmUp) {
      await timeLoad('model-store');
      await timeLoad('cache-api');
    }
    const times: Record<LoadPath, number[]> = { 'model-store': [], 'cache-api': [] };
    for (let round = 0; round < rounds; round += 1) {
      const order: LoadPath[] = round % 2 === 0 ? ['model-store', 'cache-api'] : ['cache-api', 'model-store'];
      for (const path of order) times[path].push(await timeLoad(path));
    }
    return times;
  },

  dispose(): void {
    pipeline?.terminate();
    bench?.terminate();
  },
};

export type OfflineBenchPage = typeof offlineBench;
(window as unknown as { offlineBench: OfflineBenchPage }).offlineBench = offlineBench;
document.getElementById('status')!.textContent = 'ready';
