import { DynamicCache, Tensor } from '@huggingface/transformers';
import { describe, expect, it } from 'vitest';
import { trimKvCache, trimKvTensor } from './kv-cache-trim';

/** [batch, kv_heads, past, head_dim] with each element's value = batch*1000 + head*100 + position*10 + dim. */
function kvTensor(batch: number, heads: number, past: number, dim: number): Tensor {
  const data = new Float32Array(batch * heads * past * dim);
  for (let b = 0; b < batch; b += 1)
    for (let h = 0; h < heads; h += 1)
      for (let p = 0; p < past; p += 1) for (let d = 0; d < dim; d += 1) data[((b * heads + h) * past + p) * dim + d] = b * 1000 + h * 100 + p * 10 + d;
  return new Tensor('float32', data, [batch, heads, past, dim]);
}

describe('trimKvTensor', () => {
  it('keeps the first positions of every (batch, head) along the sequence axis', async () => {
    const trimmed = await trimKvTensor(kvTensor(2, 3, 5, 4), 2);
    expect(trimmed.dims).toEqual([2, 3, 2, 4]);
    const values = Array.from(trimmed.data as Float32Array);
    const expected: number[] = [];
    for (let b = 0; b < 2; b += 1) for (let h = 0; h < 3; h += 1) for (let p = 0; p < 2; p += 1) for (let d = 0; d < 4; d += 1) expected.push(b * 1000 + h * 100 + p * 10 + d);
    expect(values).toEqual(expected);
  });

  it('keeps the element type (fp16 caches are Uint16Array)', async () => {
    const half = new Tensor('float16', Uint16Array.from({ length: 12 }, (_, i) => i), [1, 2, 3, 2]);
    const trimmed = await trimKvTensor(half, 1);
    expect(trimmed.type).toBe('float16');
    expect(Array.from(trimmed.data as Uint16Array)).toEqual([0, 1, 6, 7]);
  });

  it('returns the tensor itself when nothing is dropped, refuses to grow or go negative', async () => {
    const tensor = kvTensor(1, 2, 4, 2);
    expect(await trimKvTensor(tensor, 4)).toBe(tensor);
    await expect(trimKvTensor(tensor, 5)).rejects.toThrow(RangeError);
    await expect(trimKvTensor(tensor, -1)).rejects.toThrow(RangeError);
  });

  it('reads a GPU-resident tensor back before trimming', async () => {
    const cpu = kvTensor(1, 1, 3, 2);
    const onGpu = { dims: cpu.dims, type: cpu.type, location: 'gpu-buffer', ort_tensor: { getData: async () => cpu.data } } as unknown as Tensor;
    const trimmed = await trimKvTensor(onGpu, 2);
    expect(trimmed.location).toBe('cpu');
    expect(Array.from(trimmed.data as Float32Array)).toEqual([0, 1, 10, 11]);
  });
});

describe('trimKvCache', () => {
  it('trims every key and value in place, so the cache reports the new length', async () => {
    const cache = new DynamicCache({
      'past_key_values.0.key': kvTensor(1, 2, 6, 3),
      'past_key_values.0.value': kvTensor(1, 2, 6, 3),
      'past_key_values.1.key': kvTensor(1, 2, 6, 3),
      'past_key_values.1.value': kvTensor(1, 2, 6, 3),
    });
    await trimKvCache(cache, 4);
    expect(cache.get_seq_length()).toBe(4);
    for (const tensor of Object.values(cache)) expect(tensor.dims).toEqual([1, 2, 4, 3]);
  });

  it('refuses entries without a sequence axis (recurrent states cannot be rewound by slicing)', async () => {
    const cache = new DynamicCache({ 'past_key_values.0.key': kvTensor(1, 1, 3, 2), 'past_conv.0': kvTensor(1, 1, 3, 2) });
    await expect(trimKvCache(cache, 2)).rejects.toThrow(/past_conv/);
  });
});
