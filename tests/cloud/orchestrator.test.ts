/**
 * The orchestrator with the real Cloud engine against the Claude stand-in, and a small offline
 * engine double (the real one is another component): which engine runs, when it falls back,
 * what the result says, and that cancelling never falls back.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reply, startClaudeStandIn, type ClaudeStandIn, type StandInBehaviour } from '../../e2e/fixtures/claude-server';
import { buildSampleSpec } from '../../e2e/fixtures/sample-spec';
import { createCloudEngine } from '../../src/analysis/cloud-engine';
import { createOfflineUnavailableEngine } from '../../src/analysis/offline-unavailable';
import { createAnalysisOrchestrator } from '../../src/analysis/orchestrator';
import type { AnalysisEngine, AnalysisRequest } from '../../src/analysis/types';
import { DEFAULT_SETTINGS, type AnalysisModeSetting } from '../../src/domain/settings';
import { AppError, CancelledError } from '../../src/errors';
import { recordProgress, rejectionOf, styleImages, TEST_KEY, TEST_SREF } from './support';

let claude: ClaudeStandIn;
beforeEach(async () => {
  claude = await startClaudeStandIn();
});
afterEach(async () => {
  await claude.close();
});

/** Answers like the offline engine will: a valid spec for the request's sref. */
function createRecordingOfflineEngine(): AnalysisEngine & { calls: AnalysisRequest[] } {
  const calls: AnalysisRequest[] = [];
  return {
    calls,
    analyze: async (request) => {
      calls.push(request);
      const spec = buildSampleSpec(request.srefCode);
      return { spec, model: 'qwen2-vl-2b (q4f16)', device: 'wasm', repaired: false, rawOutput: JSON.stringify(spec) };
    },
  };
}

interface Setup {
  mode: AnalysisModeSetting;
  key: boolean;
  online: boolean;
  fallback: boolean;
  offline?: AnalysisEngine;
}

function setup({ mode, key, online, fallback, offline = createRecordingOfflineEngine() }: Setup) {
  return createAnalysisOrchestrator({
    getSettings: async () => ({ ...DEFAULT_SETTINGS, analysisMode: mode, autoFallback: fallback, apiBaseUrl: claude.url }),
    getApiKey: async () => (key ? TEST_KEY : null),
    isOnline: () => online,
    createCloudEngine: (config) => createCloudEngine({ ...config, fetch: globalThis.fetch }),
    offlineEngine: offline,
  });
}

const OVERLOADED_THRICE: StandInBehaviour[] = [reply.overloaded(1), reply.overloaded(1), reply.overloaded(1)];

type Outcome = { mode_used: 'cloud' | 'offline'; fallback_used: boolean; reason?: string } | { error: string; causes?: string[] };

const TABLE: Array<{ name: string; setup: Setup; claude: StandInBehaviour[]; outcome: Outcome; cloudCalls: number }> = [
  { name: 'auto with a key online uses Claude', setup: { mode: 'auto', key: true, online: true, fallback: true }, claude: [], outcome: { mode_used: 'cloud', fallback_used: false }, cloudCalls: 1 },
  { name: 'auto without a key goes offline', setup: { mode: 'auto', key: false, online: true, fallback: true }, claude: [], outcome: { mode_used: 'offline', fallback_used: false }, cloudCalls: 0 },
  { name: 'auto with the browser offline goes offline', setup: { mode: 'auto', key: true, online: false, fallback: false }, claude: [], outcome: { mode_used: 'offline', fallback_used: false }, cloudCalls: 0 },
  { name: 'auto falls back when Claude stays overloaded', setup: { mode: 'auto', key: true, online: true, fallback: true }, claude: OVERLOADED_THRICE, outcome: { mode_used: 'offline', fallback_used: true, reason: 'ApiOverloaded' }, cloudCalls: 3 },
  { name: 'auto without fallback reports the overload', setup: { mode: 'auto', key: true, online: true, fallback: false }, claude: OVERLOADED_THRICE, outcome: { error: 'ApiOverloaded' }, cloudCalls: 3 },
  { name: 'cloud with a key uses Claude', setup: { mode: 'cloud', key: true, online: true, fallback: false }, claude: [], outcome: { mode_used: 'cloud', fallback_used: false }, cloudCalls: 1 },
  { name: 'cloud tries Claude even when the browser says offline', setup: { mode: 'cloud', key: true, online: false, fallback: false }, claude: [], outcome: { mode_used: 'cloud', fallback_used: false }, cloudCalls: 1 },
  { name: 'cloud without a key falls back when allowed', setup: { mode: 'cloud', key: false, online: true, fallback: true }, claude: [], outcome: { mode_used: 'offline', fallback_used: true, reason: 'ApiKeyMissing' }, cloudCalls: 0 },
  { name: 'cloud without a key and no fallback asks for a key', setup: { mode: 'cloud', key: false, online: true, fallback: false }, claude: [], outcome: { error: 'ApiKeyMissing' }, cloudCalls: 0 },
  { name: 'cloud with a rejected key falls back and says why', setup: { mode: 'cloud', key: true, online: true, fallback: true }, claude: [reply.httpError(401)], outcome: { mode_used: 'offline', fallback_used: true, reason: 'ApiAuthentication' }, cloudCalls: 1 },
  { name: 'cloud with invalid output twice falls back', setup: { mode: 'cloud', key: true, online: true, fallback: true }, claude: [reply.text('no'), reply.text('still no')], outcome: { mode_used: 'offline', fallback_used: true, reason: 'InvalidOutput' }, cloudCalls: 2 },
  { name: 'offline never calls Claude', setup: { mode: 'offline', key: true, online: true, fallback: true }, claude: [], outcome: { mode_used: 'offline', fallback_used: false }, cloudCalls: 0 },
  { name: 'auto with a rejected key and no model installed tells both causes', setup: { mode: 'auto', key: true, online: true, fallback: true, offline: createOfflineUnavailableEngine('qwen2-vl-2b') }, claude: [reply.httpError(401)], outcome: { error: 'FallbackFailed', causes: ['ApiAuthentication', 'ModelNotFound'] }, cloudCalls: 1 },
  { name: 'cloud without a key and no model installed tells both causes', setup: { mode: 'cloud', key: false, online: true, fallback: true, offline: createOfflineUnavailableEngine('qwen2-vl-2b') }, claude: [], outcome: { error: 'FallbackFailed', causes: ['ApiKeyMissing', 'ModelNotFound'] }, cloudCalls: 0 },
  { name: 'offline with no model installed says so and never falls back to Claude', setup: { mode: 'offline', key: true, online: true, fallback: true, offline: createOfflineUnavailableEngine('qwen2-vl-2b') }, claude: [], outcome: { error: 'ModelNotFound' }, cloudCalls: 0 },
];

describe('analyze', () => {
  it.each(TABLE)('$name', async (row) => {
    claude.enqueue(...row.claude);
    const progress = recordProgress();
    const run = setup(row.setup).analyze({ images: styleImages(3), srefCode: TEST_SREF, onProgress: progress.onProgress });

    if ('error' in row.outcome) {
      const error = await rejectionOf(run);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).kind).toBe(row.outcome.error);
      if (row.outcome.causes) expect((error as AppError).toInfo().causes?.map((cause) => cause.kind)).toEqual(row.outcome.causes);
    } else {
      const result = await run;
      expect(result.mode_used).toBe(row.outcome.mode_used);
      expect(result.fallback_used).toBe(row.outcome.fallback_used);
      expect(result.fallbackReason?.kind).toBe(row.outcome.reason);
      expect(result.spec.sref_code).toBe(TEST_SREF);
      expect(result.model).toBe(row.outcome.mode_used === 'cloud' ? 'claude-sonnet-5-5' : 'qwen2-vl-2b (q4f16)');
      const fallbackEvents = progress.events.filter((event) => event.stage === 'fallback');
      expect(fallbackEvents).toEqual(row.outcome.reason ? [{ stage: 'fallback', reason: result.fallbackReason }] : []);
    }
    expect(claude.requests.filter((request) => request.path === '/v1/messages')).toHaveLength(row.cloudCalls);
  });

  it('announces the fallback before the offline engine starts', async () => {
    claude.enqueue(...OVERLOADED_THRICE);
    const order: string[] = [];
    const offline = createRecordingOfflineEngine();
    const orchestrator = setup({ mode: 'auto', key: true, online: true, fallback: true, offline: { analyze: (request) => (order.push('offline started'), offline.analyze(request)) } });
    await orchestrator.analyze({ images: styleImages(3), srefCode: TEST_SREF, onProgress: (event) => order.push(event.stage) });
    expect(order.indexOf('fallback')).toBeGreaterThan(order.lastIndexOf('retrying'));
    expect(order.indexOf('offline started')).toBe(order.indexOf('fallback') + 1);
  });

  it('does not fall back when the user cancels the cloud call', async () => {
    claude.enqueue(reply.spec(undefined, { chunks: 40, chunkDelayMs: 100 }));
    const offline = createRecordingOfflineEngine();
    const controller = new AbortController();
    const run = setup({ mode: 'auto', key: true, online: true, fallback: true, offline }).analyze({
      images: styleImages(3),
      srefCode: TEST_SREF,
      signal: controller.signal,
      onProgress: (event) => event.stage === 'streaming' && event.characters > 0 && controller.abort(),
    });
    expect(await rejectionOf(run)).toBeInstanceOf(CancelledError);
    expect(offline.calls).toHaveLength(0);
  });

  it('tells both causes when the fallback has no model either', async () => {
    claude.enqueue(reply.httpError(401));
    const progress = recordProgress();
    const run = setup({ mode: 'auto', key: true, online: true, fallback: true, offline: createOfflineUnavailableEngine('qwen2-vl-2b') }).analyze({
      images: styleImages(3),
      srefCode: TEST_SREF,
      onProgress: progress.onProgress,
    });
    const error = (await rejectionOf(run)) as AppError;
    expect(error.kind).toBe('FallbackFailed');
    expect(error.message).toBe('The API key was rejected (401). The offline fallback could not run either: the offline model qwen2-vl-2b is not installed on this device.');
    expect(progress.events).toContainEqual({ stage: 'fallback', reason: expect.objectContaining({ kind: 'ApiAuthentication' }) });
  });
});
