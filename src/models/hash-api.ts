/**
 * The hash worker's contract (workers/hash.worker.ts). The download worker writes each chunk to
 * OPFS and hands it here, so SHA-256 runs on another core instead of adding to the write time.
 */
import type { FileDigest, FileToHash } from './file-hasher';

export interface HashApi {
  /** Starts hashing a file (from `saved` state when resuming); returns its id. */
  open(file: FileToHash, saved?: Uint8Array[]): Promise<number>;
  update(id: number, chunk: Uint8Array): void;
  save(id: number): Uint8Array[];
  /** Final digest; the id is released. */
  digest(id: number): FileDigest;
  reset(id: number): void;
  close(id: number): void;
}
