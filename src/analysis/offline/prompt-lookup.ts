/**
 * Prompt lookup (Saxena, "Prompt Lookup Decoding", 2023; transformers' PromptLookupCandidateGenerator):
 * a guess at the free text that comes next, taken from the text already there. If the last few
 * tokens also occur earlier (in the prompt or in what the model has written), the tokens that
 * followed that earlier occurrence are proposed. A draft can repeat itself: modifiers reused
 * from batch to batch, best subjects that come back in a batch, categories named in the
 * instructions (how much a real model repeats is not known here; see docs/performance.md). The guess is only a draft: jump-forward decoding checks it in the same pass as
 * the grammar's forced text and keeps exactly the tokens greedy would have picked.
 *
 * Unlike transformers (first occurrence), the most recent occurrence wins: in a draft the last
 * batch is the best guess for the next one.
 */
import type { InferenceDevice } from '../../models/registry';

export interface PromptLookupOptions {
  /** Longest suffix tried first; shorter ones are tried down to `minNgram`. */
  maxNgram: number;
  minNgram: number;
  /** Most tokens proposed. */
  maxTokens: number;
}

/** Two tokens of context keep single-token matches (`","`, `"`) from proposing noise every pass. */
export const PROMPT_LOOKUP: PromptLookupOptions = { maxNgram: 4, minNgram: 2, maxTokens: 10 };

/**
 * Whether guessing pays on a device. A wrong guess costs a KV-cache trim (kv-cache-trim.ts): a
 * copy of the whole cache. On WASM the cache is in CPU memory and the copy (tens of MB, an
 * estimated 10-25 ms for a 2B model's cache at 1-2k positions) is small beside a decode step that
 * reads ~1.5 GB of weights. Under WebGPU the cache lives on the GPU: a trim reads it back and
 * uploads it again, estimated at about a decode step, while on the realistic draft lookup saves 19 passes for 86
 * trims (bench item jump-forward). So: WASM only.
 */
export function promptLookupFor(device: InferenceDevice): PromptLookupOptions | false {
  return device === 'wasm' ? PROMPT_LOOKUP : false;
}

function matchesAt(context: readonly number[], start: number, suffixStart: number, length: number): boolean {
  for (let k = 0; k < length; k += 1) {
    if (context[start + k] !== context[suffixStart + k]) return false;
  }
  return true;
}

/**
 * The tokens that followed the latest earlier occurrence of the context's last n tokens (n from
 * maxNgram down to minNgram; the first n with an occurrence that has a continuation wins).
 * Empty when nothing repeats.
 */
export function lookupContinuation(context: readonly number[], options: PromptLookupOptions = PROMPT_LOOKUP): number[] {
  if (options.maxTokens <= 0) return [];
  for (let n = Math.min(options.maxNgram, context.length - 1); n >= options.minNgram; n -= 1) {
    const suffixStart = context.length - n;
    // Latest occurrence first; an occurrence must end before the suffix itself does.
    for (let start = suffixStart - 1; start >= 0; start -= 1) {
      if (!matchesAt(context, start, suffixStart, n)) continue;
      const from = start + n;
      return context.slice(from, Math.min(from + options.maxTokens, context.length));
    }
  }
  return [];
}
