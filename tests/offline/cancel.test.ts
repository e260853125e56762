/** Cancelling a generation stops it within a few tokens, and the model stays usable. */
import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../src/errors';
import { createNodeInferenceApi, fixtureLoadRequest } from './support/node-inference';
import { makeTestImages } from './support/test-images';

describe('cancel', () => {
  it('stops a running generation promptly and the model still works', async () => {
    const api = createNodeInferenceApi();
    await api.loadModel(await fixtureLoadRequest());
    const images = await makeTestImages(3, 42);
    let cancelledAt = 0;
    let tokensAtCancel = 0;
    let lastTokens = 0;
    const running = api.generateDraft({ requestId: 'to-cancel', images }, (event) => {
      if (event.type !== 'generating') return;
      lastTokens = event.tokens;
      if (cancelledAt === 0 && event.tokens >= 40) {
        cancelledAt = performance.now();
        tokensAtCancel = event.tokens;
        void api.cancel('to-cancel');
      }
    });
    await expect(running).rejects.toBeInstanceOf(CancelledError);
    const stopMs = performance.now() - cancelledAt;
    expect(cancelledAt).toBeGreaterThan(0);
    expect(stopMs).toBeLessThan(1000);
    expect(lastTokens - tokensAtCancel).toBeLessThan(30);

    const after = await api.generateDraft({ requestId: 'after', images, maxNewTokens: 25 });
    expect(after.tokenIds).toHaveLength(25);
    expect(after.complete).toBe(false);
    await api.unloadModel();
  }, 120_000);

  it('a cancel that arrives before the generation starts wins', async () => {
    const api = createNodeInferenceApi();
    await api.loadModel(await fixtureLoadRequest());
    await api.cancel('early');
    await expect(api.generateDraft({ requestId: 'early', images: await makeTestImages(3, 1) })).rejects.toBeInstanceOf(CancelledError);
    await api.unloadModel();
  }, 120_000);
});
