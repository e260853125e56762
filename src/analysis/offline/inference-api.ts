/**
 * The inference worker's contract (one interface, one file). The worker object `satisfies` it,
 * the page talks to it through `Comlink.wrap<InferenceApi>`, and Node tests call the same object
 * directly. Progress goes through a callback (a Comlink.proxy across the worker boundary).
 */
import type { DtypeSet, InferenceDevice, ModelSource } from '../../models/registry';
import type { PreparedImage } from '../types';
import type { SelfTestScene } from './self-test-scene';

export interface GpuReport {
  shaderF16: boolean;
  isFallbackAdapter: boolean;
  maxBufferSize: number;
  maxStorageBufferBindingSize: number;
  description: string;
}

export interface DeviceReport {
  /** null: no WebGPU adapter (the API is missing, or `requestAdapter()` gave none). */
  gpu: GpuReport | null;
  /** `navigator.deviceMemory` (GB, rounded down, capped at 8 by browsers), when reported. */
  deviceMemoryGb: number | null;
}

export interface LoadModelRequest {
  /** Host + repo + revision (the pinned commit) the files were downloaded from: their cache keys. */
  source: ModelSource;
  device: InferenceDevice;
  dtype: DtypeSet;
  /** Sum of the model's file sizes, for the memory pre-flight check. */
  modelBytes: number;
}

export interface LoadedModelInfo {
  device: InferenceDevice;
  dtype: DtypeSet;
  /** false when the same model was already loaded on the same device (kept between analyses). */
  loadedNow: boolean;
  seconds: number;
}

/** Seeded multinomial sampling; without it decoding is greedy (Qwen2-VL's own default). */
export interface SamplingOptions {
  seed: number;
  temperature: number;
  topK: number;
}

export interface DraftRequest {
  /** Lets `cancel()` name the generation to stop. */
  requestId: string;
  images: PreparedImage[];
  /** Safety limit; the grammar ends a complete draft long before (default DEFAULT_MAX_NEW_TOKENS). */
  maxNewTokens?: number;
  sampling?: SamplingOptions;
  /**
   * Greedy drafts check grammar-forced runs (keys, brackets) in one forward pass: same tokens,
   * fewer passes (jump-forward-decode.ts). Default true; false decodes one token per pass.
   * Sampled drafts always go one token per pass.
   */
  jumpForward?: boolean;
}

export interface DraftResult {
  /** The JSON text the model wrote under the grammar. */
  text: string;
  tokenIds: number[];
  /** false when generation hit `maxNewTokens` before the JSON document was complete. */
  complete: boolean;
  promptTokens: number;
  /** Visual tokens per image (`<|image_pad|>` count), in image order. */
  imageTokens: number[];
  prefillSeconds: number;
  generationSeconds: number;
  /** Decoder forward passes, the prompt's included (one per token without jump-forward). */
  forwardPasses: number;
}

export interface CaptionRequest {
  /** Lets `cancel()` name the generation to stop. */
  requestId: string;
  image: PreparedImage;
  /** Default DEFAULT_CAPTION_MAX_NEW_TOKENS: a short phrase needs far fewer. */
  maxNewTokens?: number;
}

export interface CaptionResult {
  /** Tidied: one line, no surrounding quotes, at most MAX_CAPTION_CHARS characters. */
  text: string;
  /** Tokens the model wrote (before tidying). */
  tokens: number;
}

export interface SelfTestRequest {
  /** Lets `cancel()` name the test to stop. */
  requestId: string;
  /** What the worker paints and asks about (self-test-scene.ts). */
  scene: SelfTestScene;
}

export interface SelfTestResult {
  /** The option a correct answer names, e.g. "blue circle". */
  expected: string;
  /** The option the model chose (null: it stopped before naming one). */
  answer: string | null;
  passed: boolean;
  promptTokens: number;
  imageTokens: number;
  generatedTokens: number;
  /** Vision encoder + prompt forward pass + first token. */
  prefillSeconds: number;
  /** The tokens after the first. */
  decodeSeconds: number;
}

export type InferenceEvent =
  | { type: 'loading'; file: string; loaded: number; total: number }
  | { type: 'prefill'; promptTokens: number; imageTokens: number }
  /** `expectedTokens`: projected length of the whole draft, refined as batches are written. */
  | { type: 'generating'; tokens: number; expectedTokens: number; tokensPerSecond: number; etaSeconds: number | null };

export type InferenceEventListener = (event: InferenceEvent) => void;

export interface InferenceApi {
  probeDevice(): Promise<DeviceReport>;
  /** Fetches and caches the ONNX runtime files so a later offline analysis needs no network. */
  prepareRuntime(): Promise<void>;
  /** Loads (or keeps) the model; throws InsufficientMemoryError, ModelLoadError, DeviceError. */
  loadModel(request: LoadModelRequest, onEvent?: InferenceEventListener): Promise<LoadedModelInfo>;
  /** Throws CancelledError after `cancel(requestId)`, ImageProcessingError, InferenceFailedError. */
  generateDraft(request: DraftRequest, onEvent?: InferenceEventListener): Promise<DraftResult>;
  /** A short plain caption of one image (greedy, no grammar); same errors as generateDraft. */
  generateCaption(request: CaptionRequest, onEvent?: InferenceEventListener): Promise<CaptionResult>;
  /** The known-answer check (self-test.ts): one painted picture, one multiple-choice question. */
  selfTest(request: SelfTestRequest, onEvent?: InferenceEventListener): Promise<SelfTestResult>;
  cancel(requestId: string): Promise<void>;
  /** Frees the sessions (keep-model-loaded off). */
  unloadModel(): Promise<void>;
}

export const DEFAULT_MAX_NEW_TOKENS = 2500;
export const DEFAULT_CAPTION_MAX_NEW_TOKENS = 40;
