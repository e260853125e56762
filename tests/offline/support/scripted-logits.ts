/**
 * Makes the loaded fixture "want" scripted tokens: after each real forward pass (vision, KV cache
 * and all), the logits are rewritten so the scripted token is far ahead and every other token
 * equal. What generate() or jump-forward decoding then emits shows what our processors, grammar
 * and stopping rules let through.
 *
 * Each rewritten row is the one predicting generated position p: a step-by-step pass keeps one row,
 * a jump-forward pass one per fed token, so p is read from the pass's cache length and row index
 * (the prompt pass predicts position 0), not from a pass counter.
 */
import type { Tensor } from '@huggingface/transformers';
import type { LoadedQwen2Vl } from '../../../src/analysis/offline/load-qwen2vl';

export interface Script {
  /** The token wanted at each generated position (the last one repeats). */
  wanted: number[];
  /** The runner-up, for positions where the grammar forbids the wanted token. */
  fallback?: number;
}

/** Installs the script; returns a function that restores the model's own logits. */
export function scriptLogits(loaded: LoadedQwen2Vl, script: Script): () => void {
  const model = loaded.model as unknown as { forward(inputs: unknown): Promise<{ logits: Tensor }> };
  const forward = model.forward.bind(model);
  let promptLength = -1;
  model.forward = async (inputs) => {
    const { attention_mask: mask } = inputs as { attention_mask: Tensor };
    const total = mask.dims.at(-1)!;
    if (promptLength < 0 || !(inputs as { past_key_values?: unknown }).past_key_values) promptLength = total;
    const outputs = await forward(inputs);
    const width = outputs.logits.dims.at(-1)!;
    const data = outputs.logits.data as Float32Array;
    const rows = data.length / width;
    for (let row = 0; row < rows; row += 1) {
      const position = total - rows + row + 1 - promptLength;
      if (position < 0) continue;
      const logits = data.subarray(row * width, (row + 1) * width);
      logits.fill(-10);
      if (script.fallback !== undefined) logits[script.fallback] = 5;
      logits[script.wanted[Math.min(position, script.wanted.length - 1)]!] = 10;
    }
    return outputs;
  };
  return () => {
    model.forward = forward;
  };
}
