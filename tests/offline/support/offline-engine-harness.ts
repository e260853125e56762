/**
 * The Offline engine's worker, played in this process: a "worker" whose other end runs the real
 * inference API over a real MessageChannel, and the fixture model as an installed manifest.
 */
import * as Comlink from 'comlink';
import type { ModelManifest } from '../../../src/models/model-manifest';
import { registerAppErrorTransfer } from '../../../src/worker-errors';
import { createNodeInferenceApi, fixtureLoadRequest, type NodeInferenceOptions } from './node-inference';

export interface FakeWorkerLog {
  created: number;
  terminated: number;
}

/** A "worker" whose other end runs the inference API in this process, over a real MessageChannel. */
export function createWorkerFactory(options: NodeInferenceOptions, log: FakeWorkerLog): () => Worker {
  registerAppErrorTransfer();
  return () => {
    const { port1, port2 } = new MessageChannel();
    const api = createNodeInferenceApi(options);
    Comlink.expose(api, port2);
    log.created += 1;
    return Object.assign(port1, {
      terminate() {
        log.terminated += 1;
        void api.unloadModel();
        port1.close();
        port2.close();
      },
    }) as unknown as Worker;
  };
}

export async function fixtureManifest(): Promise<ModelManifest> {
  const request = await fixtureLoadRequest();
  return {
    ...request.source,
    key: 'fixture',
    variantId: 'qwen2-vl-2b',
    commit: 'fixture-commit',
    device: 'wasm',
    dtype: request.dtype,
    files: [{ path: 'onnx/decoder_model_merged.onnx', size: request.modelBytes, sha256: '', check: { kind: 'sha256' }, state: 'ready', bytesDone: request.modelBytes }],
    state: 'ready',
    createdAt: 0,
    updatedAt: 0,
  };
}

