/**
 * The byte pipeline shared by downloads and imports: each chunk is written to the file, then
 * hashed, then counted; every so often the file is flushed and the (offset, hash state) pair is
 * recorded, so an interrupted transfer resumes exactly where the recorded bytes end.
 */
import type { FileHasher } from './file-hasher';
import type { ModelFileWriter } from './model-file-system';

export interface Checkpointing {
  /** Persist that the first `offset` bytes are on disk and hashed into `hashState`. */
  save(offset: number, hashState: Uint8Array[]): Promise<void>;
  everyMs: number;
  everyBytes: number;
}

export interface StreamTarget {
  writer: ModelFileWriter;
  hasher: FileHasher;
  /** Bytes expected in all: more than this is an error, not a bigger file. */
  size: number;
  checkpoint: Checkpointing;
  onBytes(bytes: number): void;
  now(): number;
}

export class OversizedStreamError extends Error {
  constructor(readonly size: number) {
    super(`received more than the ${size} bytes listed`);
  }
}

/** Chunks smaller than this are gathered first: one big write and hash call beats many small ones. */
const WRITE_BATCH_BYTES = 1 << 20;

/**
 * Copies `reader` into the target from `offset` until the stream ends; returns the new offset.
 * On any failure the bytes before the failing chunk stay recorded (the caller resumes there).
 */
export async function pumpStream(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  target: StreamTarget,
  startOffset: number,
): Promise<number> {
  let offset = startOffset;
  let recorded = startOffset;
  let lastCheckpointAt = target.now();
  // The hasher takes ownership of what it is given, so each batch gets a fresh buffer.
  let batch = new Uint8Array(WRITE_BATCH_BYTES);
  let batched = 0;

  const commit = async (chunk: Uint8Array) => {
    target.writer.write(chunk, offset);
    offset += chunk.byteLength;
    target.onBytes(chunk.byteLength);
    await target.hasher.update(chunk);
  };
  const drain = async () => {
    if (batched === 0) return;
    const pending = batch.subarray(0, batched);
    batch = new Uint8Array(WRITE_BATCH_BYTES);
    batched = 0; // a failed write drops the batch: those bytes are fetched again on resume
    await commit(pending);
  };
  /**
   * Records (offset, hash state) without stalling the copy: the state is asked for at `at`
   * and written once it arrives, while later chunks keep flowing. One checkpoint at a time.
   */
  let inProgress: Promise<void> | undefined;
  const startCheckpoint = () => {
    const at = offset;
    lastCheckpointAt = target.now();
    inProgress = target.hasher
      .save()
      .then(async (state) => {
        target.writer.flush();
        await target.checkpoint.save(at, state);
        recorded = at;
      })
      .finally(() => {
        inProgress = undefined;
      });
    // A failed background checkpoint only means an older resume point; recordNow reports its own.
    inProgress.catch(() => undefined);
  };
  const recordNow = async () => {
    await inProgress?.catch(() => undefined);
    await drain();
    if (offset === recorded) return;
    startCheckpoint();
    await inProgress;
  };

  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (offset + batched + value.byteLength > target.size) throw new OversizedStreamError(target.size);
      if (value.byteLength >= WRITE_BATCH_BYTES) {
        await drain();
        await commit(value);
      } else {
        if (batched + value.byteLength > WRITE_BATCH_BYTES) await drain();
        batch.set(value, batched);
        batched += value.byteLength;
      }
      const due = target.now() - lastCheckpointAt >= target.checkpoint.everyMs || offset + batched - recorded >= target.checkpoint.everyBytes;
      if (due && !inProgress) {
        await drain();
        startCheckpoint();
      }
    }
    await drain();
    return offset;
  } finally {
    // Keep what was received before a failure, pause or cancel (a failed write left nothing extra).
    await recordNow().catch(() => undefined);
    reader.releaseLock();
  }
}
