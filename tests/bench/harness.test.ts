import { describe, expect, it } from 'vitest';
import { BenchHarnessError, createFigure, type BenchReport } from '../../bench/harness/figure';
import { missingBrowserMessage, parseBenchOptions, runPool } from '../../bench/harness/main';
import { findItem } from '../../bench/harness/item-registry';
import { formatNumber, formatReportTable } from '../../bench/harness/report-table';
import { median, percentile, summarize } from '../../bench/harness/stats';
import { timeRounds } from '../../bench/harness/timing';

describe('stats', () => {
  it('interpolates percentiles between ranks, whatever the input order', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(percentile([10, 20, 30, 40, 50], 0.95)).toBeCloseTo(48);
    expect(summarize([3, 1, 2])).toEqual({ samples: 3, median: 2, p95: 2.9, min: 1, max: 3, mean: 2 });
  });

  it('refuses empty or non-finite samples (a broken measurement, not a fast one)', () => {
    expect(() => median([])).toThrow(RangeError);
    expect(() => summarize([1, Number.NaN])).toThrow(RangeError);
  });
});

describe('createFigure', () => {
  const base = { item: 2, id: 'x', label: 'pipeline per token', unit: 'ms', samples: 3 };

  it('divides by the same-run reference and checks a ratio target', () => {
    const figure = createFigure({ ...base, value: 11, reference: { label: 'bare', value: 10, unit: 'ms' }, target: { on: 'ratio', comparison: 'at-most', limit: 1.1 } });
    expect(figure.ratio).toBeCloseTo(1.1);
    expect(figure.target?.met).toBe(true);
    const slower = createFigure({ ...base, value: 12, reference: { label: 'bare', value: 10, unit: 'ms' }, target: { on: 'ratio', comparison: 'at-most', limit: 1.1 } });
    expect(slower.target?.met).toBe(false);
  });

  it('checks value targets in both directions', () => {
    expect(createFigure({ ...base, value: 900, target: { on: 'value', comparison: 'at-most', limit: 1000 } }).target?.met).toBe(true);
    expect(createFigure({ ...base, value: 0.8, target: { on: 'value', comparison: 'at-least', limit: 0.85 } }).target?.met).toBe(false);
  });

  it('treats a non-finite value, an empty reference or a ratio target without reference as a harness break', () => {
    expect(() => createFigure({ ...base, value: Number.NaN })).toThrow(BenchHarnessError);
    expect(() => createFigure({ ...base, value: 1, reference: { label: 'bare', value: 0, unit: 'ms' } })).toThrow(BenchHarnessError);
    expect(() => createFigure({ ...base, value: 1, target: { on: 'ratio', comparison: 'at-most', limit: 1 } })).toThrow(BenchHarnessError);
  });
});

describe('timeRounds', () => {
  it('runs every task once per round, drops warm-up rounds and rotates the order', async () => {
    const order: string[] = [];
    const times = await timeRounds({ rounds: 2, warmup: 1 }, { a: () => order.push('a'), b: () => order.push('b') });
    expect(times.a).toHaveLength(2);
    expect(times.b).toHaveLength(2);
    expect(order).toEqual(['a', 'b', 'b', 'a', 'a', 'b']);
  });
});

describe('options', () => {
  it('takes smoke mode from the flag or BENCH_SMOKE, and item names from --only', () => {
    expect(parseBenchOptions([], {}).smoke).toBe(false);
    expect(parseBenchOptions([], { BENCH_SMOKE: '1' }).smoke).toBe(true);
    expect(parseBenchOptions([], { BENCH_SMOKE: '0' }).smoke).toBe(false);
    expect(parseBenchOptions(['--smoke'], {}).smoke).toBe(true);
    expect(parseBenchOptions(['--only=domain'], {}).items.map((item) => item.name)).toEqual(['domain']);
    expect(() => parseBenchOptions(['--only=nope'], {})).toThrow('Unknown benchmark item');
    expect(() => parseBenchOptions(['--fast'], {})).toThrow('Unknown argument');
  });
});

describe('report table', () => {
  it('prints one row per figure in item order, with reference, ratio, target and verdict, then failures', () => {
    const report: BenchReport = {
      generatedAt: '2026-11-26T00:00:00.000Z',
      mode: 'smoke',
      machine: { platform: 'linux x64', cpus: 2, node: '20.20.2' },
      outcomes: [
        { name: 'first-paint', items: [7], status: 'ok', seconds: 1, figures: [createFigure({ item: 7, id: 'kb', label: 'first paint', value: 75.94, unit: 'KB', samples: 1, target: { on: 'value', comparison: 'at-most', limit: 120 } })] },
        { name: 'domain', items: [6], status: 'ok', seconds: 1, figures: [createFigure({ item: 6, id: 'ms', label: 'expand', value: 154.2, unit: 'ms', samples: 9, reference: { label: 'count', value: 33.8, unit: 'ms' } })] },
        { name: 'palette', items: [5], status: 'failed', seconds: 1, figures: [], error: 'Chromium did not start' },
      ],
    };
    const lines = formatReportTable(report).split('\n');
    expect(lines[0]).toContain('smoke');
    expect(lines[3]).toMatch(/^6\s+expand\s+154 ms\s+count: 33\.8 ms\s+4\.56\s+-$/);
    expect(lines[4]).toMatch(/^7\s+first paint\s+75\.9 KB\s+-\s+-\s+<= 120 KB\s+met$/);
    expect(lines.at(-1)).toBe('  palette (item 5): Chromium did not start');
  });

  it('formats numbers by magnitude', () => {
    expect([formatNumber(12345.6), formatNumber(154.2), formatNumber(33.84), formatNumber(1.234), formatNumber(0.01234), formatNumber(0)]).toEqual(['12,346', '154', '33.8', '1.23', '0.012', '0']);
  });
});

describe('runPool', () => {
  it('keeps at most `concurrency` tasks in flight and returns results in input order', async () => {
    let running = 0;
    let peak = 0;
    const results = await runPool([30, 5, 20, 1], 2, async (delay) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, delay));
      running -= 1;
      return delay * 2;
    });
    expect(results).toEqual([60, 10, 40, 2]);
    expect(peak).toBe(2);
  });
});

describe('missingBrowserMessage', () => {
  it('stops a run that needs Chromium when it is not installed, and names the items', () => {
    const items = ['palette', 'domain', 'first-paint'].map(findItem);
    expect(missingBrowserMessage(items, undefined)).toMatch(/Chromium was not found .*needed by palette, first-paint\. Install it \(apt-get install chromium\)/);
    expect(missingBrowserMessage(items, 'Chromium 156.0')).toBeNull();
    expect(missingBrowserMessage(['domain', 'jump-forward', 'offline-node'].map(findItem), undefined)).toBeNull();
  });
});
