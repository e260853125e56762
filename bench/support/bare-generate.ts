/**
 * transformers.js `generate()` with nothing of ours around it (no grammar, no yields, no
 * progress; greedy, exactly `tokens` new tokens), and the same call with only the grammar glue
 * added (constrained-decoding.ts), which splits the pipeline's overhead into the grammar's part
 * and the rest (image preparation, worker messages, yields, progress).
 */
import { BaseStreamer } from '@huggingface/transformers';
import { createConstrainedDecoding } from '../../src/analysis/offline/constrained-decoding';
import type { ModelInputs } from '../../src/analysis/offline/generate-draft';
import type { LoadedQwen2Vl } from '../../src/analysis/offline/load-qwen2vl';
import { BenchHarnessError } from '../harness/figure';

export interface GenerateTiming {
  tokens: number;
  /** From the call to its return. */
  wallMs: number;
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

const modelInputs = (inputs: ModelInputs) => ({
  input_ids: inputs.inputIds,
  attention_mask: inputs.attentionMask,
  pixel_values: inputs.pixelValues,
  image_grid_thw: inputs.imageGridThw,
});

function timing(tokens: number, wallMs: number, arrivals: readonly number[]): GenerateTiming {
  if (arrivals.length !== tokens) throw new BenchHarnessError(`generate() made ${arrivals.length} tokens instead of ${tokens}.`);
  return { tokens, wallMs, decodeMsPerToken: tokens > 1 ? (arrivals.at(-1)! - arrivals[0]!) / (tokens - 1) : wallMs };
}

export async function bareGenerate(loaded: LoadedQwen2Vl, inputs: ModelInputs, tokens: number): Promise<GenerateTiming> {
  const clock = new TokenClock();
  const started = performance.now();
  await loaded.model.generate({ ...modelInputs(inputs), max_new_tokens: tokens, min_new_tokens: tokens, do_sample: false, streamer: clock } as never);
  return timing(tokens, performance.now() - started, clock.arrivals);
}

/** `tokens` must stay below a complete draft (about 1,000+ tokens), or the grammar ends it first. */
export async function constrainedGenerate(loaded: LoadedQwen2Vl, inputs: ModelInputs, tokens: number): Promise<GenerateTiming> {
  const arrivals: number[] = [];
  const decoding = await createConstrainedDecoding(loaded.grammar, { isCancelled: () => false, onToken: () => void arrivals.push(performance.now()) });
  const started = performance.now();
  try {
    await loaded.model.generate({
      ...modelInputs(inputs),
      max_new_tokens: tokens,
      do_sample: false,
      logits_processor: [decoding.logitsProcessor],
      stopping_criteria: [decoding.stoppingCriteria],
      streamer: decoding.streamer,
    } as never);
  } finally {
    decoding.dispose();
  }
  return timing(tokens, performance.now() - started, arrivals);
}
