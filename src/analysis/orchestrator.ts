/**
 * Picks the engine for an analysis (Cloud / Offline / Auto), runs it, and finishes offline when a
 * cloud call fails and auto-fallback is on. Cancelling never falls back.
 */
import type { Settings } from '../domain/settings';
import { ApiKeyMissingError, AppError, CancelledError, FallbackFailedError, toErrorInfo, type ErrorInfo } from '../errors';
import type { AnalysisEngine, AnalysisRequest, AnalysisResult } from './types';

export interface OrchestratorDeps {
  getSettings(): Promise<Settings>;
  getApiKey(): Promise<string | null>;
  isOnline(): boolean;
  createCloudEngine(config: { apiKey: string; baseURL: string; model: string }): AnalysisEngine;
  /** Until the offline engine lands: `createOfflineUnavailableEngine(variant)`. */
  offlineEngine: AnalysisEngine;
}

export type EngineMode = 'cloud' | 'offline';

export interface AnalysisOrchestrator {
  analyze(request: AnalysisRequest): Promise<AnalysisResult>;
  /** The engine an analysis starts with. */
  chooseMode(settings: Settings, hasKey: boolean, online: boolean): EngineMode;
}

export function createAnalysisOrchestrator(deps: OrchestratorDeps): AnalysisOrchestrator {
  function chooseMode(settings: Settings, hasKey: boolean, online: boolean): EngineMode {
    switch (settings.analysisMode) {
      case 'offline':
        return 'offline';
      case 'auto':
        return hasKey && online ? 'cloud' : 'offline';
      case 'cloud':
        // Cloud was asked for: try it even when the browser says offline (navigator.onLine is only a
        // hint); without a key there is nothing to try, so fall back right away when allowed.
        return hasKey || !settings.autoFallback ? 'cloud' : 'offline';
    }
  }

  async function runOffline(request: AnalysisRequest, fallbackReason?: ErrorInfo): Promise<AnalysisResult> {
    if (fallbackReason) request.onProgress?.({ stage: 'fallback', reason: fallbackReason });
    let result: Awaited<ReturnType<AnalysisEngine['analyze']>>;
    try {
      result = await deps.offlineEngine.analyze(request);
    } catch (error) {
      // A failed fallback tells the whole story: why Cloud failed, and why offline could not finish.
      if (!fallbackReason || isCancellation(error, request.signal)) throw error;
      throw new FallbackFailedError(fallbackReason, toErrorInfo(error));
    }
    return fallbackReason
      ? { ...result, mode_used: 'offline', fallback_used: true, fallbackReason }
      : { ...result, mode_used: 'offline', fallback_used: false };
  }

  async function analyze(request: AnalysisRequest): Promise<AnalysisResult> {
    if (request.signal?.aborted) throw new CancelledError('The analysis');
    const settings = await deps.getSettings();
    const apiKey = (await deps.getApiKey())?.trim() || null;
    const mode = chooseMode(settings, apiKey !== null, deps.isOnline());

    if (mode === 'offline') {
      const keyMissingInCloudMode = settings.analysisMode === 'cloud' && apiKey === null;
      return runOffline(request, keyMissingInCloudMode ? new ApiKeyMissingError().toInfo() : undefined);
    }
    if (apiKey === null) throw new ApiKeyMissingError();

    const cloud = deps.createCloudEngine({ apiKey, baseURL: settings.apiBaseUrl, model: settings.claudeModel });
    try {
      const result = await cloud.analyze(request);
      return { ...result, mode_used: 'cloud', fallback_used: false };
    } catch (error) {
      if (isCancellation(error, request.signal) || !settings.autoFallback) throw error;
      return runOffline(request, toErrorInfo(error));
    }
  }

  return { analyze, chooseMode };
}

function isCancellation(error: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true || (error instanceof AppError && error.kind === 'Cancelled');
}
