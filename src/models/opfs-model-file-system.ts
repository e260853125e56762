/// <reference lib="webworker" />
/**
 * ModelFileSystem on the Origin Private File System: `models/<key>/<path>`, names percent-encoded.
 * Writers use `createSyncAccessHandle`, so `openWriter` works only in a dedicated worker;
 * reading works in pages, workers and the service worker.
 */
import { QuotaExceededError, StorageError } from '../errors';
import { storageName, type ModelFileSystem, type ModelFileWriter } from './model-file-system';

const ROOT_DIR = 'models';

/** DOM lib here lacks DOM.AsyncIterable: the directory iteration we use, typed locally. */
type IterableDirectory = FileSystemDirectoryHandle & { values(): AsyncIterable<FileSystemHandle> };

export function createOpfsModelFileSystem(): ModelFileSystem {
  async function modelsDir(): Promise<FileSystemDirectoryHandle> {
    if (!globalThis.navigator?.storage?.getDirectory) throw new StorageError('This browser has no Origin Private File System.');
    const root = await navigator.storage.getDirectory();
    return root.getDirectoryHandle(ROOT_DIR, { create: true });
  }

  async function modelDir(key: string, create: boolean): Promise<FileSystemDirectoryHandle | undefined> {
    try {
      return await (await modelsDir()).getDirectoryHandle(storageName(key), { create });
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async function fileHandle(key: string, path: string): Promise<FileSystemFileHandle | undefined> {
    const dir = await modelDir(key, false);
    if (!dir) return undefined;
    try {
      return await dir.getFileHandle(storageName(path));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  return {
    async openWriter(key, path) {
      const dir = (await modelDir(key, true))!;
      const handle = await dir.getFileHandle(storageName(path), { create: true });
      try {
        return createSyncWriter(await handle.createSyncAccessHandle());
      } catch (error) {
        throw asStorageError(error, `${path} is open elsewhere`);
      }
    },
    async readFile(key, path) {
      return (await fileHandle(key, path))?.getFile();
    },
    async removeFile(key, path) {
      const dir = await modelDir(key, false);
      const file = await (await fileHandle(key, path))?.getFile();
      if (!dir || !file) return 0;
      await dir.removeEntry(storageName(path));
      return file.size;
    },
    async removeModel(key) {
      const dir = await modelDir(key, false);
      if (!dir) return 0;
      const bytes = await directorySize(dir);
      await (await modelsDir()).removeEntry(storageName(key), { recursive: true });
      return bytes;
    },
    async removeAll() {
      const dir = await modelsDir();
      const bytes = await directorySize(dir);
      for await (const entry of (dir as IterableDirectory).values()) await dir.removeEntry(entry.name, { recursive: true });
      return bytes;
    },
    async usage() {
      return directorySize(await modelsDir());
    },
  };
}

function createSyncWriter(handle: FileSystemSyncAccessHandle): ModelFileWriter {
  return {
    size: () => handle.getSize(),
    truncate: (size) => {
      try {
        handle.truncate(size);
      } catch (error) {
        throw asStorageError(error, 'truncate failed');
      }
    },
    write(data, at) {
      let written: number;
      try {
        written = handle.write(data, { at });
      } catch (error) {
        throw asStorageError(error, 'write failed');
      }
      // Chromium returns a short count, or an error code read as a huge unsigned number
      // (4294967288), when the quota is hit; part of the chunk may have landed anyway.
      if (written !== data.byteLength) {
        handle.truncate(at);
        throw new QuotaExceededError();
      }
    },
    flush: () => {
      try {
        handle.flush();
      } catch (error) {
        throw asStorageError(error, 'flush failed');
      }
    },
    close: () => handle.close(),
  };
}

async function directorySize(dir: FileSystemDirectoryHandle): Promise<number> {
  let total = 0;
  for await (const entry of (dir as IterableDirectory).values()) {
    if (entry.kind === 'file') total += (await (entry as FileSystemFileHandle).getFile()).size;
    else total += await directorySize(entry as FileSystemDirectoryHandle);
  }
  return total;
}

function isNotFound(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'NotFoundError' || error.name === 'TypeMismatchError');
}

function asStorageError(error: unknown, what: string): Error {
  if (error instanceof DOMException && error.name === 'QuotaExceededError') return new QuotaExceededError();
  return new StorageError(`${what}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
}
