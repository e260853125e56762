/**
 * ModelFileSystem on a real directory (node:fs), so the downloader and store run in Node tests
 * against real files. `quotaBytes` mimics Chromium's quota behaviour seen with OPFS sync
 * handles: the write that crosses the limit stores part of the chunk and reports failure.
 */
import { closeSync, fstatSync, ftruncateSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { QuotaExceededError, StorageError } from '../../../src/errors';
import { storageName, type ModelFileSystem } from '../../../src/models/model-file-system';

export interface NodeModelFileSystem extends ModelFileSystem {
  /** Change the simulated quota (undefined: unlimited). */
  setQuota(bytes: number | undefined): void;
}

export function createNodeModelFileSystem(root: string, quotaBytes?: number): NodeModelFileSystem {
  let quota = quotaBytes;
  const open = new Set<string>();
  const fileOf = (key: string, path: string) => join(root, storageName(key), storageName(path));

  async function sizeOf(dir: string): Promise<number> {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    let total = 0;
    for (const entry of entries) {
      const full = join(dir, entry.name);
      total += entry.isDirectory() ? await sizeOf(full) : (await stat(full)).size;
    }
    return total;
  }

  const fs: NodeModelFileSystem = {
    setQuota(bytes) {
      quota = bytes;
    },
    async openWriter(key, path) {
      const target = fileOf(key, path);
      if (open.has(target)) throw new StorageError(`${path} is open elsewhere`);
      mkdirSync(join(root, storageName(key)), { recursive: true });
      const fd = openSync(target, 'a+');
      closeSync(fd);
      const handle = openSync(target, 'r+');
      open.add(target);
      const used = await sizeOf(root);
      let usedOthers = used - fstatSync(handle).size;
      return {
        size: () => fstatSync(handle).size,
        truncate: (size) => ftruncateSync(handle, size),
        write(data, at) {
          const limit = quota === undefined ? Number.POSITIVE_INFINITY : quota - usedOthers;
          const room = Math.max(0, limit - at);
          if (room < data.byteLength) {
            if (room > 0) writeSync(handle, data, 0, room, at);
            ftruncateSync(handle, at);
            throw new QuotaExceededError();
          }
          writeSync(handle, data, 0, data.byteLength, at);
        },
        flush: () => fsyncSync(handle),
        close() {
          closeSync(handle);
          open.delete(target);
          usedOthers = 0;
        },
      };
    },
    async readFile(key, path) {
      const bytes = await readFile(fileOf(key, path)).catch(() => undefined);
      return bytes ? new File([bytes], path.slice(path.lastIndexOf('/') + 1)) : undefined;
    },
    async removeFile(key, path) {
      const size = (await stat(fileOf(key, path)).catch(() => undefined))?.size ?? 0;
      await rm(fileOf(key, path), { force: true });
      return size;
    },
    async removeModel(key) {
      const dir = join(root, storageName(key));
      const size = await sizeOf(dir);
      await rm(dir, { recursive: true, force: true });
      return size;
    },
    async removeAll() {
      const size = await sizeOf(root);
      await rm(root, { recursive: true, force: true });
      mkdirSync(root, { recursive: true });
      return size;
    },
    usage: () => sizeOf(root),
  };
  mkdirSync(root, { recursive: true });
  return fs;
}
