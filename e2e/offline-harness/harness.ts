/**
 * A test page for the offline pipeline in real Chromium, without the app UI: downloads a model
 * into the real ModelStore through the real download worker, then runs the real inference worker
 * on a chosen device (the app always picks the device itself). Playwright calls `window.harness`.
 */
import * as Comlink from 'comlink';
import type { DraftResult, InferenceApi, InferenceEvent } from '../../src/analysis/offline/inference-api';
import { registerAppErrorTransfer } from '../../src/worker-errors';
import { createOfflineEngine } from '../../src/analysis/offline/offline-engine';
import type { PreparedImage } from '../../src/analysis/types';
import { toErrorInfo, type ErrorInfo } from '../../src/errors';
import { createDownloadClient } from '../../src/models/download-client';
import { createModelStore } from '../../src/models/model-store';
import { totalBytes, type ModelManifest } from '../../src/models/model-manifest';
import type { InferenceDevice } from '../../src/models/registry';

registerAppErrorTransfer();
const store = createModelStore();

type Outcome<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };
async function outcome<T>(run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, error: toErrorInfo(error) };
  }
}

async function download(host: string, repo: string, device: InferenceDevice): Promise<ModelManifest> {
  const client = createDownloadClient();
  try {
    const resolved = await client.resolve({ host, repo, revision: 'main', variantId: 'custom', device, hasShaderF16: false });
    if (!resolved.ok) throw new Error(resolved.error.message);
    const done = await client.download(resolved.model.key, () => undefined);
    if (done.status !== 'ready') throw new Error(`download ${done.status}`);
    const manifest = await store.manifest(resolved.model.key);
    if (!manifest) throw new Error('no manifest after download');
    return manifest;
  } finally {
    client.dispose();
  }
}

/** The first few generated tokens on one device, in a fresh worker. */
async function firstTokens(manifest: ModelManifest, device: InferenceDevice, images: PreparedImage[], tokens: number) {
  const worker = new Worker(new URL('../../workers/inference.worker.ts', import.meta.url), { type: 'module' });
  const api = Comlink.wrap<InferenceApi>(worker);
  try {
    const events: InferenceEvent['type'][] = [];
    const onEvent = Comlink.proxy((event: InferenceEvent) => void events.push(event.type));
    const source = { host: manifest.host, repo: manifest.repo, revision: manifest.commit };
    const started = performance.now();
    await api.loadModel({ source, device, dtype: manifest.dtype, modelBytes: totalBytes(manifest) }, onEvent);
    const draft: DraftResult = await api.generateDraft({ requestId: device, images, maxNewTokens: tokens }, onEvent);
    return { tokenIds: draft.tokenIds, text: draft.text, seconds: (performance.now() - started) / 1000, events: [...new Set(events)] };
  } finally {
    worker.terminate();
  }
}

let engine: ReturnType<typeof createOfflineEngine> | undefined;
const requireEngine = () => {
  if (!engine) throw new Error('createEngine() first');
  return engine;
};

/**
 * Cancels a generation through the worker's cancel() (no termination) and checks that the same
 * worker then generates again: proof that the cancel message got through during generation.
 */
async function cancelCooperatively(manifest: ModelManifest, images: PreparedImage[]) {
  const worker = new Worker(new URL('../../workers/inference.worker.ts', import.meta.url), { type: 'module' });
  const api = Comlink.wrap<InferenceApi>(worker);
  try {
    const source = { host: manifest.host, repo: manifest.repo, revision: manifest.commit };
    await api.loadModel({ source, device: 'wasm', dtype: manifest.dtype, modelBytes: totalBytes(manifest) });
    let cancelledAt = 0;
    let tokensAtCancel = 0;
    let lastTokens = 0;
    const onEvent = Comlink.proxy((event: InferenceEvent) => {
      if (event.type !== 'generating') return;
      lastTokens = event.tokens;
      if (cancelledAt === 0 && event.tokens >= 30) {
        cancelledAt = performance.now();
        tokensAtCancel = event.tokens;
        void api.cancel('cancel-me');
      }
    });
    const error = await api.generateDraft({ requestId: 'cancel-me', images }, onEvent).then(
      () => null,
      (caught: unknown) => toErrorInfo(caught),
    );
    const stoppedAfterMs = performance.now() - cancelledAt;
    const after = await api.generateDraft({ requestId: 'after', images, maxNewTokens: 5 });
    return { error, stoppedAfterMs, tokensAtCancel, lastTokens, tokensAfter: after.tokenIds.length };
  } finally {
    worker.terminate();
  }
}

const harness = {
  cancelCooperatively: (manifest: ModelManifest, images: PreparedImage[]) => outcome(() => cancelCooperatively(manifest, images)),
  probeGpu: async () => {
    const gpu = (navigator as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
    return Boolean((await gpu?.requestAdapter()) ?? (await gpu?.requestAdapter()));
  },
  download: (host: string, repo: string, device: InferenceDevice) => outcome(() => download(host, repo, device)),
  firstTokens: (manifest: ModelManifest, device: InferenceDevice, images: PreparedImage[], tokens: number) =>
    outcome(() => firstTokens(manifest, device, images, tokens)),
  /** The Offline engine for `manifest`, its worker kept between calls (device chosen by the engine). */
  createEngine: (manifest: ModelManifest) => {
    engine = createOfflineEngine({ getModel: async () => manifest, keepModelLoaded: () => true, variantName: () => manifest.repo });
  },
  warmUp: () => outcome(() => requireEngine().warmUp()),
  analyze: (images: PreparedImage[], srefCode: string) =>
    outcome(async () => {
      const stages: string[] = [];
      const result = await requireEngine().analyze({ images, srefCode, onProgress: (progress) => void stages.push(progress.stage) });
      return { result, stages: [...new Set(stages)] };
    }),
};

(window as unknown as { harness: typeof harness }).harness = harness;
document.title = 'harness ready';
