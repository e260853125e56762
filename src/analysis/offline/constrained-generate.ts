/**
 * One grammar-constrained generate() over prepared model inputs: the generation loop shared by
 * the draft and the self-test. Cancellation and the grammar's verdict come back in `stop`.
 */
import { CancelledError, InferenceFailedError } from '../../errors';
import { createConstrainedDecoding, type DecodingStop } from './constrained-decoding';
import type { ModelInputs } from './generate-draft';
import type { GenerationSettings } from './generation-settings';
import type { JsonGrammar } from './grammar';
import type { LoadedQwen2Vl } from './load-qwen2vl';

export interface ConstrainedRunOptions {
  settings: GenerationSettings;
  isCancelled(): boolean;
  /** Called once per accepted token, synchronously inside generate(). */
  onToken?: (tokenId: number, at: number) => void;
  now: () => number;
  /** What is running, for the CancelledError. */
  label: string;
}

export interface ConstrainedRun {
  /** The tokens the grammar accepted (without the stop token). */
  tokenIds: number[];
  /** 'complete', or 'running' when max_new_tokens came first. */
  stop: Exclude<DecodingStop, 'cancelled' | 'rejected'>;
  /** From the call to the first token: the vision encoder, the prompt's forward pass and one decode. */
  prefillSeconds: number;
  /** From the first token to the end. */
  generationSeconds: number;
}

export async function generateConstrained(loaded: LoadedQwen2Vl, inputs: ModelInputs, grammar: JsonGrammar, options: ConstrainedRunOptions): Promise<ConstrainedRun> {
  const { now } = options;
  let firstTokenMs: number | null = null;
  const decoding = await createConstrainedDecoding(grammar, {
    isCancelled: options.isCancelled,
    onToken: (tokenId) => {
      const at = now();
      firstTokenMs ??= at;
      options.onToken?.(tokenId, at);
    },
  });
  const started = now();
  try {
    if (options.isCancelled()) throw new CancelledError(options.label);
    await loaded.model.generate({
      input_ids: inputs.inputIds,
      attention_mask: inputs.attentionMask,
      pixel_values: inputs.pixelValues,
      image_grid_thw: inputs.imageGridThw,
      ...options.settings,
      logits_processor: [decoding.logitsProcessor],
      stopping_criteria: [decoding.stoppingCriteria],
      streamer: decoding.streamer,
    } as never);
  } catch (error) {
    throw error instanceof CancelledError ? error : new InferenceFailedError(error instanceof Error ? error.message : String(error));
  } finally {
    decoding.dispose();
  }
  const ended = now();
  const stop = decoding.stop;
  if (stop === 'cancelled') throw new CancelledError(options.label);
  if (stop === 'rejected') throw new InferenceFailedError('The grammar rejected a generated token.');
  return {
    tokenIds: [...decoding.tokenIds],
    stop,
    prefillSeconds: ((firstTokenMs ?? ended) - started) / 1000,
    generationSeconds: (ended - (firstTokenMs ?? ended)) / 1000,
  };
}
