/**
 * Stands where the offline engine goes until it is installed (issue 4): an offline analysis
 * says clearly that no model is on this device, and the orchestrator's fallback reports it.
 */
import { ModelNotFoundError } from '../errors';
import type { AnalysisEngine } from './types';

export function createOfflineUnavailableEngine(variant: string): AnalysisEngine {
  return {
    analyze: () => Promise.reject(new ModelNotFoundError(variant)),
  };
}
