/**
 * Peak memory while the self-test runs, where the browser tells: `measureUserAgentSpecificMemory`
 * (the page and its workers; only when cross-origin isolated), else Chromium's non-standard
 * `performance.memory` (this page's JavaScript heap only, not the worker's WebAssembly memory).
 */
export interface PeakMemory {
  bytes: number;
  /** What was measured, in words. */
  source: string;
}

export interface MemorySampler {
  stop(): Promise<PeakMemory | null>;
}

interface MemoryPerformance {
  memory?: { usedJSHeapSize: number };
  measureUserAgentSpecificMemory?: () => Promise<{ bytes: number }>;
}

export function startMemorySampler(everyMs = 500, scope: { performance?: unknown; crossOriginIsolated?: boolean } = globalThis): MemorySampler {
  const performance = scope.performance as MemoryPerformance | undefined;
  const measureAll = scope.crossOriginIsolated && performance?.measureUserAgentSpecificMemory ? () => performance.measureUserAgentSpecificMemory!() : undefined;
  if (!measureAll && !performance?.memory) return { stop: async () => null };
  let peak = 0;
  const sample = async () => {
    const bytes = measureAll ? (await measureAll().catch(() => ({ bytes: 0 }))).bytes : (performance?.memory?.usedJSHeapSize ?? 0);
    peak = Math.max(peak, bytes);
  };
  void sample();
  const timer = setInterval(() => void sample(), measureAll ? Math.max(everyMs, 2000) : everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await sample();
      return { bytes: peak, source: measureAll ? 'page and workers (measureUserAgentSpecificMemory)' : "this page's JavaScript heap only (performance.memory)" };
    },
  };
}
