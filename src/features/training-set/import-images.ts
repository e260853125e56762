/**
 * One import: expand zips, skip images already in the set, match names to jobs, probe the
 * pixels (size, perceptual hash, thumbnail) in the worker in small chunks, and store each chunk
 * as soon as it is ready so a large import shows progress and survives a reload half-way.
 */
import type { PaletteClient } from '../../analysis/palette-client';
import type { ImageProbe } from '../../analysis/palette-api';
import { matchImagesToJobs } from '../../domain/training-set/match-images';
import type { TrainingImage } from '../../domain/training-set/training-image';
import type { TrainingJob } from '../../domain/training-set/training-jobs';
import { toErrorInfo } from '../../errors';
import { expandDroppedFiles, type DroppedImage } from './expand-dropped-files';
import type { NewTrainingImage, TrainingSetRepository } from '../../storage/training-set-repository';

export interface ImportSummary {
  added: number;
  matched: number;
  /** Added but not matched (ambiguous or unknown names): they wait for the user. */
  waiting: number;
  skipped: { name: string; reason: string }[];
}

export interface ImportContext {
  projectId: string;
  existing: readonly TrainingImage[];
  jobs: readonly TrainingJob[];
  repository: TrainingSetRepository;
  pixels: Pick<PaletteClient, 'probe'>;
  signal: AbortSignal;
  onProgress(done: number, total: number): void;
  onStored(stored: readonly NewTrainingImage[]): void;
}

/** Images probed per worker call: progress stays smooth and one bad file costs little. */
const CHUNK = 8;

export async function importImages(files: readonly File[], context: ImportContext): Promise<ImportSummary> {
  const expanded = await expandDroppedFiles(files, context.signal);
  const skipped = [...expanded.skipped];
  const known = new Set(context.existing.map((image) => identity(image.fileName, image.size)));
  const fresh: DroppedImage[] = [];
  for (const image of expanded.images) {
    const key = identity(image.name, image.blob.size);
    if (known.has(key)) skipped.push({ name: image.name, reason: 'is already in the training set' });
    else {
      known.add(key);
      fresh.push(image);
    }
  }
  // Match with the names already in the set too: a shared user name is recognised across all.
  const names = [...context.existing.map((image) => image.fileName), ...fresh.map((image) => image.name)];
  const matches = matchImagesToJobs(names, context.jobs).slice(context.existing.length);

  let added = 0;
  let matched = 0;
  context.onProgress(0, fresh.length);
  for (let start = 0; start < fresh.length; start += CHUNK) {
    const chunk = fresh.slice(start, start + CHUNK);
    const probes = await probeChunk(chunk, context, skipped);
    const stored: NewTrainingImage[] = [];
    chunk.forEach((dropped, offset) => {
      const probe = probes[offset];
      if (!probe) return;
      const match = matches[start + offset];
      const jobKey = match?.status === 'matched' ? match.jobKey : null;
      stored.push({
        image: {
          id: crypto.randomUUID(),
          fileName: dropped.name,
          type: dropped.type,
          size: dropped.blob.size,
          width: probe.width,
          height: probe.height,
          dHash: probe.dHash,
          jobKey,
          assignedBy: jobKey ? 'file-name' : null,
          description: null,
          addedAt: Date.now() + start + offset,
        },
        blob: dropped.blob,
        thumbnail: probe.thumbnail,
      });
      if (jobKey) matched += 1;
    });
    await context.repository.addImages(context.projectId, stored);
    context.onStored(stored);
    added += stored.length;
    context.onProgress(Math.min(fresh.length, start + CHUNK), fresh.length);
  }
  return { added, matched, waiting: added - matched, skipped };
}

/** Probes a chunk; if one file breaks the chunk, probes one by one so only that file is skipped. */
async function probeChunk(chunk: readonly DroppedImage[], context: ImportContext, skipped: ImportSummary['skipped']): Promise<(ImageProbe | null)[]> {
  try {
    return await context.pixels.probe(chunk.map((image) => image.blob), context.signal);
  } catch (error) {
    if (toErrorInfo(error).kind === 'Cancelled') throw error;
  }
  const probes: (ImageProbe | null)[] = [];
  for (const image of chunk) {
    try {
      probes.push((await context.pixels.probe([image.blob], context.signal))[0] ?? null);
    } catch (error) {
      if (toErrorInfo(error).kind === 'Cancelled') throw error;
      skipped.push({ name: image.name, reason: 'could not be decoded; the file looks damaged or incomplete' });
      probes.push(null);
    }
  }
  return probes;
}

/** Same name (without folders) and size: the same download imported again. */
function identity(name: string, size: number): string {
  return `${name.split('/').pop()}|${size}`;
}
