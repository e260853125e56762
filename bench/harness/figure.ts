/**
 * What every benchmark item reports: one record per figure, with the value, its unit and what it
 * was compared against in the same run (the machine is shared and noisy, so a side-by-side ratio
 * says more than an absolute number). Targets are reported, never enforced.
 */

/** The same-run measurement a figure is compared with; `ratio` is always value / reference. */
export interface Reference {
  label: string;
  value: number;
  unit: string;
}

export interface Target {
  /** 'ratio' compares value/reference; 'value' compares the value itself. */
  on: 'value' | 'ratio';
  comparison: 'at-most' | 'at-least';
  limit: number;
}

export interface Figure {
  /** Issue 6 item number (1-7). */
  item: number;
  /** Stable key for tracking a figure across runs. */
  id: string;
  label: string;
  value: number;
  unit: string;
  reference?: Reference;
  ratio?: number;
  target?: Target & { met: boolean };
  /** Timed repetitions behind the value. */
  samples: number;
  /** How it was measured, or why it is only partial. */
  note?: string;
  /** Raw numbers behind the figure (per-run times, sizes, ...). */
  details?: Record<string, unknown>;
}

export interface FigureInput {
  item: number;
  id: string;
  label: string;
  value: number;
  unit: string;
  samples: number;
  reference?: Reference;
  target?: Target;
  note?: string;
  details?: Record<string, unknown>;
}

export class BenchHarnessError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BenchHarnessError';
  }
}

function meets(target: Target, measured: number): boolean {
  return target.comparison === 'at-most' ? measured <= target.limit : measured >= target.limit;
}

/**
 * Builds a figure, computing the ratio and whether the target is met. A figure that is not a
 * finite number means the harness broke (not that the code is slow): that throws.
 */
export function createFigure(input: FigureInput): Figure {
  if (!Number.isFinite(input.value)) throw new BenchHarnessError(`Figure ${input.id} measured ${input.value}: the harness broke.`);
  if (input.reference && !(Number.isFinite(input.reference.value) && input.reference.value > 0)) {
    throw new BenchHarnessError(`Figure ${input.id}: its reference "${input.reference.label}" measured ${input.reference.value}.`);
  }
  const ratio = input.reference ? input.value / input.reference.value : undefined;
  const { target: targetInput, ...rest } = input;
  const figure: Figure = { ...rest, ...(ratio === undefined ? {} : { ratio }) };
  if (targetInput) {
    const measured = targetInput.on === 'ratio' ? ratio : input.value;
    if (measured === undefined) throw new BenchHarnessError(`Figure ${input.id} has a ratio target but no reference.`);
    figure.target = { ...targetInput, met: meets(targetInput, measured) };
  }
  return figure;
}

export function describeTarget(target: Target, unit: string): string {
  const sign = target.comparison === 'at-most' ? '<=' : '>=';
  return target.on === 'ratio' ? `ratio ${sign} ${target.limit}` : `${sign} ${target.limit} ${unit}`;
}

/** One benchmark item's outcome, as the child process hands it back. */
export interface ItemOutcome {
  name: string;
  items: number[];
  status: 'ok' | 'failed';
  seconds: number;
  figures: Figure[];
  error?: string;
}

export interface BenchReport {
  generatedAt: string;
  mode: 'full' | 'smoke';
  machine: { platform: string; cpus: number; node: string; chromium?: string };
  outcomes: ItemOutcome[];
}
