/**
 * The page's one inference worker at a time: started on first use, ended on demand (the only way
 * to return WASM memory, or to recover from a failed WebGPU session, FACTS.md section 4), and
 * watched for crashes so a Comlink call never hangs on a dead worker.
 */
import * as Comlink from 'comlink';
import { CancelledError, InferenceFailedError } from '../../errors';
import type { InferenceApi } from './inference-api';

export interface InferenceWorkerSlot {
  /** The running worker's API (a worker is started when there is none). */
  api(): Comlink.Remote<InferenceApi>;
  end(): void;
  /**
   * Runs a worker call; on abort asks the worker to stop (`requestStop`), and ends the worker if
   * the call has not settled within the grace period. Always rejects with CancelledError once
   * aborted, and with InferenceFailedError if the worker dies meanwhile.
   */
  abortable<T>(call: Promise<T>, signal: AbortSignal | undefined, requestStop: () => void): Promise<T>;
}

interface WorkerHandle {
  worker: Worker;
  api: Comlink.Remote<InferenceApi>;
  /** Rejects if the worker dies (an uncaught error, e.g. out of memory): Comlink calls would hang. */
  crashed: Promise<never>;
}

export function createInferenceWorkerSlot(createWorker: () => Worker, cancelGraceMs: number): InferenceWorkerSlot {
  let handle: WorkerHandle | undefined;

  function ensure(): WorkerHandle {
    if (!handle) {
      const worker = createWorker();
      const crashed = new Promise<never>((_, reject) => {
        worker.addEventListener('error', (event) => {
          event.preventDefault();
          reject(new InferenceFailedError(`The offline model worker stopped: ${event.message || 'unknown error'}`));
        });
      });
      crashed.catch(() => undefined); // observed only while a call is running
      handle = { worker, api: Comlink.wrap<InferenceApi>(worker), crashed };
    }
    return handle;
  }

  function end(): void {
    if (!handle) return;
    handle.api[Comlink.releaseProxy]();
    handle.worker.terminate();
    handle = undefined;
  }

  async function abortable<T>(call: Promise<T>, signal: AbortSignal | undefined, requestStop: () => void): Promise<T> {
    const crashed = handle?.crashed;
    if (crashed) call = Promise.race([call, crashed]);
    if (!signal) return call;
    if (signal.aborted) throw new CancelledError('The offline analysis');
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => {
        requestStop();
        const timer = setTimeout(() => {
          end();
          reject(new CancelledError('The offline analysis'));
        }, cancelGraceMs);
        call.then(
          () => undefined,
          () => undefined,
        ).finally(() => {
          clearTimeout(timer);
          reject(new CancelledError('The offline analysis'));
        });
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([call, aborted]);
    } finally {
      if (onAbort) signal.removeEventListener('abort', onAbort);
    }
  }

  return { api: () => ensure().api, end, abortable };
}
