/**
 * transformers.js `generate()` with nothing of ours around it (no grammar, no yields, no
 * progress; greedy, exactly `tokens` new tokens), and the same call with only the grammar glue
 * added (constrained-decoding.ts), which splits the pipeline's overhead into the grammar's part
 * and the rest (worker messages, yields, progress). Both start from the images: decoding them and
 * running the processor is work any transformers.js caller does, so it is in the wall time too.
 */
import { BaseStreamer } from '@huggingface/transformers';
import { createConstrainedDecoding } from '../../src/analysis/offline/constrained-decoding';
import { buildModelInputs } from '../../src/analysis/offline/generate-draft';
import { generateInputs } from '../../src/analysis/offline/generate-inputs';
import type { PreparedImage } from '../../src/analysis/types';
import type { LoadedQwen2Vl } from '../../src/analysis/offline/load-qwen2vl';
import { BenchHarnessError } from '../harness/figure';

export interface GenerateTiming {
  tokens: number;
  /** From the call to its return: input preparation and generate(). */
  wallMs: number;
  /** Of which decoding the images, the processor and the tokenizer. */
  inputsMs: number;
  /** First generated token to last, per token after the first (prefill excluded). */
  decodeMsPerToken: number;
}

class TokenClock extends BaseStreamer {
  readonly arrivals: number[] = [];
  private promptSeen = false;
  override put(): void {
    if (!this.promptSeen) {
      this.promptSeen = true; // generate() streams the prompt first
      return;
    }
    this.arrivals.push(performance.now());
  }
  override end(): void {}
}

function timing(tokens: number, started: number, inputsMs: number, arrivals: readonly number[]): GenerateTiming {
  if (arrivals.length !== tokens) throw new BenchHarnessError(`generate() made ${arrivals.length} tokens instead of ${tokens}.`);
  const wallMs = performance.now() - started;
  return { tokens, wallMs, inputsMs, decodeMsPerToken: tokens > 1 ? (arrivals.at(-1)! - arrivals[0]!) / (tokens - 1) : wallMs };
}

export async function bareGenerate(loaded: LoadedQwen2Vl, images: PreparedImage[], tokens: number): Promise<GenerateTiming> {
  const clock = new TokenClock();
  const started = performance.now();
  const inputs = await buildModelInputs(loaded, images);
  const inputsMs = performance.now() - started;
  await loaded.model.generate({ ...generateInputs(inputs), max_new_tokens: tokens, min_new_tokens: tokens, do_sample: false, streamer: clock } as never);
  return timing(tokens, started, inputsMs, clock.arrivals);
}

/** `tokens` must stay below a complete draft (about 1,000+ tokens), or the grammar ends it first. */
export async function constrainedGenerate(loaded: LoadedQwen2Vl, images: PreparedImage[], tokens: number): Promise<GenerateTiming> {
  const arrivals: number[] = [];
  const decoding = await createConstrainedDecoding(loaded.grammar, { isCancelled: () => false, onToken: () => void arrivals.push(performance.now()) });
  const started = performance.now();
  const inputs = await buildModelInputs(loaded, images);
  const inputsMs = performance.now() - started;
  try {
    await loaded.model.generate({
      ...generateInputs(inputs),
      max_new_tokens: tokens,
      do_sample: false,
      logits_processor: [decoding.logitsProcessor],
      stopping_criteria: [decoding.stoppingCriteria],
      streamer: decoding.streamer,
    } as never);
  } finally {
    decoding.dispose();
  }
  return timing(tokens, started, inputsMs, arrivals);
}
