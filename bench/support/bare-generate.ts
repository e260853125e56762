/**
 * transformers.js `generate()` with nothing of ours around it: no grammar, no yields, no
 * progress; greedy, exactly `tokens` new tokens. A streamer only records when each token arrives.
 */
import { BaseStreamer } from '@huggingface/transformers';
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

export async function bareGenerate(loaded: LoadedQwen2Vl, inputs: ModelInputs, tokens: number): Promise<GenerateTiming> {
  const clock = new TokenClock();
  const started = performance.now();
  await loaded.model.generate({
    input_ids: inputs.inputIds,
    attention_mask: inputs.attentionMask,
    pixel_values: inputs.pixelValues,
    image_grid_thw: inputs.imageGridThw,
    max_new_tokens: tokens,
    min_new_tokens: tokens,
    do_sample: false,
    streamer: clock,
  } as never);
  const wallMs = performance.now() - started;
  const { arrivals } = clock;
  if (arrivals.length !== tokens) throw new BenchHarnessError(`Bare generate() made ${arrivals.length} tokens instead of ${tokens}.`);
  return { tokens, wallMs, decodeMsPerToken: tokens > 1 ? (arrivals.at(-1)! - arrivals[0]!) / (tokens - 1) : wallMs };
}
