/** Where model bytes are kept (OPFS in the browser). One writer per file at a time. */
import type { ModelKey } from './model-manifest';

export interface ModelFileWriter {
  size(): number;
  truncate(size: number): void;
  /**
   * Writes all of `data` at `at`, or throws QuotaExceededError with the file truncated back to
   * `at` (a write past the quota may have stored part of the chunk: FACTS.md section 1).
   */
  write(data: Uint8Array, at: number): void;
  /** Makes written bytes durable before their offset is recorded as done. */
  flush(): void;
  close(): void;
}

export interface ModelFileSystem {
  openWriter(key: ModelKey, path: string): Promise<ModelFileWriter>;
  readFile(key: ModelKey, path: string): Promise<File | undefined>;
  /** Bytes removed. */
  removeFile(key: ModelKey, path: string): Promise<number>;
  removeModel(key: ModelKey): Promise<number>;
  removeAll(): Promise<number>;
  /** Bytes stored for all models, partial files included. */
  usage(): Promise<number>;
}

/** OPFS entry names cannot contain '/', so keys and repo paths are percent-encoded. */
export function storageName(keyOrPath: string): string {
  return encodeURIComponent(keyOrPath);
}
