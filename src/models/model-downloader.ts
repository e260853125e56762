/**
 * Downloads every unverified file of a recorded manifest into the store, one file at a time,
 * resuming each from its recorded offset and hash state, verifying each against its pinned hash
 * (a mismatch is downloaded once more, then reported), and recording the outcome in the manifest.
 */
import { AppError, ChecksumMismatchError, DownloadFailedError, QuotaExceededError, toErrorInfo } from '../errors';
import type { DownloadEvent } from './download-api';
import { compareDigest, createInThreadHasher, type FileHasher, type HasherFactory } from './file-hasher';
import { downloadFile } from './file-download';
import { createHubClient } from './hub-client';
import { bytesDone, totalBytes, type ManifestFile, type ModelKey, type ModelManifest } from './model-manifest';
import type { ModelFileWriter } from './model-file-system';
import type { WritableModelStore } from './model-store';
import { createProgressTracker, type ProgressTracker } from './progress-tracker';
import type { RetryPolicy } from './retry-policy';
import type { Checkpointing } from './stream-to-file';

/** Why a download's signal was aborted (any other reason is treated as a pause). */
export type StopReason = 'pause' | 'cancel';

export interface ModelDownloaderDeps {
  store: WritableModelStore;
  fetch: typeof fetch;
  retry: RetryPolicy;
  now: () => number;
  /** How often (time or bytes) the offset + hash state are recorded for a resume after a reload. */
  checkpoint: { everyMs: number; everyBytes: number };
  progressEveryMs: number;
  /** Where SHA-256 runs (default: this thread). */
  createHasher?: HasherFactory;
}

export interface ModelDownloader {
  download(key: ModelKey, options: { signal: AbortSignal; onEvent: (event: DownloadEvent) => void }): Promise<'ready' | 'paused' | 'cancelled'>;
}

export function createModelDownloader(deps: ModelDownloaderDeps): ModelDownloader {
  const { store, now } = deps;
  const createHasher = deps.createHasher ?? createInThreadHasher;

  const patchFile = (key: ModelKey, path: string, patch: Partial<ManifestFile>) =>
    store.updateManifest(key, (manifest) => {
      const file = manifest.files.find((entry) => entry.path === path);
      if (file) Object.assign(file, patch);
      manifest.updatedAt = now();
    });

  return {
    async download(key, { signal, onEvent }) {
      const manifest = await store.manifest(key);
      if (!manifest) throw new DownloadFailedError('This download is no longer recorded.', 'Start it again from the model card.');
      await store.updateManifest(key, (current) => {
        current.state = 'downloading';
        delete current.error;
        current.updatedAt = now();
      });
      const progress = createProgressTracker(manifest, now, deps.progressEveryMs, onEvent);
      onEvent({ type: 'started', key, totalBytes: totalBytes(manifest), bytesDone: bytesDone(manifest) });
      try {
        for (const file of manifest.files) {
          if (file.state !== 'ready') await downloadOne(manifest, file, progress, signal, onEvent);
        }
        await store.updateManifest(key, (current) => {
          current.state = 'ready';
          current.updatedAt = now();
        });
        return 'ready';
      } catch (error) {
        if (signal.aborted) return stop(key, signal.reason);
        const failure = asAppError(error, totalBytes(manifest) - progress.bytesDone());
        // Best effort: with the disk full even this small write may fail, and the failure itself matters more.
        await store
          .updateManifest(key, (current) => {
            current.state = failure instanceof ChecksumMismatchError ? 'corrupt' : 'error';
            current.error = failure.toInfo();
            current.updatedAt = now();
          })
          .catch(() => undefined);
        throw failure;
      }
    },
  };

  async function stop(key: ModelKey, reason: unknown): Promise<'paused' | 'cancelled'> {
    if (reason === 'cancel') {
      await store.files.removeModel(key);
      await store.deleteManifest(key);
      return 'cancelled';
    }
    await store.updateManifest(key, (current) => {
      current.state = 'paused';
      current.updatedAt = now();
    });
    return 'paused';
  }

  /** Downloads one file to verified, with one fresh retry when its hash does not match. */
  async function downloadOne(manifest: ModelManifest, file: ManifestFile, progress: ProgressTracker, signal: AbortSignal, onEvent: (event: DownloadEvent) => void) {
    const { key } = manifest;
    const writer = await store.files.openWriter(key, file.path);
    try {
      for (let attempt = 0; ; attempt += 1) {
        const { digest, check } = await fetchAndHash(manifest, file, writer, progress, signal, onEvent);
        if (check.ok) {
          const ready = { state: 'ready' as const, sha256: digest.sha256, bytesDone: file.size, hashState: undefined };
          Object.assign(file, ready);
          await patchFile(key, file.path, ready);
          progress.flush(file.path);
          onEvent({ type: 'file-verified', key, path: file.path, sha256: digest.sha256 });
          return;
        }
        // Discard the damaged bytes (record first, then the file); one fresh download, then it is an error.
        const discarded = { state: attempt === 0 ? ('pending' as const) : ('corrupt' as const), bytesDone: 0, hashState: undefined };
        Object.assign(file, discarded);
        await patchFile(key, file.path, discarded);
        writer.truncate(0);
        progress.beginFile(file, 0);
        onEvent({ type: 'checksum-mismatch', key, path: file.path, willRetry: attempt === 0 });
        if (attempt >= 1) throw new ChecksumMismatchError(file.path, check.expected, check.actual);
      }
    } finally {
      writer.close();
    }
  }

  /** Fetches the rest of a file from its resume point and returns its digest and check. */
  async function fetchAndHash(manifest: ModelManifest, file: ManifestFile, writer: ModelFileWriter, progress: ProgressTracker, signal: AbortSignal, onEvent: (event: DownloadEvent) => void) {
    const { key } = manifest;
    const { offset, hasher } = await resumePoint(file, writer, createHasher);
    try {
      progress.beginFile(file, offset);
      await patchFile(key, file.path, { state: 'downloading', bytesDone: offset, hashState: offset > 0 ? file.hashState : undefined });
      const checkpoint: Checkpointing = {
        ...deps.checkpoint,
        save: async (at, hashState) => {
          Object.assign(file, { bytesDone: at, hashState });
          await patchFile(key, file.path, { bytesDone: at, hashState });
        },
      };
      await downloadFile({
        url: createHubClient(manifest.host).fileUrl(manifest.repo, manifest.commit, file.path),
        path: file.path,
        offset,
        target: { writer, hasher, size: file.size, checkpoint, onBytes: (bytes) => progress.add(bytes), now },
        fetch: deps.fetch,
        retry: deps.retry,
        signal,
        onRetry: (notice) => onEvent({ type: 'retrying', key, path: file.path, ...notice }),
        restart: async () => {
          // The server ignored the Range: forget the old offset before the bytes start over.
          Object.assign(file, { bytesDone: 0, hashState: undefined });
          await patchFile(key, file.path, { bytesDone: 0, hashState: undefined });
          writer.truncate(0);
          await hasher.reset();
          progress.beginFile(file, 0);
        },
      });
      writer.flush();
      const digest = await hasher.digest();
      return { digest, check: compareDigest(file, digest) };
    } finally {
      hasher.dispose();
    }
  }
}

/** Where a file's download continues: its recorded offset with the saved hash state, else byte 0. */
async function resumePoint(file: ManifestFile, writer: ModelFileWriter, createHasher: HasherFactory): Promise<{ offset: number; hasher: FileHasher }> {
  if (file.state !== 'corrupt' && file.bytesDone > 0 && file.hashState && writer.size() >= file.bytesDone) {
    try {
      const hasher = await createHasher(file, file.hashState);
      // Bytes past the recorded offset were written but never recorded: drop them.
      writer.truncate(file.bytesDone);
      return { offset: file.bytesDone, hasher };
    } catch {
      // A hash state from another hash-wasm build cannot be loaded: start the file over.
    }
  }
  // Starting over: callers record offset 0 (fetchAndHash does, before any byte is written).
  writer.truncate(0);
  return { offset: 0, hasher: await createHasher(file) };
}

function asAppError(error: unknown, bytesNeeded: number): AppError {
  if (error instanceof QuotaExceededError || (error instanceof DOMException && error.name === 'QuotaExceededError')) {
    return new QuotaExceededError(bytesNeeded);
  }
  if (error instanceof AppError) return error;
  const info = toErrorInfo(error);
  return new DownloadFailedError('The download stopped unexpectedly.', info.detail ?? info.message);
}
