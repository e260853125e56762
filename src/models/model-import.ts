/**
 * Import from disk for machines without internet: files picked from a folder (or dropped) are
 * matched to the manifest by path, streamed into the store and verified with the same hashes
 * and the same pipeline as a download. Files not supplied stay pending (a later download or
 * import completes them).
 */
import { ChecksumMismatchError, ModelSourceError, toErrorInfo } from '../errors';
import type { DownloadEvent, ImportedFile, ImportOutcome } from './download-api';
import { compareDigest, createInThreadHasher, type HasherFactory } from './file-hasher';
import type { ManifestFile, ModelKey } from './model-manifest';
import type { WritableModelStore } from './model-store';
import { createProgressTracker } from './progress-tracker';
import { pumpStream } from './stream-to-file';

export interface ImportDeps {
  store: WritableModelStore;
  now: () => number;
  createHasher?: HasherFactory;
}

/** The picked file for a manifest path: exact relative path, then path under the picked folder, then a unique base name. */
export function matchImportedFile(path: string, files: ImportedFile[]): ImportedFile | undefined {
  const normalized = files.map((entry) => ({ entry, relative: entry.relativePath.replace(/\\/g, '/').replace(/^\/+/, '') }));
  const exact = normalized.find(({ relative }) => relative === path) ?? normalized.find(({ relative }) => relative.endsWith(`/${path}`));
  if (exact) return exact.entry;
  const base = path.slice(path.lastIndexOf('/') + 1);
  const sameName = normalized.filter(({ relative }) => relative.slice(relative.lastIndexOf('/') + 1) === base);
  return sameName.length === 1 ? sameName[0]!.entry : undefined;
}

export async function importModelFiles(
  deps: ImportDeps,
  key: ModelKey,
  files: ImportedFile[],
  onEvent: (event: DownloadEvent) => void,
): Promise<ImportOutcome> {
  const { store, now } = deps;
  const manifest = await store.manifest(key);
  if (!manifest) return { status: 'failed', key, imported: [], error: toErrorInfo(new ModelSourceError('no file list with checksums is recorded for this model yet; read it from the Hub once before importing')) };
  const imported: string[] = [];
  const progress = createProgressTracker(manifest, now, 200, onEvent);
  const setFile = (path: string, patch: Partial<ManifestFile>) =>
    store.updateManifest(key, (current) => {
      const entry = current.files.find((file) => file.path === path);
      if (entry) Object.assign(entry, patch);
      current.updatedAt = now();
    });

  try {
    for (const file of manifest.files) {
      if (file.state === 'ready') continue;
      const picked = matchImportedFile(file.path, files);
      if (!picked) continue;
      if (picked.file.size !== file.size) {
        throw new ChecksumMismatchError(file.path, `${file.size} bytes`, `${picked.file.size} bytes`, 'import');
      }
      // The record changes before the bytes do: a resume must never continue from an offset and
      // hash state that describe bytes this import is about to overwrite (a reload or a read error
      // mid-import would otherwise resume on top of them and mark the mix verified).
      const reset = { state: 'pending' as const, bytesDone: 0, hashState: undefined };
      await setFile(file.path, reset);
      Object.assign(file, reset);
      const writer = await store.files.openWriter(key, file.path);
      try {
        writer.truncate(0);
        const hasher = await (deps.createHasher ?? createInThreadHasher)(file);
        progress.beginFile(file, 0);
        await pumpStream(picked.file.stream().getReader(), {
          writer,
          hasher,
          size: file.size,
          // A local copy is quick to redo: no intermediate checkpoints.
          checkpoint: { everyMs: Number.POSITIVE_INFINITY, everyBytes: Number.POSITIVE_INFINITY, save: async () => undefined },
          onBytes: (bytes) => progress.add(bytes),
          now,
        }, 0);
        writer.flush();
        const digest = await hasher.digest();
        const check = compareDigest(file, digest);
        if (!check.ok) {
          writer.truncate(0);
          progress.beginFile(file, 0);
          throw new ChecksumMismatchError(file.path, check.expected, check.actual, 'import');
        }
        await setFile(file.path, { state: 'ready', sha256: digest.sha256, bytesDone: file.size, hashState: undefined });
        progress.flush(file.path);
        imported.push(file.path);
        onEvent({ type: 'file-verified', key, path: file.path, sha256: digest.sha256 });
      } finally {
        writer.close();
      }
    }
  } catch (error) {
    await store.updateManifest(key, (current) => {
      current.state = 'error';
      current.error = toErrorInfo(error);
      current.updatedAt = now();
    });
    return { status: 'failed', key, imported, error: toErrorInfo(error) };
  }

  const after = await store.updateManifest(key, (current) => {
    const complete = current.files.every((file) => file.state === 'ready');
    current.state = complete ? 'ready' : 'paused';
    if (complete) delete current.error;
    current.updatedAt = now();
  });
  const missing = (after?.files ?? []).filter((file) => file.state !== 'ready').map((file) => file.path);
  return missing.length === 0 ? { status: 'ready', key, imported } : { status: 'partial', key, imported, missing };
}
