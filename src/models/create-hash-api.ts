/** HashApi over hash-wasm: one local hasher per open file id. */
import { createLocalFileHasher, type LocalFileHasher } from './file-hasher';
import type { HashApi } from './hash-api';

export function createHashApi(): HashApi {
  const hashers = new Map<number, LocalFileHasher>();
  let nextId = 1;
  const get = (id: number) => {
    const hasher = hashers.get(id);
    if (!hasher) throw new Error(`no open hasher ${id}`);
    return hasher;
  };
  const api = {
    async open(file, saved) {
      const id = nextId++;
      hashers.set(id, await createLocalFileHasher(file, saved));
      return id;
    },
    update: (id, chunk) => get(id).update(chunk),
    save: (id) => get(id).save(),
    digest(id) {
      const digest = get(id).digest();
      hashers.delete(id);
      return digest;
    },
    reset: (id) => get(id).reset(),
    close: (id) => void hashers.delete(id),
  } satisfies HashApi;
  return api;
}
