/**
 * Will a model fit? The memory an analysis needs, estimated from the chosen dtype set's bytes
 * before anything is downloaded, against the limits the browser sets:
 *
 *   needed = weights + runtime reserve + activation peak + KV cache
 *
 * - weights: the bytes of every file loaded (sessions + tokenizer and configs);
 * - runtime reserve: 256 MiB for ONNX Runtime's own heap, allocator arenas and staging buffers;
 * - activation peak: the larger of one vision-encoder call and the text prefill. The vision
 *   tower attends over all patches of an image at once: 16 heads x P^2 scores, P = 4 patches per
 *   visual token; images are encoded one per call, at most MAX_VISUAL_TOKENS_PER_IMAGE (256)
 *   tokens each, so P <= 1,024 (all 1,024 budget tokens in one call would need 16x more). The
 *   prefill runs the whole prompt (<= 1,024 visual + 768 text tokens) through 12 heads and the
 *   8,960-wide MLP;
 * - KV cache: 28 layers x 2 (key, value) x 2 KV heads x 128 x (prompt + DEFAULT_MAX_NEW_TOKENS)
 *   positions, twice (the past fed in and the present coming out coexist during a step).
 * Activations and cache are 2 bytes per value when the session runs in f16 (fp16, q4f16), else 4.
 * Model dimensions are Qwen2-VL-2B's (config.json); bigger variants have bigger weights, which
 * dominate the sum anyway.
 *
 * Limits: on WASM one wasm32 instance holds every session, so all of it must fit in its 4 GiB
 * address space; everywhere, at most 75% of the memory the browser reports
 * (`navigator.deviceMemory`: GB, rounded down, capped at 8 by Chromium) is usable, the rest is the
 * OS's, the browser's and other tabs'. Verdict: "will not fit" past the tightest limit, "tight"
 * past 80% of it, else "fits".
 */
import { DEFAULT_MAX_NEW_TOKENS } from '../analysis/offline/inference-api';
import { formatBytes, InsufficientMemoryError } from '../errors';
import { MAX_VISUAL_TOKENS_PER_IMAGE, VISUAL_TOKEN_BUDGET } from '../analysis/offline/visual-budget';
import type { DtypeSet, InferenceDevice } from './registry';

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

export const WASM32_ADDRESS_SPACE_BYTES = 4 * GIB;
export const RUNTIME_RESERVE_BYTES = 256 * MIB;
export const USABLE_DEVICE_MEMORY_SHARE = 0.75;
export const TIGHT_ABOVE_SHARE = 0.8;

/** Qwen2-VL's vision tower (the same in every size): 16 heads, 1,280 wide, 5,120-wide MLP, 2x2 merge. */
const VISION = { heads: 16, width: 1280, mlp: 5120, patchesPerToken: 4 } as const;
/** Qwen2-VL-2B's language model. */
const TEXT = { layers: 28, heads: 12, kvHeads: 2, headDim: 128, hidden: 1536, mlp: 8960 } as const;
/** The draft prompt's text (system prompt, instructions, chat template) stays under this. */
const PROMPT_TEXT_TOKENS = 768;

export type FitVerdict = 'fits' | 'tight' | 'will-not-fit';

export interface MemoryEstimate {
  weights: number;
  runtime: number;
  activations: number;
  kvCache: number;
  total: number;
}

export interface MemoryFit {
  verdict: FitVerdict;
  estimate: MemoryEstimate;
  /** The tightest limit that applies, in bytes (null: this browser reports none on WebGPU). */
  limitBytes: number | null;
  limitedBy: 'wasm32' | 'device-memory' | null;
  /** "fits", "tight", or "will not fit: use ...". */
  label: string;
  /** The figures behind the verdict, in a sentence. */
  explanation: string;
}

export interface FitInput {
  device: InferenceDevice;
  dtype: DtypeSet;
  /** Bytes of every file the model loads. */
  weightBytes: number;
  /** `navigator.deviceMemory`, when the browser reports it. */
  deviceMemoryGb: number | null;
}

const isF16 = (dtype: string) => dtype === 'fp16' || dtype === 'q4f16';

export function estimateMemory(input: Pick<FitInput, 'dtype' | 'weightBytes'>): MemoryEstimate {
  const visionBytes = isF16(input.dtype.vision_encoder) ? 2 : 4;
  const textBytes = isF16(input.dtype.decoder_model_merged) ? 2 : 4;
  const patches = MAX_VISUAL_TOKENS_PER_IMAGE * VISION.patchesPerToken;
  const visionPeak = (VISION.heads * patches * patches + patches * (3 * VISION.width + VISION.mlp)) * visionBytes;
  const prompt = VISUAL_TOKEN_BUDGET + PROMPT_TEXT_TOKENS;
  const prefillPeak = (TEXT.heads * prompt * prompt + prompt * (TEXT.mlp + 2 * TEXT.hidden)) * textBytes;
  const positions = prompt + DEFAULT_MAX_NEW_TOKENS;
  const kvCache = 2 * TEXT.layers * 2 * TEXT.kvHeads * TEXT.headDim * positions * textBytes;
  const activations = Math.max(visionPeak, prefillPeak);
  const runtime = RUNTIME_RESERVE_BYTES;
  return { weights: input.weightBytes, runtime, activations, kvCache, total: input.weightBytes + runtime + activations + kvCache };
}

export function assessMemoryFit(input: FitInput): MemoryFit {
  const estimate = estimateMemory(input);
  const limits: { bytes: number; by: 'wasm32' | 'device-memory' }[] = [];
  if (input.device === 'wasm') limits.push({ bytes: WASM32_ADDRESS_SPACE_BYTES, by: 'wasm32' });
  if (input.deviceMemoryGb !== null && input.deviceMemoryGb > 0) {
    limits.push({ bytes: input.deviceMemoryGb * GIB * USABLE_DEVICE_MEMORY_SHARE, by: 'device-memory' });
  }
  const tightest = limits.sort((a, b) => a.bytes - b.bytes)[0];
  const verdict: FitVerdict = !tightest ? 'fits' : estimate.total > tightest.bytes ? 'will-not-fit' : estimate.total > tightest.bytes * TIGHT_ABOVE_SHARE ? 'tight' : 'fits';
  return {
    verdict,
    estimate,
    limitBytes: tightest?.bytes ?? null,
    limitedBy: tightest?.by ?? null,
    label: verdictLabel(verdict, input.device),
    explanation: explain(estimate, tightest, input.deviceMemoryGb),
  };
}

function verdictLabel(verdict: FitVerdict, device: InferenceDevice): string {
  if (verdict !== 'will-not-fit') return verdict;
  return device === 'wasm' ? 'will not fit: use 2B on WebGPU / Cloud' : 'will not fit: use Cloud';
}

/** The app's byte format (binary units), as the model card shows download sizes. */
const formatGb = formatBytes;

function explain(estimate: MemoryEstimate, limit: { bytes: number; by: 'wasm32' | 'device-memory' } | undefined, deviceMemoryGb: number | null): string {
  const needs = `Needs about ${formatGb(estimate.total)} (${formatGb(estimate.weights)} of weights + ${formatGb(estimate.total - estimate.weights)} for the runtime, activations and KV cache)`;
  if (!limit) return `${needs}; this browser does not report its memory.`;
  if (limit.by === 'wasm32') return `${needs} of the ${formatGb(limit.bytes)} one WebAssembly instance can address.`;
  return `${needs} of about ${formatGb(limit.bytes)} usable of the ${deviceMemoryGb} GB this device reports.`;
}

/** The named error for a verdict of "will not fit", in the user's terms. */
export function insufficientMemoryError(fit: MemoryFit, device: InferenceDevice): InsufficientMemoryError {
  const limitBytes = fit.limitBytes ?? fit.estimate.total;
  const limit =
    fit.limitedBy === 'wasm32'
      ? `the CPU runtime (one WebAssembly instance) can address at most ${formatGb(limitBytes)}`
      : `about ${formatGb(limitBytes)} of this device's memory is usable`;
  const action = device === 'wasm' ? 'Use the 2B model on a device with WebGPU, or Cloud mode.' : 'Use Cloud mode, or a device with more memory.';
  return new InsufficientMemoryError(Number((fit.estimate.total / GIB).toFixed(1)), Number((limitBytes / GIB).toFixed(1)), { limit, action });
}
