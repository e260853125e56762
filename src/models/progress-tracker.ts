/** Per-file and total bytes, speed and ETA of a model transfer, emitted as throttled progress events. */
import type { DownloadEvent, TransferProgress } from './download-api';
import { totalBytes, type ManifestFile, type ModelManifest } from './model-manifest';
import { createRateMeter, type RateMeter } from './rate-meter';

export interface ProgressTracker {
  beginFile(file: ManifestFile, offset: number): void;
  add(bytes: number): void;
  /** Emits the current state now (end of a file). */
  flush(path: string): void;
  bytesDone(): number;
}

/** Per-file and total bytes, speed and ETA; events at most every `everyMs`. */
export function createProgressTracker(manifest: ModelManifest, now: () => number, everyMs: number, onEvent: (event: DownloadEvent) => void): ProgressTracker {
  const total = totalBytes(manifest);
  const doneOf = new Map(manifest.files.map((file) => [file.path, file.state === 'ready' ? file.size : file.bytesDone]));
  const totalMeter = createRateMeter();
  let fileMeter: RateMeter = createRateMeter();
  let current: ManifestFile | undefined;
  let lastEmit = 0;
  const sum = () => [...doneOf.values()].reduce((a, b) => a + b, 0);
  const view = (done: number, size: number, meter: RateMeter, at: number): TransferProgress => ({
    bytesDone: done,
    totalBytes: size,
    bytesPerSecond: meter.rate(at),
    etaSeconds: meter.eta(size - done, at),
  });
  const emit = (at: number) => {
    if (!current) return;
    lastEmit = at;
    const fileDone = doneOf.get(current.path) ?? 0;
    const done = sum();
    onEvent({
      type: 'progress',
      key: manifest.key,
      path: current.path,
      file: view(fileDone, current.size, fileMeter, at),
      total: view(done, total, totalMeter, at),
    });
  };
  return {
    beginFile(file, offset) {
      if (current?.path !== file.path) fileMeter = createRateMeter();
      current = file;
      doneOf.set(file.path, offset);
      emit(now());
    },
    add(bytes) {
      if (!current) return;
      const at = now();
      doneOf.set(current.path, (doneOf.get(current.path) ?? 0) + bytes);
      fileMeter.add(bytes, at);
      totalMeter.add(bytes, at);
      if (at - lastEmit >= everyMs) emit(at);
    },
    flush: () => emit(now()),
    bytesDone: sum,
  };
}
