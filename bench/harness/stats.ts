/** Summary statistics for timing samples (the harness reports medians: the machine is noisy). */

export interface Summary {
  samples: number;
  median: number;
  p95: number;
  min: number;
  max: number;
  mean: number;
}

function sorted(values: readonly number[]): number[] {
  if (values.length === 0) throw new RangeError('No samples to summarise.');
  if (values.some((value) => !Number.isFinite(value))) throw new RangeError('A sample is not a finite number.');
  return [...values].sort((a, b) => a - b);
}

/** Linear interpolation between closest ranks (the same definition as numpy's default). */
export function percentile(values: readonly number[], fraction: number): number {
  if (fraction < 0 || fraction > 1) throw new RangeError(`Percentile fraction ${fraction} is outside 0..1.`);
  const ordered = sorted(values);
  const position = (ordered.length - 1) * fraction;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return ordered[below]! + (ordered[above]! - ordered[below]!) * (position - below);
}

export function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}

export function summarize(values: readonly number[]): Summary {
  const ordered = sorted(values);
  return {
    samples: ordered.length,
    median: percentile(ordered, 0.5),
    p95: percentile(ordered, 0.95),
    min: ordered[0]!,
    max: ordered.at(-1)!,
    mean: ordered.reduce((sum, value) => sum + value, 0) / ordered.length,
  };
}
