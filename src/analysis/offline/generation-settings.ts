/**
 * Every generation setting transformers.js reads, given explicitly. transformers.js merges the
 * repo's generation_config.json into each generate() call, and the processors it builds from it
 * run before ours: Qwen2-VL's file sets do_sample, temperature 0.1, top_k 1, top_p 0.001 and
 * repetition_penalty 1.05 (FACTS.md section 8), which would quietly reweigh the grammar's tokens.
 * So nothing is left to that file: the draft and the caption decode exactly as written here.
 */
import type { SamplingOptions } from './inference-api';

export interface GenerationSettings {
  max_new_tokens: number;
  eos_token_id: number[];
  do_sample: boolean;
  num_beams: number;
  num_beam_groups: number;
  num_return_sequences: number;
  temperature: number;
  top_k: number;
  top_p: number;
  typical_p: number;
  epsilon_cutoff: number;
  eta_cutoff: number;
  penalty_alpha: null;
  repetition_penalty: number;
  encoder_repetition_penalty: number;
  no_repeat_ngram_size: number;
  encoder_no_repeat_ngram_size: number;
  length_penalty: number;
  diversity_penalty: number;
  min_length: number;
  min_new_tokens: null;
  max_time: null;
  bad_words_ids: null;
  force_words_ids: null;
  constraints: null;
  forced_bos_token_id: null;
  forced_eos_token_id: null;
  suppress_tokens: null;
  begin_suppress_tokens: null;
  forced_decoder_ids: null;
  guidance_scale: null;
  exponential_decay_length_penalty: null;
  renormalize_logits: boolean;
  remove_invalid_values: boolean;
  use_cache: boolean;
  return_dict_in_generate: boolean;
}

/** Greedy decoding with no processor of transformers.js's own: only the caller's run. */
export function greedySettings(stopTokenIds: readonly number[], maxNewTokens: number): GenerationSettings {
  return {
    max_new_tokens: maxNewTokens,
    eos_token_id: [...stopTokenIds],
    do_sample: false,
    num_beams: 1,
    num_beam_groups: 1,
    num_return_sequences: 1,
    temperature: 1,
    top_k: 0,
    top_p: 1,
    typical_p: 1,
    epsilon_cutoff: 0,
    eta_cutoff: 0,
    penalty_alpha: null,
    repetition_penalty: 1,
    encoder_repetition_penalty: 1,
    no_repeat_ngram_size: 0,
    encoder_no_repeat_ngram_size: 0,
    length_penalty: 1,
    diversity_penalty: 0,
    min_length: 0,
    min_new_tokens: null,
    max_time: null,
    bad_words_ids: null,
    force_words_ids: null,
    constraints: null,
    forced_bos_token_id: null,
    forced_eos_token_id: null,
    suppress_tokens: null,
    begin_suppress_tokens: null,
    forced_decoder_ids: null,
    guidance_scale: null,
    exponential_decay_length_penalty: null,
    renormalize_logits: false,
    remove_invalid_values: false,
    use_cache: true,
    return_dict_in_generate: false,
  };
}

/** Seeded multinomial sampling at the given temperature over the top-k tokens (no top-p). */
export function samplingSettings(stopTokenIds: readonly number[], maxNewTokens: number, sampling: SamplingOptions): GenerationSettings {
  return { ...greedySettings(stopTokenIds, maxNewTokens), do_sample: true, temperature: sampling.temperature, top_k: sampling.topK };
}
