/**
 * Glue between the draft grammar and transformers.js `generate()`.
 * String length limits are applied on top of the grammar mask (string-limits.ts).
 *
 * transformers.js calls logits processors synchronously, but xgrammar's mask call is async. So
 * the next mask is computed in the streamer's `put()` right after `acceptToken`, resolves while
 * the model runs its next forward pass, and the logits processor applies it. The stopping
 * criterion ends generation when the document is complete (the mask allows only stop tokens),
 * when the matcher rejects a token, or when the caller cancels.
 */
import { BaseStreamer, LogitsProcessor, StoppingCriteria, type Tensor } from '@huggingface/transformers';
import type { DraftGrammar } from './grammar';
import { createGrammarStep } from './grammar-step';

export type DecodingStop = 'complete' | 'cancelled' | 'rejected' | 'running';

export interface ConstrainedDecoding {
  logitsProcessor: LogitsProcessor;
  streamer: BaseStreamer;
  stoppingCriteria: StoppingCriteria;
  /** Ids of the tokens the grammar accepted (the draft, without the stop token). */
  readonly tokenIds: readonly number[];
  /** Why generation ended ('running' when it hit max_new_tokens first). */
  readonly stop: DecodingStop;
  /** Decoder forward passes so far (one per logits-processor call: the prefill and each step). */
  readonly forwardPasses: number;
  dispose(): void;
}

export interface ConstrainedDecodingOptions {
  isCancelled: () => boolean;
  /** Called once per accepted token, synchronously inside generate(). */
  onToken?: (tokenId: number, count: number) => void;
}

export async function createConstrainedDecoding(
  grammar: DraftGrammar,
  options: ConstrainedDecodingOptions,
): Promise<ConstrainedDecoding> {
  const step = await createGrammarStep(grammar);
  const tokenIds = step.tokenIds;
  let stop: DecodingStop = 'running';
  let promptSeen = false;
  let forwardPasses = 0;
  let mask = await step.nextMask();
  let maskStep = 0; // the mask is for the token after `maskStep` accepted tokens
  let documentComplete = step.isComplete(mask);

  function requestNextMask() {
    const at = tokenIds.length;
    void step.nextMask().then((next) => {
      if (at !== tokenIds.length) return; // a newer token superseded this mask
      mask = next;
      maskStep = at;
      documentComplete = step.isComplete(next);
    });
  }

  class GrammarLogitsProcessor extends LogitsProcessor {
    override _call(_inputIds: bigint[][], logits: Tensor): Tensor {
      if (maskStep !== tokenIds.length) {
        throw new Error('Grammar mask not ready for this step (the mask promise did not resolve during the forward pass).');
      }
      forwardPasses += 1;
      // [batch, vocab] float32 (generate() converts fp16 logits first); one mask for every row.
      const data = logits.data as Float32Array;
      const width = logits.dims.at(-1) ?? data.length;
      for (let offset = 0; offset < data.length; offset += width) {
        step.maskLogits(data.subarray(offset, offset + width), mask);
      }
      return logits;
    }
  }

  class GrammarStreamer extends BaseStreamer {
    override put(value: bigint[][]): void {
      if (!promptSeen) {
        promptSeen = true; // generate() first streams the prompt ids
        return;
      }
      if (stop !== 'running') return;
      // The mask for this token allowed only stop tokens: the draft was already complete, and
      // this token is the end marker (or, with a narrow lm_head, whatever the model could pick).
      if (documentComplete) {
        stop = 'complete';
        return;
      }
      const id = Number(value[0]?.[0]);
      const outcome = step.accept(id);
      if (outcome === 'rejected') {
        stop = 'rejected';
        return;
      }
      options.onToken?.(id, tokenIds.length);
      if (outcome === 'terminated') {
        stop = 'complete';
        return;
      }
      requestNextMask();
    }

    override end(): void {}
  }

  class GrammarStoppingCriteria extends StoppingCriteria {
    override _call(inputIds: number[][]): boolean[] {
      if (stop === 'running' && options.isCancelled()) stop = 'cancelled';
      return inputIds.map(() => stop !== 'running');
    }
  }

  return {
    logitsProcessor: new GrammarLogitsProcessor(),
    streamer: new GrammarStreamer(),
    stoppingCriteria: new GrammarStoppingCriteria(),
    tokenIds,
    get stop() {
      return stop;
    },
    get forwardPasses() {
      return forwardPasses;
    },
    dispose: () => step.dispose(),
  };
}
