/**
 * The inference worker's dependencies in the browser: models read from ModelStore (OPFS +
 * IndexedDB) through transformers.js's custom cache, the ONNX runtime from our origin (cached),
 * xgrammar bundled by Vite, and no network for model files at all.
 */
import { ModelLoadError } from '../../errors';
import { createModelStore } from '../../models/model-store';
import type { ModelSource } from '../../models/registry';
import { createTransformersCache, type TransformersCache } from '../../models/transformers-cache';
import type { InferenceApiDeps } from './create-inference-api';
import type { TransformersEnv } from './load-qwen2vl';
import { prepareOrtRuntime } from './ort-runtime';

/**
 * Every model file is verified in ModelStore before an analysis may start, so a cache miss is a
 * damaged install: say so instead of quietly downloading from the Hub (another origin).
 */
async function refuseNetwork(input: RequestInfo | URL): Promise<Response> {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  throw new ModelLoadError(`${url} is not in the model store on this device. Re-download the model in Settings.`);
}

/**
 * Points transformers.js at ModelStore: every file (graphs, external data, configs) is read
 * through the custom cache under its remote URL, and nothing is fetched. Node tests use the same.
 */
export function readModelsFromStore(env: TransformersEnv, cache: TransformersCache, source: ModelSource): void {
  env.allowLocalModels = false;
  env.allowRemoteModels = true; // "remote" URLs are only cache keys: fetch is refused below
  env.useBrowserCache = false;
  env.useCustomCache = true;
  env.customCache = cache;
  env.remoteHost = source.host;
  env.fetch = refuseNetwork;
}

export function createBrowserInferenceDeps(): InferenceApiDeps {
  const cache = createTransformersCache(createModelStore());
  return {
    loadXGrammar: () => import('@mlc-ai/web-xgrammar'),
    prepareRuntime: prepareOrtRuntime,
    configureModelSource: (env, source) => readModelsFromStore(env, cache, source),
  };
}
