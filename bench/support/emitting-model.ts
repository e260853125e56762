/**
 * A stand-in decoder that "emits" a given token sequence: every logits row it returns puts the
 * document's token for the position that row predicts far ahead of all others (the prompt pass
 * predicts position 0; after the document, the stop token). Handed to the real jump-forward loop
 * (jump-forward-decode.ts) with the real tokenizer and grammar, it counts the forward passes a
 * model whose greedy choice is that tokenization would need. Its cache holds one number per
 * position, so trimming is exercised too; no weights, so a whole draft takes milliseconds.
 */
import { Tensor } from '@huggingface/transformers';
import type { ModelInputs } from '../../src/analysis/offline/generate-draft';
import type { LoadedQwen2Vl } from '../../src/analysis/offline/load-qwen2vl';

type Feeds = Record<string, unknown> & { attention_mask: Tensor; past_key_values?: object | null };

/**
 * `promptIds`: what the model read before the document (prompt lookup searches it too); pass the
 * real prompt's ids for a realistic count.
 */
export function emittingModel(loaded: LoadedQwen2Vl, documentIds: readonly number[], promptIds: readonly number[]): { loaded: LoadedQwen2Vl; inputs: ModelInputs } {
  const promptLength = promptIds.length;
  const width = loaded.grammar.vocabSize;
  const stop = loaded.stopTokenIds[0]!;
  const model = {
    prepare_inputs_for_generation: (_ids: unknown, feeds: Record<string, unknown>) => ({ ...feeds, rope_deltas: new Tensor('int64', [0n], [1, 1]) }),
    async forward(feeds: Feeds) {
      const total = feeds.attention_mask.dims[1]!;
      const rows = feeds.past_key_values ? total - Object.values(feeds.past_key_values as Record<string, Tensor>)[0]!.dims[2]! : 1;
      const logits = new Float32Array(rows * width);
      for (let row = 0; row < rows; row += 1) {
        const position = total - rows + row + 1 - promptLength;
        logits[row * width + (documentIds[position] ?? stop)] = 10;
      }
      const cache = () => new Tensor('float32', new Float32Array(total), [1, 1, total, 1]);
      return { logits: new Tensor('float32', logits, [1, rows, width]), 'present.0.key': cache(), 'present.0.value': cache() };
    },
  };
  const ones = new Tensor('int64', new BigInt64Array(promptLength).fill(1n), [1, promptLength]);
  const ids = new Tensor('int64', BigInt64Array.from(promptIds, BigInt), [1, promptLength]);
  return {
    loaded: { ...loaded, model: model as unknown as LoadedQwen2Vl['model'] },
    inputs: { inputIds: ids, attentionMask: ones, pixelValues: ones, imageGridThw: ones, imageTokens: [] },
  };
}
