/**
 * The ONNX runtime's WebAssembly files, served from the app's own origin and kept for offline
 * use. They are not precached by the service worker (27 MB most users of Cloud mode never need,
 * see vite.config.ts globIgnores), so the first offline load, or `prepareRuntime()` right after
 * a model download, stores them in the Cache API; later loads hand ORT the cached bytes
 * (`wasmBinary`) and the glue as a blob: URL, so nothing is fetched, not even from our origin.
 */
import ortGlueUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import { ModelLoadError } from '../../errors';
import type { TransformersEnv } from './load-qwen2vl';

/** One cache; entries are keyed by the hashed asset URLs, so an app update brings new ones. */
export const ORT_RUNTIME_CACHE = 'onnx-runtime';

interface OnnxWasmEnv {
  wasmPaths?: string | { mjs?: string; wasm?: string };
  wasmBinary?: ArrayBuffer | Uint8Array;
  numThreads?: number;
}

const NOT_STORED_YET =
  'The offline runtime (ONNX Runtime WebAssembly, about 27 MB) is not stored on this device yet, and it could not be fetched';

async function cachedBytes(cache: Cache, url: string): Promise<ArrayBuffer> {
  let response = await cache.match(url);
  if (!response) {
    const fetched = await fetch(url).catch((error: unknown) => {
      throw new ModelLoadError(`${NOT_STORED_YET} (${error instanceof Error ? error.message : String(error)}). Connect to the internet once and analyse again.`);
    });
    if (!fetched.ok) throw new ModelLoadError(`${NOT_STORED_YET} (${url}: HTTP ${fetched.status}).`);
    await cache.put(url, fetched.clone());
    response = fetched;
  }
  return response.arrayBuffer();
}

/** Drops runtime files of earlier app versions. */
async function pruneOldVersions(cache: Cache, current: readonly string[]): Promise<void> {
  for (const request of await cache.keys()) {
    if (!current.includes(request.url)) await cache.delete(request);
  }
}

export async function prepareOrtRuntime(transformersEnv: TransformersEnv): Promise<void> {
  const glueUrl = new URL(ortGlueUrl, self.location.href).href;
  const wasmUrl = new URL(ortWasmUrl, self.location.href).href;
  const cache = await caches.open(ORT_RUNTIME_CACHE);
  const [glue, wasm] = await Promise.all([cachedBytes(cache, glueUrl), cachedBytes(cache, wasmUrl)]);
  await pruneOldVersions(cache, [glueUrl, wasmUrl]);
  const onnx = (transformersEnv.backends.onnx as { wasm?: OnnxWasmEnv }).wasm;
  if (!onnx) throw new Error('transformers.js has no ONNX WebAssembly backend in this build.');
  onnx.wasmBinary = wasm;
  onnx.wasmPaths = { mjs: URL.createObjectURL(new Blob([glue], { type: 'text/javascript' })), wasm: wasmUrl };
  // Without cross-origin isolation there are no threads; with it, 2 threads gave no speed-up here.
  onnx.numThreads = 1;
  // transformers.js would otherwise fetch the runtime again to cache it in env.customCache.
  transformersEnv.useWasmCache = false;
}
