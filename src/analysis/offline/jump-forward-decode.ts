/**
 * Jump-forward decoding: greedy decoding under the grammar, but where the grammar forces a run of
 * text (JSON keys, brackets, quotes, commas), the run is checked in ONE decoder forward pass
 * instead of one pass per token. Output is exactly greedy's, token for token.
 *
 * Why not just append the forced string: the grammar admits every token that spells a prefix of
 * it (`"`, `"p`, `"primary`...), and greedy may pick a different split than the tokenizer. So the
 * tokenized forced string is a speculative draft: one pass over [last picked token, d1..dm] gives
 * the logits after each of them, and at each position the masked greedy pick (grammar mask +
 * string limits, grammar-step.ts, as in step-by-step decoding) is taken. Picks that equal the
 * next draft token are accepted and the loop reads the next position; the first pick that differs
 * (or the pick after the whole draft) is accepted too, and the cache positions of the rejected
 * draft tokens are trimmed (kv-cache-trim.ts). Every pass yields at least one token.
 *
 * After the forced run the draft goes on with a guess at the free text (prompt-lookup.ts: what
 * followed the last time the same tokens appeared; on WASM only, see promptLookupFor). It is
 * checked the same way, so it changes only how many passes a draft takes, never which tokens it has.
 *
 * Positions follow transformers.js for Qwen2-VL (models/qwen2_vl/modeling_qwen2_vl.js): the prompt
 * pass gets M-RoPE positions and `rope_deltas` from get_rope_index(); every later text token at
 * absolute index n (the cache length before it) gets n + rope_delta on all three rope axes.
 *
 * Greedy only: sampling would need rejection sampling to keep its distribution, so sampled
 * generation stays on transformers.js generate() (constrained-generate.ts).
 */
import { DynamicCache, Tensor } from '@huggingface/transformers';
import type { DecodingStop } from './constrained-decoding';
import type { ModelInputs } from './generate-draft';
import { generateInputs } from './generate-inputs';
import type { JsonGrammar } from './grammar';
import { argmax, createGrammarStep } from './grammar-step';
import { trimKvCache } from './kv-cache-trim';
import type { LoadedQwen2Vl } from './load-qwen2vl';
import { lookupContinuation, promptLookupFor, type PromptLookupOptions } from './prompt-lookup';

/** Longest draft checked in one pass: a forced run is a key or two, well under this. */
export const MAX_DRAFT_TOKENS = 48;

export interface JumpForwardOptions {
  maxNewTokens: number;
  isCancelled(): boolean;
  /** Called once per accepted token, in order (several per pass when a draft is accepted). */
  onToken?: (tokenId: number, at: number) => void;
  now: () => number;
  /** Also guess the free text after the forced run from earlier text (prompt-lookup.ts); false: forced text only. Default: by device (promptLookupFor). */
  promptLookup?: PromptLookupOptions | false;
}

export interface JumpForwardRun {
  tokenIds: number[];
  stop: DecodingStop;
  /** Decoder forward passes, the prompt's included. */
  forwardPasses: number;
  /** Draft tokens fed to the decoder after the prompt pass that greedy did not pick (work spent on wrong guesses). */
  rejectedDraftTokens: number;
  /** Times the KV cache was trimmed after a rejected draft (each copies the cache; under WebGPU, reads it back). */
  cacheTrims: number;
  /** now() when the first token was accepted (null: none was). */
  firstTokenAt: number | null;
}

type Outputs = Record<string, Tensor> & { logits: Tensor };

interface DecoderModel {
  prepare_inputs_for_generation(inputIds: bigint[][], inputs: Record<string, unknown>, config: null): Record<string, unknown> & { rope_deltas?: Tensor };
  forward(inputs: Record<string, unknown>): Promise<Outputs>;
}

function presentsAsPast(outputs: Outputs): Record<string, Tensor> {
  const entries: Record<string, Tensor> = {};
  for (const [name, tensor] of Object.entries(outputs)) {
    if (name.startsWith('present')) entries[name.replace('present', 'past_key_values')] = tensor;
  }
  return entries;
}

/** The logits of the last `count` positions, float32, one row each. */
function lastRows(logits: Tensor, count: number): Float32Array[] {
  const data = (logits.type === 'float32' ? logits : logits.to('float32')).data as Float32Array;
  const width = logits.dims.at(-1)!;
  const rows = data.length / width;
  return Array.from({ length: count }, (_, i) => data.subarray((rows - count + i) * width, (rows - count + i + 1) * width));
}

/** M-RoPE positions [3, 1, count] for text tokens at absolute indexes start.. (same on every axis). */
function textPositions(start: number, count: number, ropeDelta: bigint): Tensor {
  const positions = new BigInt64Array(3 * count);
  for (let i = 0; i < 3 * count; i += 1) positions[i] = BigInt(start + (i % count)) + ropeDelta;
  return new Tensor('int64', positions, [3, 1, count]);
}

export async function decodeJumpForward(loaded: LoadedQwen2Vl, inputs: ModelInputs, grammar: JsonGrammar, options: JumpForwardOptions): Promise<JumpForwardRun> {
  if (inputs.inputIds.dims[0] !== 1) throw new Error('Jump-forward decoding runs one sequence at a time.');
  const model = loaded.model as unknown as DecoderModel;
  const step = await createGrammarStep(grammar);
  let cache: DynamicCache | null = null;
  let forwardPasses = 0;
  let rejectedDraftTokens = 0;
  let cacheTrims = 0;
  let firstTokenAt: number | null = null;
  const lookup = options.promptLookup ?? promptLookupFor(loaded.device);
  const promptIds = lookup ? Array.from(inputs.inputIds.data as BigInt64Array, Number) : [];
  const finish = (stop: DecodingStop): JumpForwardRun => ({ tokenIds: [...step.tokenIds], stop, forwardPasses, rejectedDraftTokens, cacheTrims, firstTokenAt });

  /** The forced run's tokens, then (with prompt lookup) a guess at what follows them. */
  const nextDraft = (forced: string, room: number): number[] => {
    const draft = forced === '' ? [] : loaded.tokenizer.encode(forced, { add_special_tokens: false }).slice(0, room);
    if (!lookup || draft.length >= room) return draft;
    const context = [...promptIds, ...step.tokenIds, ...draft];
    return [...draft, ...lookupContinuation(context, { ...lookup, maxTokens: Math.min(lookup.maxTokens, room - draft.length) })];
  };

  try {
    // The prompt, as generate()'s first step builds it: vision features merged, M-RoPE positions.
    const prefill = model.prepare_inputs_for_generation(
      inputs.inputIds.tolist() as bigint[][],
      generateInputs(inputs),
      null,
    );
    const ropeDelta = prefill.rope_deltas?.data[0];
    if (typeof ropeDelta !== 'bigint') throw new Error('The model computed no rope_deltas: jump-forward needs Qwen2-VL M-RoPE positions.');
    let outputs = await model.forward(prefill);
    forwardPasses += 1;
    cache = new DynamicCache(presentsAsPast(outputs));
    let rows = lastRows(outputs.logits, 1);
    /** The tokens fed after the pending one in the pass that produced `rows`. */
    let draft: number[] = [];

    for (;;) {
      let pending = -1;
      for (let i = 0; i < rows.length; i += 1) {
        /** Rows after this one: draft tokens greedy never reached or did not pick. */
        const after = rows.length - 1 - i;
        const stopHere = (stop: DecodingStop) => {
          rejectedDraftTokens += after;
          return finish(stop);
        };
        const mask = await step.nextMask();
        // The document is complete: whatever comes next is the end marker, no pass needed.
        if (step.isComplete(mask)) return stopHere('complete');
        const row = rows[i]!;
        step.maskLogits(row, mask);
        const id = argmax(row);
        const outcome = step.accept(id);
        if (outcome === 'rejected') return stopHere('rejected');
        const at = options.now();
        firstTokenAt ??= at;
        options.onToken?.(id, at);
        if (outcome === 'terminated') return stopHere('complete');
        if (step.tokenIds.length >= options.maxNewTokens) return stopHere('running');
        if (i < draft.length && id === draft[i]) continue;
        // Greedy's own pick ends the pass: the draft tokens after position i were never accepted.
        pending = id;
        rejectedDraftTokens += after;
        if (after > 0) {
          await trimKvCache(cache, cache.get_seq_length() - after);
          cacheTrims += 1;
        }
        break;
      }

      if (options.isCancelled()) return finish('cancelled');
      const room = Math.min(MAX_DRAFT_TOKENS, options.maxNewTokens - step.tokenIds.length - 1);
      draft = room <= 0 ? [] : nextDraft(step.forcedString(), room);
      const fed = [pending, ...draft];
      const start = cache.get_seq_length();
      outputs = await model.forward({
        input_ids: new Tensor('int64', BigInt64Array.from(fed, BigInt), [1, fed.length]),
        attention_mask: new Tensor('int64', new BigInt64Array(start + fed.length).fill(1n), [1, start + fed.length]),
        position_ids: textPositions(start, fed.length, ropeDelta),
        past_key_values: cache,
      });
      forwardPasses += 1;
      cache.update(presentsAsPast(outputs));
      rows = lastRows(outputs.logits, fed.length);
    }
  } finally {
    step.dispose();
    await cache?.dispose();
  }
}
