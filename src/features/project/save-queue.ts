/**
 * The autosave loop: debounced, one write at a time, and retried with backoff when a write fails
 * for a reason that may pass (storage busy or full for a moment). A failure that retrying cannot
 * fix (another tab's newer version, a deleted project) stops the loop until the user decides.
 */
export interface SaveQueueOptions {
  /** Writes the latest state; resolves true when nothing is left to save. */
  write(): Promise<boolean>;
  /** Whether a failed write is worth retrying by itself. */
  isRetryable(error: unknown): boolean;
  onError(error: unknown, willRetry: boolean): void;
  debounceMs: number;
  retryDelaysMs?: readonly number[];
}

export interface SaveQueue {
  /** A change happened: write it after the debounce (or at once). */
  schedule(options?: { immediate?: boolean }): void;
  /** Writes now whatever is pending and waits for it; throws the write's error if it failed. */
  flush(): Promise<void>;
  /** Stops pending timers (the project is being left or replaced). */
  cancel(): void;
}

const DEFAULT_RETRY_DELAYS_MS = [1_000, 3_000, 10_000, 30_000];

export function createSaveQueue(options: SaveQueueOptions): SaveQueue {
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | null = null;
  let again = false;
  let failures = 0;

  const clearTimer = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };

  const run = (): Promise<void> => {
    clearTimer();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          const done = await options.write();
          failures = 0;
          if (!done) again = true;
        } while (again);
      } catch (error) {
        const retry = options.isRetryable(error) && failures < delays.length;
        options.onError(error, retry);
        if (retry) timer = setTimeout(() => void run().catch(() => undefined), delays[failures]);
        failures += 1;
        throw error;
      } finally {
        running = null;
      }
    })();
    return running;
  };

  return {
    schedule({ immediate = false } = {}) {
      if (immediate) {
        void run().catch(() => undefined);
        return;
      }
      clearTimer();
      timer = setTimeout(() => void run().catch(() => undefined), options.debounceMs);
    },
    async flush() {
      if (running) await running.catch(() => undefined);
      await run();
    },
    cancel() {
      clearTimer();
      failures = 0;
    },
  };
}
