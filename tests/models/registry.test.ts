import { describe, expect, it } from 'vitest';
import { ModelSourceError } from '../../src/errors';
import { planDtypes } from '../../src/models/dtype-selection';
import {
  MODEL_VARIANTS,
  dtypeSetId,
  dtypesFor,
  findVariant,
  isDtypeSetUsable,
  selectModelFiles,
  variantSource,
} from '../../src/models/registry';

const SESSIONS = ['vision_encoder', 'embed_tokens', 'decoder_model_merged'];
/** Every session in every given suffix, all the same size. */
const sessions = (suffixes: string[], size = 1000) =>
  suffixes.flatMap((suffix) => SESSIONS.map((name) => ({ path: `onnx/${name}${suffix}.onnx`, size })));

describe('planDtypes', () => {
  const full = sessions(['', '_fp16', '_quantized', '_q4', '_q4f16', '_int8', '_bnb4']);
  it.each([
    // equal sizes: the most precise allowed dtype wins
    ['webgpu', true, full, 'fp32'],
    ['webgpu', false, full, 'fp32'],
    ['wasm', false, full, 'fp32'],
    // the tiny fixture: fp32 only
    ['webgpu', true, sessions(['']), 'fp32'],
    ['wasm', false, sessions(['']), 'fp32'],
    // smaller files win: q4f16 only with shader-f16, q8 only on WASM
    ['webgpu', true, [...sessions([''], 4000), ...sessions(['_q4f16'], 500), ...sessions(['_quantized'], 100)], 'q4f16'],
    ['webgpu', false, [...sessions([''], 4000), ...sessions(['_q4f16'], 500), ...sessions(['_quantized'], 100), ...sessions(['_q4'], 700)], 'q4'],
    ['wasm', false, [...sessions([''], 4000), ...sessions(['_q4f16', '_fp16'], 500), ...sessions(['_quantized'], 1000), ...sessions(['_q4'], 700)], 'q4'],
    ['wasm', true, [...sessions([''], 4000), ...sessions(['_q4f16', '_fp16'], 500), ...sessions(['_quantized'], 1000)], 'q8'],
    // a saving under 5% is not worth a less precise dtype
    ['wasm', false, [...sessions([''], 1000), ...sessions(['_q4'], 960)], 'fp32'],
  ] as const)('%s (shader-f16 %s) picks a uniform set when sizes say so', (device, f16, available, expected) => {
    expect(planDtypes(device, f16, [...available]).dtype).toEqual({ vision_encoder: expected, embed_tokens: expected, decoder_model_merged: expected });
  });

  it('mixes per session by size, counting external data', () => {
    const available = [
      { path: 'onnx/vision_encoder.onnx', size: 10 },
      { path: 'onnx/vision_encoder.onnx_data', size: 4000 },
      { path: 'onnx/vision_encoder_q4.onnx', size: 3000 },
      { path: 'onnx/embed_tokens_q4.onnx', size: 900 },
      { path: 'onnx/embed_tokens_fp16.onnx', size: 500 },
      { path: 'onnx/decoder_model_merged_q4.onnx', size: 1000 },
      { path: 'onnx/decoder_model_merged_q4f16.onnx', size: 900 },
    ];
    expect(planDtypes('webgpu', true, available).dtype).toEqual({ vision_encoder: 'q4', embed_tokens: 'fp16', decoder_model_merged: 'q4f16' });
    expect(planDtypes('webgpu', true, available).sessions.vision_encoder).toEqual({ dtype: 'q4', files: ['onnx/vision_encoder_q4.onnx'], bytes: 3000 });
  });

  it('fails with a named error when a session has no usable file', () => {
    expect(() => planDtypes('webgpu', false, sessions(['_q4f16']))).toThrow(ModelSourceError);
    expect(() => planDtypes('wasm', false, [{ path: 'onnx/vision_encoder.onnx', size: 1 }])).toThrow(/embed_tokens/);
  });

  it('keeps q8 off WebGPU and f16 off devices without shader-f16', () => {
    expect(dtypesFor('webgpu', true)).not.toContain('q8');
    expect(dtypesFor('webgpu', false)).not.toContain('q8');
    expect(dtypesFor('webgpu', false).filter((dtype) => dtype.includes('16'))).toEqual([]);
    expect(dtypesFor('wasm', true).filter((dtype) => dtype.includes('16'))).toEqual([]);
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
    const q8 = { vision_encoder: 'q8', embed_tokens: 'q8', decoder_model_merged: 'q4' };
    expect(isDtypeSetUsable(q8, 'wasm', false)).toBe(true);
    expect(isDtypeSetUsable(q8, 'webgpu', true)).toBe(false);
    expect(isDtypeSetUsable(q8, 'webgpu', false)).toBe(false);
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
