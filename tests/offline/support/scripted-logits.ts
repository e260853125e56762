/**
 * Makes the loaded fixture "want" scripted tokens: after each real forward pass (vision, KV cache
 * and all), the logits of the last position are rewritten so the scripted token is far ahead and
 * every other token equal. What generate() then emits shows what our processors, grammar and
 * stopping rules let through.
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
  let step = 0;
  model.forward = async (inputs) => {
    const outputs = await forward(inputs);
    const width = outputs.logits.dims.at(-1)!;
    const data = outputs.logits.data as Float32Array;
    const last = data.subarray(data.length - width);
    last.fill(-10);
    if (script.fallback !== undefined) last[script.fallback] = 5;
    last[script.wanted[Math.min(step, script.wanted.length - 1)]!] = 10;
    step += 1;
    return outputs;
  };
  return () => {
    model.forward = forward;
  };
}
