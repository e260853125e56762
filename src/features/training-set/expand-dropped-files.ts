/**
 * Turns what the user dropped (images, zips of images, or both) into a flat list of images.
 * Zips are read as a stream with fflate, one entry at a time, so a large zip is never held in
 * memory whole. Image type is decided by content (magic bytes), not by name.
 */
import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import { sniffImageType } from '../upload/image-intake';
import type { AcceptedImageType } from '../../domain/project';

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

export async function expandDroppedFiles(files: readonly File[], signal?: AbortSignal): Promise<ExpandedFiles> {
  const result: ExpandedFiles = { images: [], skipped: [] };
  for (const file of files) {
    signal?.throwIfAborted();
    if (await isZip(file)) {
      await readZip(file, result, signal);
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

async function readZip(file: File, result: ExpandedFiles, signal?: AbortSignal): Promise<void> {
  const pending: Promise<DroppedImage | null>[] = [];
  const unfinished = new Set<(reason: Error) => void>();
  let failure: unknown = null;
  let entries = 0;
  const unzip = new Unzip((entry) => {
    entries += 1;
    if (entry.name.endsWith('/') || isHiddenEntry(entry.name)) return;
    if (!IMAGE_NAME.test(entry.name)) {
      result.skipped.push({ name: `${file.name}/${entry.name}`, reason: 'is not an image' });
      return;
    }
    pending.push(
      collect(entry, unfinished).then(
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
      unzip.push(value);
    }
    unzip.push(new Uint8Array(0), true);
  } catch (error) {
    if (signal?.aborted) throw error;
    readError = error;
  } finally {
    reader.releaseLock();
  }
  // fflate delivers data synchronously: an entry still open after the last byte was cut short.
  for (const fail of unfinished) fail(new Error('the archive ends in the middle of an entry'));
  // In zip order, whatever order the entries finished in; entries read before a failure are kept.
  for (const image of await Promise.all(pending)) if (image) result.images.push(image);
  const problem = readError ?? failure;
  if (problem) result.skipped.push({ name: file.name, reason: `could not be read to the end (${problem instanceof Error ? problem.message : String(problem)})` });
  else if (entries === 0) result.skipped.push({ name: file.name, reason: 'contains no files (the zip may be incomplete)' });
}

/** One zip entry's bytes as a Blob (chunks go straight into the Blob, not into one big array). */
function collect(entry: UnzipFile, unfinished: Set<(reason: Error) => void>): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const parts: Uint8Array<ArrayBuffer>[] = [];
    const fail = (reason: Error) => {
      unfinished.delete(fail);
      reject(reason);
    };
    unfinished.add(fail);
    entry.ondata = (error, data, final) => {
      if (error) return fail(error);
      parts.push(data as Uint8Array<ArrayBuffer>);
      if (final) {
        unfinished.delete(fail);
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
