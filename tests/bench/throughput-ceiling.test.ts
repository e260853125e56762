import { describe, expect, it } from 'vitest';
import { throughputFigures } from '../../bench/items/download-throughput';
import { describeBound, throughputCeiling } from '../../bench/support/throughput-ceiling';

describe('throughput ceiling', () => {
  it('is bound by the stages summed over the cores when they are close (issue 13: 272 / 370 / 170 MB/s on 2 cores)', () => {
    const ceiling = throughputCeiling(
      [
        { name: 'fetch', rate: 272 },
        { name: 'SHA-256', rate: 370 },
        { name: 'OPFS write', rate: 170 },
      ],
      2,
    );
    expect(ceiling.rate).toBeCloseTo(2 / (1 / 272 + 1 / 370 + 1 / 170), 6);
    expect(ceiling.rate).toBeCloseTo(163.1, 1);
    expect(ceiling.bound).toEqual({ kind: 'cpu-sum', cores: 2 });
    expect(describeBound(ceiling)).toContain('2 cores');
  });

  it('is bound by the slowest stage when one stage dominates', () => {
    const ceiling = throughputCeiling(
      [
        { name: 'fetch', rate: 20 },
        { name: 'SHA-256', rate: 370 },
        { name: 'OPFS write', rate: 170 },
      ],
      2,
    );
    expect(ceiling.rate).toBe(20);
    expect(ceiling.bound).toEqual({ kind: 'slowest-stage', stage: 'fetch' });
  });

  it('never exceeds any stage, nor the cores sharing the stages work, over random inputs', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (let run = 0; run < 500; run += 1) {
      const stages = Array.from({ length: 1 + Math.floor(random() * 4) }, (_, index) => ({ name: `s${index}`, rate: 1 + random() * 500 }));
      const cores = 1 + Math.floor(random() * 8);
      const { rate } = throughputCeiling(stages, cores);
      // The tighter of the two bounds, no lower.
      expect(rate).toBeCloseTo(Math.min(...stages.map((stage) => stage.rate), cores / stages.reduce((sum, stage) => sum + 1 / stage.rate, 0)), 9);
      for (const stage of stages) expect(rate).toBeLessThanOrEqual(stage.rate + 1e-9);
      // Time per unit if the work were spread perfectly over the cores.
      expect(rate * stages.reduce((sum, stage) => sum + 1 / stage.rate, 0)).toBeLessThanOrEqual(cores + 1e-9);
      // One core and one stage: the stage itself.
      expect(throughputCeiling([stages[0]!], 1).rate).toBeCloseTo(stages[0]!.rate, 9);
    }
  });

  it('takes a measured, fractional core count (a shared machine gives a browser less than its cores)', () => {
    const stages = [
      { name: 'fetch', rate: 10 },
      { name: 'SHA-256', rate: 40 },
      { name: 'OPFS write', rate: 70 },
    ];
    const ceiling = throughputCeiling(stages, 0.8);
    expect(ceiling.rate).toBeCloseTo(0.8 / (1 / 10 + 1 / 40 + 1 / 70), 9);
    expect(describeBound(ceiling)).toBe("the stages' summed work over 0.80 cores");
  });

  it('refuses measurements that cannot be a rate', () => {
    expect(() => throughputCeiling([], 2)).toThrow();
    expect(() => throughputCeiling([{ name: 'fetch', rate: 0 }], 2)).toThrow(/fetch/);
    expect(() => throughputCeiling([{ name: 'fetch', rate: Number.NaN }], 2)).toThrow();
    expect(() => throughputCeiling([{ name: 'fetch', rate: 10 }], 0)).toThrow();
    expect(() => throughputCeiling([{ name: 'fetch', rate: 10 }], Number.POSITIVE_INFINITY)).toThrow();
  });
});

describe('download throughput figures', () => {
  it('report the pipeline against its same-run ceiling (>= 0.85) and plain fetch (>= 0.5)', () => {
    const figures = throughputFigures({
      bytes: 256 * 1024 * 1024,
      files: 9,
      cores: 2,
      rounds: 3,
      pipelineMBps: 140,
      fetchMBps: 272,
      sha256MBps: 370,
      opfsWriteMBps: 170,
      ceilingMBps: 163,
      ceilingBounds: ["the stages' summed work over 2 cores"],
      parallelCores: 1.9,
      measuredCeilingMBps: 155,
      roundRatiosToCeiling: [0.8, 0.86, 0.9],
      roundRatiosToFetch: [0.5, 0.51, 0.52],
    });
    const byId = Object.fromEntries(figures.map((figure) => [figure.id, figure]));
    expect(byId['download-throughput']?.ratio).toBeCloseTo(140 / 163);
    expect(byId['download-throughput']?.target).toMatchObject({ limit: 0.85, met: true });
    expect(byId['download-throughput-vs-fetch']?.ratio).toBeCloseTo(140 / 272);
    expect(byId['download-throughput-vs-fetch']?.target).toMatchObject({ limit: 0.5, met: true });
    expect(byId['download-ceiling']?.value).toBe(163);
    expect(byId['download-throughput-vs-measured-ceiling']?.ratio).toBeCloseTo(140 / 155);
    expect(byId['download-throughput']?.note).toContain('0.80, 0.86, 0.90');
  });
});
