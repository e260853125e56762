/**
 * Drops the newest positions of a decoder's KV cache: after a speculative forward pass
 * (jump-forward-decode.ts), the keys and values of the draft tokens that were not accepted must
 * go, or every later token would attend to them.
 *
 * Each `past_key_values.{layer}.key|value` tensor is [batch, kv_heads, past, head_dim]; the
 * sequence axis is the second to last, so keeping the first `length` positions copies one
 * contiguous block per (batch, head). A tensor in a GPU buffer (transformers.js keeps `present.*`
 * outputs on the GPU under WebGPU) is read back first; the trimmed copy lives on the CPU and is
 * uploaded again by the next run, and the GPU original is disposed by the cache's update().
 */
import { Tensor, type DynamicCache } from '@huggingface/transformers';

const KV_PREFIX = 'past_key_values.';

type TypedArray = Float32Array | Float64Array | Uint16Array | Int32Array | Int8Array | Uint8Array | BigInt64Array;
type ArrayMaker = new (length: number) => TypedArray;

async function cpuData(tensor: Tensor): Promise<TypedArray> {
  if (tensor.location === 'gpu-buffer') return (await tensor.ort_tensor.getData()) as TypedArray;
  return tensor.data as TypedArray;
}

/** The first `length` positions along the sequence axis (dims.length - 2) of one cache tensor. */
export async function trimKvTensor(tensor: Tensor, length: number): Promise<Tensor> {
  const dims = tensor.dims;
  const axis = dims.length - 2;
  const past = dims[axis]!;
  if (axis < 0 || length < 0 || length > past) throw new RangeError(`Cannot keep ${length} of ${past} cached positions (dims ${dims.join('x')}).`);
  if (length === past) return tensor;
  const data = await cpuData(tensor);
  const inner = dims[axis + 1]!; // head_dim
  const blocks = dims.slice(0, axis).reduce((a, b) => a * b, 1); // batch * kv_heads
  const trimmed = new (data.constructor as ArrayMaker)(blocks * length * inner);
  for (let block = 0; block < blocks; block += 1) {
    const from = block * past * inner;
    trimmed.set(data.subarray(from, from + length * inner) as never, block * length * inner);
  }
  const newDims = dims.slice();
  newDims[axis] = length;
  return new Tensor(tensor.type as never, trimmed as never, newDims);
}

/** Trims every attention entry of the cache to `length` positions, in place. */
export async function trimKvCache(cache: DynamicCache, length: number): Promise<void> {
  const trimmed: Record<string, Tensor> = {};
  for (const [name, tensor] of Object.entries(cache)) {
    if (!name.startsWith(KV_PREFIX)) throw new Error(`Cannot trim the cache entry ${name}: only attention keys and values have a sequence axis.`);
    trimmed[name] = await trimKvTensor(tensor, length);
  }
  cache.update(trimmed);
}
