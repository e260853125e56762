/**
 * generateCaption with the real transformers.js on the tiny random Qwen2-VL: a short single-line
 * caption from the same loaded model as the drafts, and cancel stops it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CAPTION_CHARS } from '../../src/analysis/offline/caption-text';
import { DEFAULT_CAPTION_MAX_NEW_TOKENS, type InferenceEvent } from '../../src/analysis/offline/inference-api';
import { CancelledError, ModelLoadError } from '../../src/errors';
import { createNodeInferenceApi, fixtureLoadRequest } from './support/node-inference';
import { makeTestImage } from './support/test-images';

describe('generateCaption', () => {
  const api = createNodeInferenceApi();
  beforeAll(async () => {
    await api.loadModel(await fixtureLoadRequest());
  }, 120_000);
  afterAll(() => api.unloadModel());

  it('returns a tidy single line of bounded length, greedy and repeatable', async () => {
    const image = await makeTestImage(11, 120, 90);
    const events: InferenceEvent[] = [];
    const first = await api.generateCaption({ requestId: 'caption-1', image }, (event) => events.push(event));
    expect(first.tokens).toBeGreaterThan(0);
    expect(first.tokens).toBeLessThanOrEqual(DEFAULT_CAPTION_MAX_NEW_TOKENS);
    expect(first.text.length).toBeGreaterThan(0);
    expect(first.text.length).toBeLessThanOrEqual(MAX_CAPTION_CHARS);
    expect(first.text).not.toMatch(/[\r\n]/);
    expect(first.text).toBe(first.text.trim());
    expect(first.text).not.toMatch(/<\|[a-z_]+\|>/); // no special tokens
    expect(events[0]).toMatchObject({ type: 'prefill' });
    expect(events.filter((event) => event.type === 'generating')).toHaveLength(first.tokens);

    const again = await api.generateCaption({ requestId: 'caption-2', image });
    expect(again).toEqual(first);
  }, 60_000);

  it('honours maxNewTokens', async () => {
    const result = await api.generateCaption({ requestId: 'short', image: await makeTestImage(12), maxNewTokens: 3 });
    expect(result.tokens).toBeLessThanOrEqual(3);
  }, 60_000);

  it('cancel stops a running caption, early or mid-generation, and the model keeps working', async () => {
    const image = await makeTestImage(13);
    let tokensAtCancel = 0;
    let lastTokens = 0;
    const running = api.generateCaption({ requestId: 'mid', image, maxNewTokens: 40 }, (event) => {
      if (event.type !== 'generating') return;
      lastTokens = event.tokens;
      if (tokensAtCancel === 0) {
        tokensAtCancel = event.tokens;
        void api.cancel('mid');
      }
    });
    await expect(running).rejects.toBeInstanceOf(CancelledError);
    expect(tokensAtCancel).toBe(1);
    expect(lastTokens).toBeLessThanOrEqual(3);

    await api.cancel('early');
    await expect(api.generateCaption({ requestId: 'early', image })).rejects.toBeInstanceOf(CancelledError);

    const after = await api.generateCaption({ requestId: 'after', image });
    expect(after.tokens).toBeGreaterThan(0);
  }, 60_000);

  it('needs a loaded model', async () => {
    const fresh = createNodeInferenceApi();
    await expect(fresh.generateCaption({ requestId: 'none', image: await makeTestImage(14) })).rejects.toBeInstanceOf(ModelLoadError);
  });
});
