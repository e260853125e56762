/**
 * The contract every benchmark item implements: bench/items/<name>.ts exports `run`. The
 * registry (item-registry.ts) names it and says which issue items it measures.
 */
import type { Figure } from './figure';

export interface BenchContext {
  /** Few iterations, small inputs: proves the harness still works, the numbers mean little. */
  smoke: boolean;
  /** Repository root (absolute, no trailing slash). */
  root: string;
  /** Same for every item of one `npm run bench`, so items can share work (the app build). */
  runId: string;
  /** A progress line on stderr (stdout stays for the report). */
  log(message: string): void;
}

export interface BenchItem {
  run(context: BenchContext): Promise<Figure[]>;
}
