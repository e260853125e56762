import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSaveQueue } from './save-queue';

class Fatal extends Error {}

function harness(outcomes: ('ok' | 'fail' | 'fatal')[]) {
  const writes: number[] = [];
  const errors: { willRetry: boolean }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const queue = createSaveQueue({
    debounceMs: 250,
    retryDelaysMs: [1_000, 3_000],
    isRetryable: (error) => !(error instanceof Fatal),
    onError: (_error, willRetry) => errors.push({ willRetry }),
    write: async () => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      writes.push(Date.now());
      await Promise.resolve();
      inFlight -= 1;
      const outcome = outcomes.shift() ?? 'ok';
      if (outcome === 'fail') throw new Error('busy');
      if (outcome === 'fatal') throw new Fatal('conflict');
      return true;
    },
  });
  return { queue, writes, errors, maxInFlight: () => maxInFlight };
}

describe('save queue', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('debounces a burst of changes into one write', async () => {
    const { queue, writes } = harness([]);
    for (let i = 0; i < 5; i += 1) {
      queue.schedule();
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(writes).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(250);
    expect(writes).toEqual([650]);
  });

  it('retries a failing write with backoff, then stops and lets flush surface the error', async () => {
    const { queue, writes, errors } = harness(['fail', 'fail', 'fail', 'fail']);
    queue.schedule({ immediate: true });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(writes).toEqual([0, 1_000, 4_000]);
    expect(errors.map((error) => error.willRetry)).toEqual([true, true, false]);
    await expect(queue.flush()).rejects.toThrow('busy');
  });

  it('never retries by itself what retrying cannot fix', async () => {
    const { queue, writes, errors } = harness(['fatal']);
    queue.schedule({ immediate: true });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(writes).toHaveLength(1);
    expect(errors).toEqual([{ willRetry: false }]);
  });

  it('runs one write at a time and flush waits for the pending change', async () => {
    const { queue, writes, maxInFlight } = harness([]);
    queue.schedule({ immediate: true });
    queue.schedule({ immediate: true });
    await queue.flush();
    expect(maxInFlight()).toBe(1);
    expect(writes.length).toBeGreaterThanOrEqual(2);
  });

  it('flush after a recovered failure succeeds and resets the backoff', async () => {
    const { queue, writes } = harness(['fail', 'ok', 'fail']);
    queue.schedule({ immediate: true });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(writes).toEqual([0, 1_000]);
    queue.schedule({ immediate: true });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(writes).toEqual([0, 1_000, 1_000, 2_000]);
  });
});
