/**
 * The Cloud engine as the app runs it: in Chromium, with the browser's fetch, calling the Claude
 * stand-in on another origin (CORS preflights, exposed retry headers, streaming, abort).
 */
import type { Page } from '@playwright/test';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { reply, startClaudeStandIn, type ClaudeStandIn } from '../../e2e/fixtures/claude-server';
import type { AnalysisProgress, PreparedImage } from '../../src/analysis/types';
import type { ErrorInfo } from '../../src/errors';
import { bundleForBrowser, openBrowserHarness, type BrowserHarness } from './browser-harness';
import { styleImages, TEST_KEY, TEST_SREF } from './support';

let harness: BrowserHarness;
let page: Page;
let claude: ClaudeStandIn;

beforeAll(async () => {
  harness = await openBrowserHarness([await bundleForBrowser('src/analysis/cloud-engine.ts', 'Cloud')]);
  page = harness.page;
}, 60_000);
afterAll(async () => {
  await harness?.close();
});
beforeEach(async () => {
  claude = await startClaudeStandIn();
});
afterEach(async () => {
  await claude.close();
});

interface PageRun {
  ok: boolean;
  sref?: string;
  batches?: number;
  model?: string;
  error?: ErrorInfo & { retryAfterSeconds?: number | null };
  progress: AnalysisProgress[];
}

/** Runs analyze() (or testKey()) in the page; `abortOnStreaming` cancels once text arrives. */
function runInPage(options: { call: 'analyze' | 'testKey'; maxRetries?: number; abortOnStreaming?: boolean; images?: PreparedImage[] }): Promise<PageRun> {
  return page.evaluate(
    async ({ baseURL, apiKey, srefCode, images, call, maxRetries, abortOnStreaming }) => {
      type Engine = { analyze(request: unknown): Promise<{ spec: { sref_code: string; permutation_batches: unknown[] }; model: string }>; testKey(): Promise<void> };
      const { createCloudEngine } = (window as unknown as { Cloud: { createCloudEngine(config: unknown): Engine } }).Cloud;
      const engine = createCloudEngine({ apiKey, baseURL, model: 'claude-sonnet-5-5', ...(maxRetries === undefined ? {} : { maxRetries }) });
      const progress: AnalysisProgress[] = [];
      const controller = new AbortController();
      try {
        if (call === 'testKey') {
          await engine.testKey();
          return { ok: true, progress };
        }
        const result = await engine.analyze({
          images,
          srefCode,
          signal: controller.signal,
          onProgress: (event: AnalysisProgress) => {
            progress.push(event);
            if (abortOnStreaming && event.stage === 'streaming' && event.characters > 0) controller.abort();
          },
        });
        return { ok: true, sref: result.spec.sref_code, batches: result.spec.permutation_batches.length, model: result.model, progress };
      } catch (caught) {
        const error = caught as ErrorInfo & { retryAfterSeconds?: number | null };
        return { ok: false, error: { kind: error.kind, message: error.message, action: error.action, retryAfterSeconds: error.retryAfterSeconds }, progress };
      }
    },
    { baseURL: claude.url, apiKey: TEST_KEY, srefCode: TEST_SREF, images: options.images ?? styleImages(3), ...options },
  );
}

describe('Cloud engine in Chromium', () => {
  it('analyses across origins: preflight, streamed progress, a valid spec', async () => {
    const run = await runInPage({ call: 'analyze' });
    expect(run).toMatchObject({ ok: true, sref: TEST_SREF, batches: 8, model: 'claude-sonnet-5-5' });
    expect(run.progress.filter((event) => event.stage === 'streaming').length).toBeGreaterThan(2);
    expect(claude.preflightCount()).toBeGreaterThanOrEqual(1);
    const [request] = claude.requests;
    expect(request!.headers.origin).toBe(harness.origin);
    expect(request!.headers['anthropic-dangerous-direct-browser-access']).toBe('true');
  });

  it('recovers from a 529 and shows the retry', async () => {
    claude.enqueue(reply.overloaded(1));
    const run = await runInPage({ call: 'analyze' });
    expect(run.ok).toBe(true);
    expect(run.progress).toContainEqual({ stage: 'retrying', attempt: 1, reason: 'Claude is overloaded (529)' });
  });

  it('reads retry-after across origins to say when to try again', async () => {
    claude.enqueue(reply.rateLimited(45));
    const run = await runInPage({ call: 'analyze', maxRetries: 0 });
    expect(run.error).toMatchObject({ kind: 'ApiRateLimited', retryAfterSeconds: 45 });
    expect(run.error!.action).toContain('45 seconds');
  });

  it('cancels mid-stream', async () => {
    claude.enqueue(reply.spec(undefined, { chunks: 50, chunkDelayMs: 100 }));
    const started = Date.now();
    const run = await runInPage({ call: 'analyze', abortOnStreaming: true });
    expect(run.error?.kind).toBe('Cancelled');
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('tests a key and reports a rejected one', async () => {
    expect((await runInPage({ call: 'testKey' })).ok).toBe(true);
    claude.enqueue(reply.httpError(401));
    const run = await runInPage({ call: 'testKey' });
    expect(run.error).toMatchObject({ kind: 'ApiAuthentication', message: 'The API key was rejected (401).' });
  });
});
