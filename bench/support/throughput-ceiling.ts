/**
 * The most a pipeline of stages can reach on this machine, from each stage's throughput measured
 * alone: no faster than its slowest stage, and, since every stage here keeps a core busy while it
 * runs (fetch: the server, the network service and the reading thread; hashing; OPFS writes), no
 * faster than the cores can share out the sum of the stages' work:
 *
 *   ceiling = min( min_i rate_i ,  cores / sum_i (1 / rate_i) )
 *
 * Example (issue 13): fetch 272, SHA-256 370, OPFS write 170 MB/s on 2 cores gives
 * min(170, 2 / (1/272 + 1/370 + 1/170)) = 163 MB/s, bound by the CPU sum.
 */

export interface StageRate {
  name: string;
  /** Throughput measured alone, any unit per second (the ceiling comes out in the same unit). */
  rate: number;
}

export interface Ceiling {
  rate: number;
  /** What sets it: the slowest stage, or the work of all stages shared over the cores. */
  bound: { kind: 'slowest-stage'; stage: string } | { kind: 'cpu-sum'; cores: number };
  slowestStage: StageRate;
  cpuSumRate: number;
}

export function throughputCeiling(stages: readonly StageRate[], cores: number): Ceiling {
  if (stages.length === 0) throw new Error('a ceiling needs at least one stage');
  // Real-valued: on a shared machine the cores a browser actually gets are measured, not counted.
  if (!(Number.isFinite(cores) && cores > 0)) throw new Error(`invalid core count ${cores}`);
  for (const stage of stages) {
    if (!(Number.isFinite(stage.rate) && stage.rate > 0)) throw new Error(`stage ${stage.name} measured ${stage.rate}`);
  }
  const slowestStage = stages.reduce((slowest, stage) => (stage.rate < slowest.rate ? stage : slowest));
  const cpuSumRate = cores / stages.reduce((sum, stage) => sum + 1 / stage.rate, 0);
  return cpuSumRate < slowestStage.rate
    ? { rate: cpuSumRate, bound: { kind: 'cpu-sum', cores }, slowestStage, cpuSumRate }
    : { rate: slowestStage.rate, bound: { kind: 'slowest-stage', stage: slowestStage.name }, slowestStage, cpuSumRate };
}

export function describeBound(ceiling: Ceiling): string {
  if (ceiling.bound.kind === 'slowest-stage') return `the slowest stage alone (${ceiling.bound.stage})`;
  const { cores } = ceiling.bound;
  return `the stages' summed work over ${Number.isInteger(cores) ? cores : cores.toFixed(2)} cores`;
}
