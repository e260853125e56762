/**
 * Turns what the user dropped (images, zips of images, or both) into a flat list of images.
 * Zips are read as a stream with fflate, one entry at a time, so a large zip is never held in
 * memory whole, and within limits checked while inflating (entries, sizes, ratio), so a zip bomb
 * stops early and is refused whole. Image type is decided by content (magic bytes), not by name.
 */
import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import { sniffImageType } from '../upload/image-intake';
import type { AcceptedImageType } from '../../domain/project';
import { createInflationGuard, type ArchiveLimits, type InflationGuard } from '../../domain/training-set/archive-limits';
import { UnsafeArchiveError } from '../../errors';

export interface DroppedImage {
  /** File name, or "archive.zip/folder/name.png" for zip entries. */
  name: string;
  blob: Blob;
  type: AcceptedImageType;
}

export interface ExpandedFiles {
  images: DroppedImage[];
  skipped: { name: string; reason: string }[];
}

const IMAGE_NAME = /\.(png|jpe?g|webp)$/i;
/** At most ~4 MB of inflated output per push, so limits are checked before much is produced. */
const PUSH_SLICE_BYTES = 4 * 1024;

export async function expandDroppedFiles(files: readonly File[], signal?: AbortSignal, limits?: ArchiveLimits): Promise<ExpandedFiles> {
  const result: ExpandedFiles = { images: [], skipped: [] };
  for (const file of files) {
    signal?.throwIfAborted();
    if (await isZip(file)) {
      try {
        await readZip(file, result, createInflationGuard(limits), signal);
      } catch (error) {
        if (!(error instanceof UnsafeArchiveError)) throw error;
        result.skipped.push({ name: file.name, reason: `was not unpacked: ${error.reason}` });
      }
      continue;
    }
    const type = await sniffImageType(file);
    if (type) result.images.push({ name: file.name, blob: file.type === type ? file : new Blob([file], { type }), type });
    else result.skipped.push({ name: file.name, reason: 'is not a PNG, JPG, WEBP or zip file' });
  }
  return result;
}

async function isZip(file: Blob): Promise<boolean> {
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  return head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

async function readZip(file: File, result: ExpandedFiles, guard: InflationGuard, signal?: AbortSignal): Promise<void> {
  const pending: Promise<DroppedImage | null>[] = [];
  const unfinished = new Set<(reason: Error) => void>();
  const open = new Set<UnzipFile>();
  let failure: unknown = null;
  let unsafe: string | null = null;
  let entries = 0;
  const stop = (reason: string) => {
    unsafe ??= reason;
    for (const entry of open) entry.terminate();
    open.clear();
  };
  const unzip = new Unzip((entry) => {
    entries += 1;
    const refused = guard.entry(entry.name, entry.originalSize);
    if (refused) return stop(refused);
    if (unsafe || entry.name.endsWith('/') || isHiddenEntry(entry.name)) return;
    if (!IMAGE_NAME.test(entry.name)) {
      result.skipped.push({ name: `${file.name}/${entry.name}`, reason: 'is not an image' });
      return;
    }
    pending.push(
      collect(entry, unfinished, open, (entryBytes, added) => {
        const reason = guard.inflated(entry.name, entryBytes, added);
        if (reason) stop(reason);
        return reason === null;
      }).then(
        async (blob) => {
          const type = await sniffImageType(blob);
          if (type) return { name: entry.name, blob: new Blob([blob], { type }), type };
          result.skipped.push({ name: `${file.name}/${entry.name}`, reason: 'is not a readable PNG, JPG or WEBP image' });
          return null;
        },
        (error: unknown) => {
          failure ??= error;
          return null;
        },
      ),
    );
  });
  unzip.register(UnzipInflate);
  const reader = file.stream().getReader();
  let readError: unknown = null;
  try {
    for (;;) {
      signal?.throwIfAborted();
      const { done, value } = await reader.read();
      if (done) break;
      // Small slices: fflate inflates a pushed slice whole, and deflate expands up to ~1000x.
      for (let at = 0; at < value.byteLength && !unsafe; at += PUSH_SLICE_BYTES) {
        const slice = value.subarray(at, at + PUSH_SLICE_BYTES);
        guard.read(slice.byteLength);
        unzip.push(slice);
      }
      if (unsafe) break;
    }
    if (!unsafe) unzip.push(new Uint8Array(0), true);
  } catch (error) {
    if (signal?.aborted) throw error;
    readError = error;
  } finally {
    reader.releaseLock();
  }
  // fflate delivers data synchronously: an entry still open after the last byte was cut short.
  for (const fail of unfinished) fail(new Error(unsafe ?? 'the archive ends in the middle of an entry'));
  if (unsafe) {
    // Refused whole: nothing unpacked from it is kept (the bytes are released with the promises).
    await Promise.all(pending);
    throw new UnsafeArchiveError(file.name, unsafe);
  }
  // In zip order, whatever order the entries finished in; entries read before a failure are kept.
  for (const image of await Promise.all(pending)) if (image) result.images.push(image);
  const problem = readError ?? failure;
  if (problem) result.skipped.push({ name: file.name, reason: `could not be read to the end (${problem instanceof Error ? problem.message : String(problem)})` });
  else if (entries === 0) result.skipped.push({ name: file.name, reason: 'contains no files (the zip may be incomplete)' });
}

/**
 * One zip entry's bytes as a Blob (chunks go straight into the Blob, not into one big array).
 * `allow` sees every inflated chunk and stops the entry when the archive's limits are crossed.
 */
function collect(entry: UnzipFile, unfinished: Set<(reason: Error) => void>, open: Set<UnzipFile>, allow: (entryBytes: number, added: number) => boolean): Promise<Blob> {
  return new Promise((resolve, reject) => {
    let parts: Uint8Array<ArrayBuffer>[] = [];
    let size = 0;
    const fail = (reason: Error) => {
      unfinished.delete(fail);
      open.delete(entry);
      parts = [];
      reject(reason);
    };
    unfinished.add(fail);
    open.add(entry);
    entry.ondata = (error, data, final) => {
      if (error) return fail(error);
      size += data.byteLength;
      if (!allow(size, data.byteLength)) return fail(new Error('stopped: the archive is over its limits'));
      parts.push(data as Uint8Array<ArrayBuffer>);
      if (final) {
        unfinished.delete(fail);
        open.delete(entry);
        resolve(new Blob(parts));
      }
    };
    entry.start();
  });
}

/** macOS resource forks and dot-files that zips made on a Mac carry along. */
function isHiddenEntry(name: string): boolean {
  return name.startsWith('__MACOSX/') || name.split('/').some((part) => part.startsWith('.'));
}
