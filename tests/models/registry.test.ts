import { describe, expect, it } from 'vitest';
import { ModelSourceError } from '../../src/errors';
import {
  MODEL_VARIANTS,
  chooseDtypes,
  dtypeSetId,
  findVariant,
  isDtypeSetUsable,
  selectModelFiles,
  variantSource,
} from '../../src/models/registry';

const sessions = (suffixes: string[]) =>
  suffixes.flatMap((suffix) => ['vision_encoder', 'embed_tokens', 'decoder_model_merged'].map((name) => `onnx/${name}${suffix}.onnx`));

describe('chooseDtypes', () => {
  const full = sessions(['', '_fp16', '_quantized', '_q4', '_q4f16', '_int8', '_bnb4']);
  it.each([
    ['webgpu', true, full, 'q4f16'],
    ['webgpu', false, full, 'q4'],
    ['wasm', false, full, 'q4'],
    ['wasm', true, full, 'q4'],
    // the tiny fixture: fp32 only
    ['webgpu', true, sessions(['']), 'fp32'],
    ['webgpu', false, sessions(['']), 'fp32'],
    ['wasm', false, sessions(['']), 'fp32'],
    // WebGPU without shader-f16 never takes an f16 set, even when it is the only quantized one
    ['webgpu', false, sessions(['', '_q4f16', '_fp16']), 'fp32'],
    ['webgpu', true, sessions(['_fp16', '']), 'fp16'],
    ['wasm', false, sessions(['_quantized', '']), 'q8'],
  ] as const)('%s (shader-f16 %s) picks a uniform set', (device, f16, available, expected) => {
    expect(chooseDtypes(device, f16, [...available])).toEqual({ vision_encoder: expected, embed_tokens: expected, decoder_model_merged: expected });
  });

  it('mixes per session when no uniform set is complete', () => {
    const available = ['onnx/vision_encoder.onnx', 'onnx/embed_tokens_q4.onnx', 'onnx/decoder_model_merged_q4.onnx', 'onnx/decoder_model_merged_q4f16.onnx'];
    expect(chooseDtypes('webgpu', true, available)).toEqual({ vision_encoder: 'fp32', embed_tokens: 'q4', decoder_model_merged: 'q4f16' });
  });

  it('accepts bare file names as well as repo paths', () => {
    expect(chooseDtypes('wasm', false, ['vision_encoder_q4.onnx', 'embed_tokens_q4.onnx', 'decoder_model_merged_q4.onnx']).decoder_model_merged).toBe('q4');
  });

  it('fails with a named error when a session has no usable file', () => {
    expect(() => chooseDtypes('webgpu', false, sessions(['_q4f16']))).toThrow(ModelSourceError);
    expect(() => chooseDtypes('wasm', false, ['onnx/vision_encoder.onnx'])).toThrow(/embed_tokens/);
  });
});

describe('dtype sets', () => {
  it('has short ids', () => {
    expect(dtypeSetId({ vision_encoder: 'q4', embed_tokens: 'q4', decoder_model_merged: 'q4' })).toBe('q4');
    expect(dtypeSetId({ vision_encoder: 'fp32', embed_tokens: 'q8', decoder_model_merged: 'q4' })).toBe('fp32+q8+q4');
  });
  it('knows where a set runs', () => {
    const q4f16 = { vision_encoder: 'q4f16', embed_tokens: 'q4f16', decoder_model_merged: 'q4f16' };
    expect(isDtypeSetUsable(q4f16, 'webgpu', true)).toBe(true);
    expect(isDtypeSetUsable(q4f16, 'webgpu', false)).toBe(false);
    expect(isDtypeSetUsable(q4f16, 'wasm', false)).toBe(false);
  });
});

describe('selectModelFiles', () => {
  const tree = [
    '.gitattributes',
    'README.md',
    'config.json',
    'tokenizer.json',
    'merges.txt',
    'onnx/decoder_model_merged_q4.onnx',
    'onnx/decoder_model_merged_q4.onnx_data',
    'onnx/decoder_model_merged_q4.onnx_data_1',
    'onnx/decoder_model_merged_q4f16.onnx',
    'onnx/decoder_model_merged.onnx',
    'onnx/embed_tokens_q4.onnx',
    'onnx/vision_encoder_q4.onnx',
    'onnx/vision_encoder_q4.onnx_data_x',
  ];
  it('takes root configs, the three sessions and their external data only', () => {
    expect(selectModelFiles(tree, { vision_encoder: 'q4', embed_tokens: 'q4', decoder_model_merged: 'q4' })).toEqual([
      'config.json',
      'merges.txt',
      'tokenizer.json',
      'onnx/decoder_model_merged_q4.onnx',
      'onnx/decoder_model_merged_q4.onnx_data',
      'onnx/decoder_model_merged_q4.onnx_data_1',
      'onnx/embed_tokens_q4.onnx',
      'onnx/vision_encoder_q4.onnx',
    ]);
  });
  it('refuses a repo without config.json or a session file', () => {
    expect(() => selectModelFiles(tree.filter((path) => path !== 'config.json'), { vision_encoder: 'q4', embed_tokens: 'q4', decoder_model_merged: 'q4' })).toThrow(/config\.json/);
    expect(() => selectModelFiles(tree, { vision_encoder: 'q8', embed_tokens: 'q4', decoder_model_merged: 'q4' })).toThrow(/vision_encoder_quantized/);
  });
});

describe('variants', () => {
  const settings = { hubHost: 'https://mirror.example/hf/', customModel: { repo: 'me/qwen2-vl-7b-onnx', revision: 'v1' } };
  it('lists 2B (default), 7B, 72B and a custom source', () => {
    expect(MODEL_VARIANTS.map((variant) => variant.id)).toEqual(['qwen2-vl-2b', 'qwen2-vl-7b', 'qwen2-vl-72b', 'custom']);
  });
  it('maps each variant to a source under the settings', () => {
    expect(variantSource(findVariant('qwen2-vl-2b')!, settings)).toEqual({ host: 'https://mirror.example/hf', repo: 'onnx-community/Qwen2-VL-2B-Instruct', revision: 'main' });
    expect(variantSource(findVariant('qwen2-vl-7b')!, settings)).toEqual({ host: 'https://mirror.example/hf', repo: 'me/qwen2-vl-7b-onnx', revision: 'v1' });
    expect(variantSource(findVariant('qwen2-vl-7b')!, { ...settings, customModel: null })).toBeUndefined();
    expect(variantSource(findVariant('qwen2-vl-72b')!, settings)).toBeUndefined();
  });
});
