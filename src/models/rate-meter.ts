/** Transfer speed over a sliding window, and the time left at that speed. */
export interface RateMeter {
  add(bytes: number, at: number): void;
  /** Bytes per second over the window ending at `at`. */
  rate(at: number): number;
  /** Seconds to transfer `remaining` bytes at the current rate (undefined until there is a rate). */
  eta(remaining: number, at: number): number | undefined;
}

export function createRateMeter(windowMs = 3_000): RateMeter {
  const samples: { at: number; bytes: number }[] = [];
  let firstAt: number | undefined;
  const prune = (at: number) => {
    while (samples.length > 0 && samples[0]!.at <= at - windowMs) samples.shift();
  };
  const meter: RateMeter = {
    add(bytes, at) {
      firstAt ??= at;
      samples.push({ at, bytes });
      prune(at);
    },
    rate(at) {
      prune(at);
      if (firstAt === undefined || samples.length === 0) return 0;
      // Early on, divide by the time since the first sample, not the whole window.
      const span = Math.max(Math.min(windowMs, at - firstAt), 250);
      return (samples.reduce((sum, sample) => sum + sample.bytes, 0) / span) * 1000;
    },
    eta(remaining, at) {
      if (remaining <= 0) return 0;
      const rate = meter.rate(at);
      return rate > 0 ? remaining / rate : undefined;
    },
  };
  return meter;
}
