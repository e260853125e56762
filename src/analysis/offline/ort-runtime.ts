/**
 * The ONNX runtime's WebAssembly, served from the app's own origin and kept for offline use.
 *
 * Its JavaScript glue needs no handling: the `onnxruntime-web/webgpu` build transformers.js
 * imports has it bundled, so it is part of the inference worker's own chunk (precached with the
 * app shell). ORT uses the bundled glue as long as no `wasmPaths.mjs` (nor a path prefix) is
 * set; setting one makes it import the glue from that URL, which is what used to need a blob:
 * URL and so a `script-src blob:` in the CSP. transformers.js sets both paths to a public CDN by
 * default: they are replaced here by the wasm alone.
 *
 * The 27 MB .wasm is not precached (most users of Cloud mode never need it; see vite.config.ts
 * globIgnores), so the first offline load, or `prepareRuntime()` right after a model download,
 * stores it in the Cache API; later loads hand ORT the cached bytes (`wasmBinary`), so nothing is
 * fetched, not even from our origin.
 */
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import { ModelLoadError } from '../../errors';
import type { TransformersEnv } from './load-qwen2vl';

/** One cache; entries are keyed by the hashed asset URL, so an app update brings a new one. */
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

/** Drops runtime files of earlier app versions (and the separate glue file they kept). */
async function pruneOldVersions(cache: Cache, current: readonly string[]): Promise<void> {
  for (const request of await cache.keys()) {
    if (!current.includes(request.url)) await cache.delete(request);
  }
}

export async function prepareOrtRuntime(transformersEnv: TransformersEnv): Promise<void> {
  const wasmUrl = new URL(ortWasmUrl, self.location.href).href;
  const cache = await caches.open(ORT_RUNTIME_CACHE);
  const wasm = await cachedBytes(cache, wasmUrl);
  await pruneOldVersions(cache, [wasmUrl]);
  const onnx = (transformersEnv.backends.onnx as { wasm?: OnnxWasmEnv }).wasm;
  if (!onnx) throw new Error('transformers.js has no ONNX WebAssembly backend in this build.');
  onnx.wasmBinary = wasm;
  // No `mjs`: ORT then runs the glue bundled in this worker instead of importing one.
  onnx.wasmPaths = { wasm: wasmUrl };
  // Without cross-origin isolation there are no threads; with it, 2 threads gave no speed-up here.
  onnx.numThreads = 1;
  // transformers.js would otherwise fetch the runtime again to cache it in env.customCache.
  transformersEnv.useWasmCache = false;
}
