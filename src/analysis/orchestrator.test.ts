/** The orchestrator's mode choice, every combination of the settings and the browser's state. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type AnalysisModeSetting } from '../domain/settings';
import { createAnalysisOrchestrator } from './orchestrator';
import { createOfflineUnavailableEngine } from './offline-unavailable';

const orchestrator = createAnalysisOrchestrator({
  getSettings: async () => DEFAULT_SETTINGS,
  getApiKey: async () => null,
  isOnline: () => true,
  createCloudEngine: () => {
    throw new Error('chooseMode must not create engines');
  },
  offlineEngine: createOfflineUnavailableEngine('qwen2-vl-2b'),
});

// mode, key set, online, auto-fallback -> engine the analysis starts with
const TABLE: Array<[AnalysisModeSetting, boolean, boolean, boolean, 'cloud' | 'offline']> = [
  ['auto', true, true, true, 'cloud'],
  ['auto', true, true, false, 'cloud'],
  ['auto', true, false, true, 'offline'],
  ['auto', true, false, false, 'offline'],
  ['auto', false, true, true, 'offline'],
  ['auto', false, true, false, 'offline'],
  ['auto', false, false, true, 'offline'],
  ['auto', false, false, false, 'offline'],
  ['cloud', true, true, true, 'cloud'],
  ['cloud', true, true, false, 'cloud'],
  // Cloud was asked for: navigator.onLine is only a hint, so it is tried (a failure may still fall back).
  ['cloud', true, false, true, 'cloud'],
  ['cloud', true, false, false, 'cloud'],
  // No key: fall back right away when allowed, else the cloud path reports ApiKeyMissing.
  ['cloud', false, true, true, 'offline'],
  ['cloud', false, true, false, 'cloud'],
  ['cloud', false, false, true, 'offline'],
  ['cloud', false, false, false, 'cloud'],
  ['offline', true, true, true, 'offline'],
  ['offline', true, true, false, 'offline'],
  ['offline', true, false, true, 'offline'],
  ['offline', true, false, false, 'offline'],
  ['offline', false, true, true, 'offline'],
  ['offline', false, true, false, 'offline'],
  ['offline', false, false, true, 'offline'],
  ['offline', false, false, false, 'offline'],
];

describe('chooseMode', () => {
  it.each(TABLE)('mode %s, key %s, online %s, fallback %s -> %s', (analysisMode, hasKey, online, autoFallback, expected) => {
    const settings = { ...DEFAULT_SETTINGS, analysisMode, autoFallback };
    expect(orchestrator.chooseMode(settings, hasKey, online)).toBe(expected);
  });
});
