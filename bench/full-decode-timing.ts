/**
 * The palette benchmark's same-run references (issue 13): the same files decoded in full one
 * after another in one worker (serial), and spread over `count` workers taking the next file as
 * they finish (the parallel ceiling: navigator.hardwareConcurrency workers).
 */
export interface FullDecoders {
  readonly workers: number;
  /** Milliseconds to decode every blob in full, one after another. */
  serial(blobs: Blob[]): Promise<number>;
  /** Milliseconds to decode every blob in full over all the workers. */
  parallel(blobs: Blob[]): Promise<number>;
  dispose(): void;
}

export async function startFullDecoders(count: number): Promise<FullDecoders> {
  const workers = Array.from({ length: Math.max(1, count) }, () => new Worker(new URL('./full-decode.worker.ts', import.meta.url), { type: 'module', name: 'full-decode' }));
  const decode = (worker: Worker, blob: Blob | null) =>
    new Promise<void>((resolve, reject) => {
      worker.onmessage = () => resolve();
      worker.onerror = (event) => reject(new Error(event.message));
      worker.postMessage(blob);
    });
  // Started and compiled before anything is timed.
  await Promise.all(workers.map((worker) => decode(worker, null)));

  const over = async (pool: Worker[], blobs: Blob[]) => {
    const started = performance.now();
    let next = 0;
    await Promise.all(
      pool.map(async (worker) => {
        while (next < blobs.length) await decode(worker, blobs[next++]!);
      }),
    );
    return performance.now() - started;
  };
  return {
    workers: workers.length,
    serial: (blobs) => over(workers.slice(0, 1), blobs),
    parallel: (blobs) => over(workers, blobs),
    dispose: () => workers.forEach((worker) => worker.terminate()),
  };
}
