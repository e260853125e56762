/** createInferenceApi wired for Node: onnxruntime-node on CPU, fixture models from disk. */
import { createInferenceApi } from '../../../src/analysis/offline/create-inference-api';
import type { DeviceReport, LoadModelRequest } from '../../../src/analysis/offline/inference-api';
import type { InferenceDevice } from '../../../src/models/registry';
import { ensureFixture, fixtureModelsDir, type FixtureVariant } from './fixture-model';
import { loadXGrammarInNode } from './node-xgrammar';

export interface NodeInferenceOptions {
  /** What probeDevice() reports (default: no GPU). */
  device?: DeviceReport;
  /**
   * transformers.js device per requested device (default: always onnxruntime-node's 'cpu').
   * Passing 'webgpu' through makes a WebGPU load fail for real: Node has no WebGPU backend.
   */
  runtimeDevice?: (device: InferenceDevice) => string;
}

export function createNodeInferenceApi(options: NodeInferenceOptions = {}) {
  return createInferenceApi({
    loadXGrammar: loadXGrammarInNode,
    configureModelSource(env) {
      env.allowRemoteModels = false;
      env.allowLocalModels = true;
      env.localModelPath = `${fixtureModelsDir}/`;
    },
    probeDevice: async () => options.device ?? { gpu: null, deviceMemoryGb: null },
    runtimeDevice: options.runtimeDevice ?? (() => 'cpu'),
    // One thread: measured faster than two for this tiny model on 2 cores, and test files run in parallel.
    sessionOptions: { intraOpNumThreads: 1, interOpNumThreads: 1 },
    yieldToEventLoop: () => new Promise<void>((resolve) => setImmediate(resolve)),
  });
}

export async function fixtureLoadRequest(variant: FixtureVariant = 'standard'): Promise<LoadModelRequest> {
  const source = await ensureFixture(variant);
  const dtype = { vision_encoder: 'fp32', embed_tokens: 'fp32', decoder_model_merged: 'fp32' };
  return { source, device: 'wasm', dtype, modelBytes: 40_000_000 };
}
