/**
 * The benchmark worker's contract (one interface, one file): the page wraps it with Comlink,
 * bench/browser/offline-bench.worker.ts exposes `createOfflineBenchApi()`, which `satisfies` it.
 * It holds a second copy of the model for the bare transformers.js reference (the pipeline runs
 * in the app's own inference worker) and times model loads for item 4.
 */
import type { PreparedImage } from '../../src/analysis/types';
import type { DtypeSet, ModelSource } from '../../src/models/registry';
import type { GenerateTiming } from '../support/bare-generate';
import type { MaskReplayTimes } from '../support/grammar-mask-replay';

/** Where a timed load reads the model files from. */
export type LoadPath = 'model-store' | 'cache-api';

export interface MaskReplayResult {
  documentTokens: number;
  cold: MaskReplayTimes;
  warm: MaskReplayTimes[];
}

export interface OfflineBenchApi {
  /** Loads the model from ModelStore as the app does (same runtime files, same wiring). */
  load(source: ModelSource, dtype: DtypeSet): Promise<void>;
  /** Item 1: a long valid draft through the grammar, one cold pass then `warmPasses`. */
  replayGrammarMask(warmPasses: number): Promise<MaskReplayResult>;
  /** Item 2 reference: bare generate() of exactly `tokens` tokens from the app's inputs for `images`. */
  bareGenerate(images: PreparedImage[], tokens: number): Promise<GenerateTiming>;
  /** Item 2 breakdown: the same generate() with only the grammar glue added. */
  constrainedGenerate(images: PreparedImage[], tokens: number): Promise<GenerateTiming>;
  /** Item 4 set-up: one load with the network on, so transformers.js fills its own Cache API cache. */
  fillCacheApi(source: ModelSource, dtype: DtypeSet): Promise<void>;
  /** Item 4: milliseconds to load processor + model sessions from one path (network refused), then free them. The runtime files are ready before the clock starts; the runtime itself starts inside the load. */
  timeLoad(path: LoadPath, source: ModelSource, dtype: DtypeSet): Promise<number>;
}
