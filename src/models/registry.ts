/**
 * The offline model registry: which Qwen2-VL variants exist, where their files come from, and
 * which ONNX dtype set each device can run. Data-driven: the UI renders these records as cards.
 */
import type { Settings } from '../domain/settings';
import { ModelSourceError } from '../errors';

export const SESSION_NAMES = ['vision_encoder', 'embed_tokens', 'decoder_model_merged'] as const;
export type SessionName = (typeof SESSION_NAMES)[number];
export type DtypeSet = Record<SessionName, string>;
export type InferenceDevice = 'webgpu' | 'wasm';

/** transformers.js file suffix per dtype (FACTS.md section 4): `onnx/{session}{suffix}.onnx`. */
export const DTYPE_SUFFIXES: Readonly<Record<string, string>> = {
  fp32: '',
  fp16: '_fp16',
  q8: '_quantized',
  int8: '_int8',
  uint8: '_uint8',
  q4: '_q4',
  q4f16: '_q4f16',
  bnb4: '_bnb4',
};

/**
 * The dtypes known to give correct output on each device, most precise first (the order breaks
 * ties in dtype-selection.ts):
 * - f16 (fp16, q4f16) only with `shader-f16`: without it the default ORT bundle silently computes
 *   wrong numbers (FACTS.md section 1);
 * - never q8 on WebGPU: 8-bit decoders give gibberish there while the same files are right on
 *   WASM (huggingface/transformers.js#1317, #1512);
 * - no f16 on WASM: ORT's CPU kernels implement few operators in float16;
 * - fp32, q8 (transformers.js's own WASM default) and q4 / q4f16 (its WebGPU recommendation) are
 *   the sets it is used with; int8, uint8 and bnb4 exports stay out until someone verifies them.
 */
const DEVICE_DTYPES = {
  webgpuF16: ['fp32', 'fp16', 'q4', 'q4f16'],
  webgpu: ['fp32', 'q4'],
  wasm: ['fp32', 'q8', 'q4'],
} as const satisfies Record<string, readonly string[]>;

export function dtypesFor(device: InferenceDevice, hasShaderF16: boolean): readonly string[] {
  if (device === 'wasm') return DEVICE_DTYPES.wasm;
  return hasShaderF16 ? DEVICE_DTYPES.webgpuF16 : DEVICE_DTYPES.webgpu;
}

export function sessionFileName(session: SessionName, dtype: string): string {
  const suffix = DTYPE_SUFFIXES[dtype];
  if (suffix === undefined) throw new ModelSourceError(`unknown dtype "${dtype}"`);
  return `${session}${suffix}.onnx`;
}

/** Whether `path` is the ONNX graph or one of the external-data chunks (`X.onnx_data`, `X.onnx_data_1`, ...) of `onnxFile`. */
export function belongsToSessionFile(path: string, onnxFile: string): boolean {
  return path === onnxFile || (path.startsWith(`${onnxFile}_data`) && /^(_\d+)?$/.test(path.slice(onnxFile.length + '_data'.length)));
}

/** Short, stable id of a dtype set: `q4` when uniform, else `q4+q8+q4` (vision+embed+decoder). */
export function dtypeSetId(dtype: DtypeSet): string {
  const values = SESSION_NAMES.map((session) => dtype[session]);
  return values.every((value) => value === values[0]) ? values[0]! : values.join('+');
}

/** Whether a dtype set runs on this device (used to find an installed model for a device). */
export function isDtypeSetUsable(dtype: DtypeSet, device: InferenceDevice, hasShaderF16: boolean): boolean {
  const allowed = new Set(dtypesFor(device, hasShaderF16));
  return SESSION_NAMES.every((session) => allowed.has(dtype[session]));
}

/** Root files transformers.js reads for Qwen2-VL: configs, tokenizer, chat template. */
const ROOT_FILE_PATTERN = /^[^/]+\.(json|txt|jinja)$/;

/**
 * The repo paths to download for a dtype set: root config/tokenizer files, the three session
 * files and their external-data shards (`X.onnx_data`, `X.onnx_data_1`, ...).
 */
export function selectModelFiles(repoPaths: string[], dtype: DtypeSet): string[] {
  const sessionFiles = SESSION_NAMES.map((session) => `onnx/${sessionFileName(session, dtype[session])}`);
  const isSessionFile = (path: string) => sessionFiles.some((file) => belongsToSessionFile(path, file));
  const missing = sessionFiles.filter((file) => !repoPaths.includes(file));
  if (missing.length > 0) throw new ModelSourceError(`missing ${missing.join(', ')}`);
  const roots = repoPaths.filter((path) => ROOT_FILE_PATTERN.test(path));
  if (!roots.includes('config.json')) throw new ModelSourceError('no config.json at the repo root');
  return [...roots.sort(), ...repoPaths.filter(isSessionFile).sort()];
}

export type VariantSource =
  | { kind: 'hub'; repo: string; revision: string }
  /** The user supplies the repo id (no public transformers.js-layout export exists). */
  | { kind: 'user-repo'; expectedSize: string }
  /** Any repo + revision in the Qwen2-VL layout, from any Hub host or mirror. */
  | { kind: 'custom' }
  | { kind: 'unsupported'; reason: string; alternatives: string };

export interface ModelVariant {
  id: string;
  name: string;
  source: VariantSource;
  /** Shown before the Hub listing is read; the exact size comes from the tree API. */
  downloadSizeLabel: string;
  /** Rough peak memory (GB) while analysing, used for the device-memory warning. */
  memoryNeededGb: number;
  speedNote: string;
  qualityNote: string;
}

export const MODEL_VARIANTS: readonly ModelVariant[] = [
  {
    id: 'qwen2-vl-2b',
    name: 'Qwen2-VL 2B Instruct',
    source: { kind: 'hub', repo: 'onnx-community/Qwen2-VL-2B-Instruct', revision: 'main' },
    downloadSizeLabel: 'about 1.8 GB (CPU) to 4.3 GB (WebGPU without 16-bit floats)',
    memoryNeededGb: 4,
    speedNote: 'A few tokens per second on WebGPU; several times slower on CPU (WASM).',
    qualityNote: 'Good style descriptions; occasionally generic subject lists.',
  },
  {
    id: 'qwen2-vl-7b',
    name: 'Qwen2-VL 7B Instruct',
    source: { kind: 'user-repo', expectedSize: 'about 5-6 GB at 4-bit' },
    downloadSizeLabel: 'about 5-6 GB (4-bit), depends on your export',
    memoryNeededGb: 10,
    speedNote: 'Needs a discrete GPU with 8 GB or more; on CPU it is too slow to be practical.',
    qualityNote: 'Noticeably richer and more specific than 2B.',
  },
  {
    id: 'qwen2-vl-72b',
    name: 'Qwen2-VL 72B Instruct',
    source: {
      kind: 'unsupported',
      reason:
        'Even at 4-bit its weights are about 40 GB: more than a browser tab may allocate (WebAssembly memory stops at 4 GB, WebGPU buffers at a few GB, and the site storage quota is usually smaller).',
      alternatives: 'Use Cloud mode (Claude), or run the 72B model on a GPU server (vLLM, llama.cpp) and use its output.',
    },
    downloadSizeLabel: 'about 40 GB (4-bit)',
    memoryNeededGb: 48,
    speedNote: 'Not runnable in a browser.',
    qualityNote: 'Best of the family.',
  },
  {
    id: 'custom',
    name: 'Custom source',
    source: { kind: 'custom' },
    downloadSizeLabel: 'depends on the repo',
    memoryNeededGb: 4,
    speedNote: 'Depends on the model size.',
    qualityNote: 'Any repo in the transformers.js Qwen2-VL layout (config.json, onnx/vision_encoder, embed_tokens, decoder_model_merged).',
  },
];

export function findVariant(id: string): ModelVariant | undefined {
  return MODEL_VARIANTS.find((variant) => variant.id === id);
}

export interface ModelSource {
  host: string;
  repo: string;
  revision: string;
}

/** Where a variant's files come from under the current settings (undefined: not downloadable yet). */
export function variantSource(variant: ModelVariant, settings: Pick<Settings, 'hubHost' | 'customModel'>): ModelSource | undefined {
  const host = normalizeHost(settings.hubHost);
  switch (variant.source.kind) {
    case 'hub':
      return { host, repo: variant.source.repo, revision: variant.source.revision };
    case 'user-repo':
    case 'custom':
      return settings.customModel ? { host, repo: settings.customModel.repo, revision: settings.customModel.revision } : undefined;
    case 'unsupported':
      return undefined;
  }
}

/** Hub hosts are compared and joined without a trailing slash. */
export function normalizeHost(host: string): string {
  return host.trim().replace(/\/+$/, '');
}

/** How the app names a device to users. */
export function describeDevice(device: InferenceDevice, hasShaderF16: boolean): string {
  if (device === 'wasm') return 'the CPU (WASM)';
  return hasShaderF16 ? 'WebGPU' : 'WebGPU without shader-f16';
}
