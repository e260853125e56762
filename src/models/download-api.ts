/**
 * The download worker's contract (workers/download.worker.ts implements it, download-client.ts
 * wraps it). Failures come back as values (ErrorInfo keeps kind + action across the worker
 * boundary, which a thrown Error would lose).
 */
import type { ErrorInfo } from '../errors';
import type { MemoryFit } from './memory-budget';
import type { ModelKey } from './model-manifest';
import type { DtypeSet, InferenceDevice, ModelSource } from './registry';

export interface ResolveRequest extends ModelSource {
  variantId: string;
  device: InferenceDevice;
  hasShaderF16: boolean;
  /** `navigator.deviceMemory` of the page (null: not reported), for the memory check. */
  deviceMemoryGb?: number | null;
}

export interface ResolvedModel {
  key: ModelKey;
  commit: string;
  dtype: DtypeSet;
  fileCount: number;
  totalBytes: number;
  /** Bytes already stored (an earlier, interrupted download of the same model). */
  bytesDone: number;
  /** Whether the chosen set fits this device (checked before any byte is downloaded). */
  fit: MemoryFit;
}

export type ResolveResult =
  | { ok: true; model: ResolvedModel }
  /** `refused`: the set that was chosen and would not fit (InsufficientMemory), for the model card. */
  | { ok: false; error: ErrorInfo; refused?: { dtype: DtypeSet; totalBytes: number; fit: MemoryFit } };

export interface TransferProgress {
  bytesDone: number;
  totalBytes: number;
  bytesPerSecond: number;
  /** Seconds left at the current speed; undefined until a speed is known. */
  etaSeconds: number | undefined;
}

export type DownloadEvent =
  | { type: 'started'; key: ModelKey; totalBytes: number; bytesDone: number }
  | { type: 'progress'; key: ModelKey; path: string; file: TransferProgress; total: TransferProgress }
  | { type: 'file-verified'; key: ModelKey; path: string; sha256: string }
  | { type: 'retrying'; key: ModelKey; path: string; retry: number; of: number; delayMs: number; reason: string }
  | { type: 'checksum-mismatch'; key: ModelKey; path: string; willRetry: boolean }
  /** Another tab holds the download; this one relays its progress. */
  | { type: 'waiting-for-other-tab'; key: ModelKey };

export type DownloadOutcome =
  | { status: 'ready'; key: ModelKey }
  | { status: 'paused'; key: ModelKey }
  | { status: 'cancelled'; key: ModelKey }
  | { status: 'failed'; key: ModelKey; error: ErrorInfo };

/** A file picked from disk, with its path relative to the picked folder. */
export interface ImportedFile {
  relativePath: string;
  file: File;
}

export type ImportOutcome =
  | { status: 'ready'; key: ModelKey; imported: string[] }
  | { status: 'partial'; key: ModelKey; imported: string[]; missing: string[] }
  | { status: 'failed'; key: ModelKey; error: ErrorInfo; imported: string[] };

export interface DownloadApi {
  /**
   * Reads the Hub listing, picks the dtype set and records the manifest (state 'paused'); when
   * the set will not fit the device, records nothing and fails with InsufficientMemory.
   */
  resolve(request: ResolveRequest): Promise<ResolveResult>;
  /** Downloads (or resumes) every file not yet verified; relays another tab's progress if it holds the download. */
  download(key: ModelKey, onEvent: (event: DownloadEvent) => void): Promise<DownloadOutcome>;
  /** Stops after recording the current offsets (this tab's download or, via broadcast, another tab's). */
  pause(key: ModelKey): Promise<void>;
  /** Stops and deletes the partial files and the manifest. */
  cancel(key: ModelKey): Promise<void>;
  /** Stores files picked from disk, each verified against the manifest exactly like a download. */
  importFiles(key: ModelKey, files: ImportedFile[], onEvent: (event: DownloadEvent) => void): Promise<ImportOutcome>;
}
