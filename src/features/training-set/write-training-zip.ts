/**
 * Streams a planned training-set zip (see planTrainingZip) into a Blob with fflate: images are
 * read from storage one at a time and stored as they are (PNG/JPG/WEBP are already compressed),
 * captions are deflated. Output chunks are folded into a Blob every few megabytes, which the
 * browser may keep on disk: the images are never held in memory twice.
 */
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type { ZipEntry } from '../../domain/training-set/export-layouts';
import { CancelledError } from '../../errors';

export interface ZipProgress {
  done: number;
  total: number;
}

const FOLD_BYTES = 8 * 1024 * 1024;

export async function writeTrainingZip(
  entries: readonly ZipEntry[],
  readImage: (imageId: string) => Promise<Blob>,
  options: { signal?: AbortSignal; onProgress?: (progress: ZipProgress) => void } = {},
): Promise<Blob> {
  let folded = new Blob([]);
  let parts: Uint8Array<ArrayBuffer>[] = [];
  let partBytes = 0;
  let failure: Error | null = null;
  let finished = false;
  const zip = new Zip((error, chunk, final) => {
    if (error) {
      failure = error;
      return;
    }
    parts.push(chunk as Uint8Array<ArrayBuffer>);
    partBytes += chunk.length;
    if (partBytes >= FOLD_BYTES || final) {
      folded = new Blob([folded, ...parts]);
      parts = [];
      partBytes = 0;
    }
    if (final) finished = true;
  });

  const encoder = new TextEncoder();
  const total = entries.length;
  for (const [index, entry] of entries.entries()) {
    if (options.signal?.aborted) {
      zip.terminate();
      throw new CancelledError('The export');
    }
    if ('imageId' in entry) {
      const file = new ZipPassThrough(entry.path);
      zip.add(file);
      file.push(new Uint8Array(await (await readImage(entry.imageId)).arrayBuffer()), true);
    } else {
      const file = new ZipDeflate(entry.path, { level: 6 });
      zip.add(file);
      file.push(encoder.encode(entry.text), true);
    }
    if (failure) throw failure;
    options.onProgress?.({ done: index + 1, total });
  }
  zip.end();
  if (failure) throw failure;
  if (!finished) throw new Error('The zip writer did not finish.');
  return new Blob([folded], { type: 'application/zip' });
}
