/**
 * The benchmark worker's logic. Model files always come from this origin's storage: ModelStore
 * through the app's own wiring (createBrowserInferenceDeps), or transformers.js's Cache API cache
 * for the item 4 reference; the network is refused while timing.
 */
import { AutoProcessor, env, Qwen2VLForConditionalGeneration } from '@huggingface/transformers';
import { createBrowserInferenceDeps } from '../../src/analysis/offline/browser-inference-deps';
import { createTokenMasker } from '../../src/analysis/offline/grammar';
import { loadQwen2Vl, type LoadedQwen2Vl } from '../../src/analysis/offline/load-qwen2vl';
import { prepareOrtRuntime } from '../../src/analysis/offline/ort-runtime';
import type { DtypeSet, ModelSource } from '../../src/models/registry';
import { bareGenerate, constrainedGenerate } from '../support/bare-generate';
import { replayGrammarMask } from '../support/grammar-mask-replay';
import { createLongValidDraft } from '../support/long-valid-draft';
import type { LoadPath, OfflineBenchApi } from './offline-bench-api';

const DEVICE = 'wasm';

async function refuseNetwork(input: string | URL): Promise<Response> {
  throw new Error(`The benchmark refused a network request for ${String(input)} (the model must come from local storage).`);
}

export function createOfflineBenchApi() {
  const deps = createBrowserInferenceDeps();
  const runtime = prepareOrtRuntime(env);
  let loaded: LoadedQwen2Vl | undefined;

  const requireLoaded = () => {
    if (!loaded) throw new Error('Call load() first.');
    return loaded;
  };

  /** transformers.js's own path: its Cache API cache, keyed by the remote URLs. */
  function useCacheApi(source: ModelSource, network: 'allowed' | 'refused') {
    env.allowLocalModels = false;
    env.allowRemoteModels = true;
    env.useCustomCache = false;
    env.useBrowserCache = true;
    env.remoteHost = source.host;
    env.fetch = network === 'allowed' ? (input, init) => fetch(input, init) : refuseNetwork;
  }

  /** The same from_pretrained calls the app makes (load-qwen2vl.ts), progress callback included. */
  async function loadSessions(source: ModelSource, dtype: DtypeSet) {
    const options = { revision: source.revision };
    await AutoProcessor.from_pretrained(source.repo, options);
    return Qwen2VLForConditionalGeneration.from_pretrained(source.repo, {
      ...options,
      device: DEVICE,
      dtype,
      session_options: {},
      progress_callback: () => undefined,
    } as Parameters<typeof Qwen2VLForConditionalGeneration.from_pretrained>[1]);
  }

  const api = {
    async load(source, dtype) {
      await runtime;
      loaded = await loadQwen2Vl({
        source,
        device: DEVICE,
        dtype,
        xgrammar: await import('@mlc-ai/web-xgrammar'),
        configureModelSource: deps.configureModelSource,
        runtimeDevice: (device) => device,
      });
    },

    async replayGrammarMask(warmPasses) {
      const { grammar, tokenizer } = requireLoaded();
      const documentIds = tokenizer.encode(JSON.stringify(createLongValidDraft()), { add_special_tokens: false });
      const masker = createTokenMasker();
      const cold = await replayGrammarMask(grammar, documentIds, masker);
      const warm = [];
      for (let pass = 0; pass < warmPasses; pass += 1) warm.push(await replayGrammarMask(grammar, documentIds, masker));
      return { documentTokens: documentIds.length, cold, warm };
    },

    bareGenerate: async (images, tokens) => bareGenerate(requireLoaded(), images, tokens),

    constrainedGenerate: async (images, tokens) => constrainedGenerate(requireLoaded(), images, tokens),

    async fillCacheApi(source, dtype) {
      await runtime;
      useCacheApi(source, 'allowed');
      await (await loadSessions(source, dtype)).dispose();
    },

    async timeLoad(path: LoadPath, source, dtype) {
      await runtime;
      if (path === 'model-store') deps.configureModelSource(env, source);
      else useCacheApi(source, 'refused');
      const started = performance.now();
      const model = await loadSessions(source, dtype);
      const elapsed = performance.now() - started;
      await model.dispose();
      return elapsed;
    },
  } satisfies OfflineBenchApi;
  return api;
}
