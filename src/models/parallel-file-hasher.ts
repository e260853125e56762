/**
 * FileHasher backed by the hash worker: chunks are transferred (no copy) and hashed on another
 * core while the next chunk is written. At most `maxInFlightBytes` wait in the worker, so a
 * slow hash cannot pile up the whole download in memory.
 */
import * as Comlink from 'comlink';
import type { FileHasher, HasherFactory } from './file-hasher';
import type { HashApi } from './hash-api';

const DEFAULT_MAX_IN_FLIGHT = 16 * 1024 * 1024;

export function createParallelHasherFactory(api: Comlink.Remote<HashApi>, maxInFlightBytes = DEFAULT_MAX_IN_FLIGHT): HasherFactory {
  return async (file, saved) => {
    const id = await api.open(file, saved);
    const inFlight: { bytes: number; done: Promise<void> }[] = [];
    let pending = 0;
    let failure: unknown;
    const check = () => {
      if (failure !== undefined) throw failure;
    };
    const hasher: FileHasher = {
      async update(chunk) {
        check();
        // Transfer only a chunk that owns its whole buffer; anything else is copied first.
        const owned = chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength ? chunk : chunk.slice();
        const done = api.update(id, Comlink.transfer(owned, [owned.buffer])).catch((error: unknown) => {
          failure ??= error;
        });
        inFlight.push({ bytes: owned.byteLength, done });
        pending += owned.byteLength;
        while (pending > maxInFlightBytes && inFlight.length > 0) {
          const oldest = inFlight.shift()!;
          await oldest.done;
          pending -= oldest.bytes;
        }
        check();
      },
      async save() {
        const state = await api.save(id);
        check();
        return state;
      },
      async digest() {
        const digest = await api.digest(id);
        check();
        return digest;
      },
      reset: () => api.reset(id),
      dispose: () => void api.close(id).catch(() => undefined),
    };
    return hasher;
  };
}

/**
 * The hash worker is started on first use; where workers cannot start workers, hashing stays
 * on the calling thread.
 */
export function createHashWorkerHasherFactory(fallback: HasherFactory): HasherFactory {
  if (typeof Worker === 'undefined') return fallback;
  let factory: HasherFactory | undefined;
  return (file, saved) => {
    factory ??= createParallelHasherFactory(
      Comlink.wrap<HashApi>(new Worker(new URL('../../workers/hash.worker.ts', import.meta.url), { type: 'module', name: 'model-hash' })),
    );
    return factory(file, saved);
  };
}
