/**
 * The analysis contract. The Cloud engine (Claude) and the Offline engine (Qwen2-VL in a worker)
 * both implement `AnalysisEngine`; the orchestrator picks one and returns an `AnalysisResult`.
 */
import type { DatasetSpecification } from '../domain/schema';
import type { ErrorInfo } from '../errors';

/** A style image ready to send to a model: downscaled, re-encoded, base64 without a data: prefix. */
export interface PreparedImage {
  name: string;
  mediaType: 'image/jpeg' | 'image/png' | 'image/webp';
  base64: string;
  width: number;
  height: number;
}

export type AnalysisProgress =
  | { stage: 'preparing-images'; done: number; total: number }
  /** Cloud: request sent, waiting for the first byte. */
  | { stage: 'connecting' }
  /** Cloud: `outputTokens` is the API's count (it arrives with message_start and message_delta). */
  | { stage: 'streaming'; outputTokens: number; characters: number }
  /** Cloud: the SDK is retrying after a retryable failure (429, 5xx, 529, network). */
  | { stage: 'retrying'; attempt: number; reason: string }
  | { stage: 'repairing'; problems: string[] }
  | { stage: 'loading-model'; file: string; loaded: number; total: number }
  | { stage: 'prefill' }
  | { stage: 'generating'; tokens: number; maxTokens: number; tokensPerSecond: number; etaSeconds: number | null }
  /** Orchestrator: the cloud call failed, finishing offline. */
  | { stage: 'fallback'; reason: ErrorInfo }
  | { stage: 'device-fallback'; reason: string }                          // offline: WebGPU failed, continuing on WASM
  | { stage: 'validating' };

export interface AnalysisRequest {
  images: PreparedImage[];
  srefCode: string;
  signal?: AbortSignal;
  onProgress?: (progress: AnalysisProgress) => void;
}

export interface EngineResult {
  spec: DatasetSpecification;
  /** Claude model id, or offline variant + dtype. */
  model: string;
  /** Offline only: 'webgpu' | 'wasm'. */
  device?: string;
  /** True when the spec needed a deterministic repair or a repair request. */
  repaired: boolean;
  rawOutput: string;
}

export interface AnalysisEngine {
  analyze(request: AnalysisRequest): Promise<EngineResult>;
}

export interface AnalysisResult extends EngineResult {
  mode_used: 'cloud' | 'offline';
  fallback_used: boolean;
  fallbackReason?: ErrorInfo;
}
