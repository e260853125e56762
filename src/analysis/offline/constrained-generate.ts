/**
 * One grammar-constrained generation over prepared model inputs, shared by the draft and the
 * self-test: jump-forward decoding (jump-forward-decode.ts) for greedy runs that ask for it,
 * otherwise transformers.js generate() one token per forward pass (constrained-decoding.ts).
 * Both pick the same tokens; cancellation and the grammar's verdict come back in `stop`.
 */
import { CancelledError, InferenceFailedError } from '../../errors';
import { createConstrainedDecoding, type DecodingStop } from './constrained-decoding';
import { decodeJumpForward } from './jump-forward-decode';
import type { ModelInputs } from './generate-draft';
import { generateInputs } from './generate-inputs';
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
  /**
   * Check grammar-forced runs in one forward pass (same tokens as step-by-step greedy). Ignored
   * when `settings.do_sample`: sampling always goes step by step through generate(). Default false.
   */
  jumpForward?: boolean;
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
  /** Decoder forward passes, the prompt's included. */
  forwardPasses: number;
}

interface LoopOutcome {
  tokenIds: number[];
  stop: DecodingStop;
  forwardPasses: number;
}

export async function generateConstrained(loaded: LoadedQwen2Vl, inputs: ModelInputs, grammar: JsonGrammar, options: ConstrainedRunOptions): Promise<ConstrainedRun> {
  const { now } = options;
  let firstTokenMs: number | null = null;
  const onToken = (tokenId: number, at: number) => {
    firstTokenMs ??= at;
    options.onToken?.(tokenId, at);
  };
  const started = now();
  let outcome: LoopOutcome;
  try {
    if (options.isCancelled()) throw new CancelledError(options.label);
    outcome =
      options.jumpForward && !options.settings.do_sample
        ? await decodeJumpForward(loaded, inputs, grammar, { maxNewTokens: options.settings.max_new_tokens, isCancelled: options.isCancelled, onToken, now })
        : await generateStepByStep(loaded, inputs, grammar, options, onToken);
  } catch (error) {
    throw error instanceof CancelledError ? error : new InferenceFailedError(error instanceof Error ? error.message : String(error));
  }
  const ended = now();
  const { stop } = outcome;
  if (stop === 'cancelled') throw new CancelledError(options.label);
  if (stop === 'rejected') throw new InferenceFailedError('The grammar rejected a generated token.');
  return {
    tokenIds: outcome.tokenIds,
    stop,
    prefillSeconds: ((firstTokenMs ?? ended) - started) / 1000,
    generationSeconds: (ended - (firstTokenMs ?? ended)) / 1000,
    forwardPasses: outcome.forwardPasses,
  };
}

/** transformers.js generate() with the grammar's logits processor, streamer and stopping criterion. */
async function generateStepByStep(
  loaded: LoadedQwen2Vl,
  inputs: ModelInputs,
  grammar: JsonGrammar,
  options: ConstrainedRunOptions,
  onToken: (tokenId: number, at: number) => void,
): Promise<LoopOutcome> {
  const decoding = await createConstrainedDecoding(grammar, {
    isCancelled: options.isCancelled,
    onToken: (tokenId) => onToken(tokenId, options.now()),
  });
  try {
    await loaded.model.generate({
      ...generateInputs(inputs),
      ...options.settings,
      logits_processor: [decoding.logitsProcessor],
      stopping_criteria: [decoding.stoppingCriteria],
      streamer: decoding.streamer,
    } as never);
  } finally {
    decoding.dispose();
  }
  return { tokenIds: [...decoding.tokenIds], stop: decoding.stop, forwardPasses: decoding.forwardPasses };
}
