/**
 * What the store records about one installed (or installing) model: the source pinned to a
 * commit, the dtype set, and per file its size, SHA-256, state and progress. Pure types + rules.
 */
import type { ErrorInfo } from '../errors';
import { dtypeSetId, type DtypeSet, type InferenceDevice, type ModelSource } from './registry';

/** `${host}|${repo}|${revision}|${dtypeSetId}`: one dtype set of one source. */
export type ModelKey = string;

export function createModelKey(source: ModelSource, dtype: DtypeSet): ModelKey {
  return [source.host, source.repo, source.revision, dtypeSetId(dtype)].join('|');
}

export type FileState = 'pending' | 'downloading' | 'ready' | 'corrupt';

/**
 * How a file is verified. LFS files: the tree's `lfs.oid` is the SHA-256, known before the
 * download. Small non-LFS files: the tree only gives the git blob SHA-1 (`oid`), so the
 * downloader checks the git blob hash (sha1 of "blob {size}\0" + bytes) and records the SHA-256
 * it computed, which later checks (import, re-verify) use.
 */
export type FileCheck = { kind: 'sha256' } | { kind: 'git-blob-sha1'; oid: string };

export interface ManifestFile {
  path: string;
  size: number;
  /** Lower-case hex. For non-LFS files: empty until the file has been downloaded and checked. */
  sha256: string;
  check: FileCheck;
  state: FileState;
  /** Bytes written, hashed and flushed: a resume continues from here. */
  bytesDone: number;
  /** hash-wasm saved state(s) at `bytesDone` (SHA-256, then git SHA-1 when checked that way). */
  hashState?: Uint8Array[];
  lastUsed?: number;
}

export type ManifestState = 'downloading' | 'paused' | 'ready' | 'corrupt' | 'error';

export interface ModelManifest extends ModelSource {
  key: ModelKey;
  /** Registry variant that asked for it (for display); the key is what identifies it. */
  variantId: string;
  /** The revision resolved through the Hub API: downloads always use this commit. */
  commit: string;
  /** Device the dtype set was chosen for. */
  device: InferenceDevice;
  dtype: DtypeSet;
  files: ManifestFile[];
  state: ManifestState;
  error?: ErrorInfo;
  createdAt: number;
  updatedAt: number;
}

export type ModelStatus =
  | { kind: 'not-downloaded' }
  | { kind: 'downloading'; percent: number; bytesDone: number; totalBytes: number }
  | { kind: 'paused'; percent: number; bytesDone: number; totalBytes: number }
  | { kind: 'ready'; totalBytes: number }
  | { kind: 'corrupt'; files: string[] }
  | { kind: 'error'; error: ErrorInfo; percent: number; bytesDone: number; totalBytes: number };

export function totalBytes(manifest: Pick<ModelManifest, 'files'>): number {
  return manifest.files.reduce((sum, file) => sum + file.size, 0);
}

export function bytesDone(manifest: Pick<ModelManifest, 'files'>): number {
  return manifest.files.reduce((sum, file) => sum + (file.state === 'ready' ? file.size : Math.min(file.bytesDone, file.size)), 0);
}

/**
 * Status shown to the user. `downloadRunning` tells whether some tab holds the download lock:
 * a manifest left in 'downloading' by a closed tab is really paused until it is resumed.
 */
export function statusOf(manifest: ModelManifest | undefined, downloadRunning: boolean): ModelStatus {
  if (!manifest) return { kind: 'not-downloaded' };
  const total = totalBytes(manifest);
  const done = bytesDone(manifest);
  const percent = total === 0 ? 100 : Math.floor((done / total) * 1000) / 10;
  switch (manifest.state) {
    case 'ready':
      return { kind: 'ready', totalBytes: total };
    case 'corrupt':
      return { kind: 'corrupt', files: manifest.files.filter((file) => file.state === 'corrupt').map((file) => file.path) };
    case 'error':
      return {
        kind: 'error',
        error: manifest.error ?? { kind: 'Unexpected', message: 'The download stopped.', action: 'Press Resume.' },
        percent,
        bytesDone: done,
        totalBytes: total,
      };
    case 'downloading':
      return { kind: downloadRunning ? 'downloading' : 'paused', percent, bytesDone: done, totalBytes: total };
    case 'paused':
      return { kind: 'paused', percent, bytesDone: done, totalBytes: total };
  }
}

/** A ready manifest has every file verified. */
export function isComplete(manifest: ModelManifest): boolean {
  return manifest.files.every((file) => file.state === 'ready');
}
