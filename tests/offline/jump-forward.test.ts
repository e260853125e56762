/**
 * Jump-forward decoding on the tiny fixture: the same token ids as step-by-step greedy generate()
 * (long drafts, so a wrong position id or an untrimmed cache entry would change later picks),
 * in fewer forward passes; max_new_tokens exact; cancellation between passes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateConstrained } from '../../src/analysis/offline/constrained-generate';
import { buildModelInputs, generateDraft } from '../../src/analysis/offline/generate-draft';
import { greedySettings } from '../../src/analysis/offline/generation-settings';
import { MAX_DRAFT_TOKENS } from '../../src/analysis/offline/jump-forward-decode';
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

  it.each([1, 2, 9, 37, 120])('stops after exactly max_new_tokens = %i, with step-by-step\'s tokens', async (maxNewTokens) => {
    const images = await makeTestImages(4, 2, 160, 90);
    const stepwise = await generateDraft(loaded, { requestId: 'step', images, maxNewTokens, jumpForward: false }, context);
    const jumped = await generateDraft(loaded, { requestId: 'jump', images, maxNewTokens, jumpForward: true }, context);
    expect(jumped.tokenIds).toHaveLength(maxNewTokens);
    expect(jumped.tokenIds).toEqual(stepwise.tokenIds);
    expect(jumped.complete).toBe(false);
    expect(jumped.forwardPasses).toBeLessThanOrEqual(maxNewTokens);
  }, 120_000);

  it('reports every accepted token once, in order (several per pass where the grammar forces text)', async () => {
    const inputs = await buildModelInputs(loaded, await makeTestImages(3, 1, 96, 72));
    const seen: number[] = [];
    const run = await generateConstrained(loaded, inputs, loaded.grammar, {
      settings: greedySettings(loaded.stopTokenIds, 200),
      isCancelled: () => false,
      now: () => performance.now(),
      label: 'test',
      jumpForward: true,
      onToken: (id) => seen.push(id),
    });
    expect(seen).toEqual(run.tokenIds);
    expect(run.tokenIds).toHaveLength(200);
    expect(run.forwardPasses).toBeLessThan(run.tokenIds.length);
  }, 120_000);

  it('stops between passes when cancelled: at most one pass of tokens after the flag', async () => {
    const inputs = await buildModelInputs(loaded, await makeTestImages(3, 7, 96, 72));
    let tokens = 0;
    const cancelAt = 40;
    const running = generateConstrained(loaded, inputs, loaded.grammar, {
      settings: greedySettings(loaded.stopTokenIds, 2500),
      isCancelled: () => tokens >= cancelAt,
      now: () => performance.now(),
      label: 'The jump-forward test',
      jumpForward: true,
      onToken: () => void (tokens += 1),
    });
    await expect(running).rejects.toBeInstanceOf(CancelledError);
    expect(tokens).toBeGreaterThanOrEqual(cancelAt);
    expect(tokens - cancelAt).toBeLessThanOrEqual(MAX_DRAFT_TOKENS);
  }, 120_000);

  it('leaves sampled generation step by step (one pass per token, same tokens as without the option)', async () => {
    const images = await makeTestImages(3, 5, 96, 72);
    const sampling = { seed: 5, temperature: 1, topK: 40 };
    const plain = await generateDraft(loaded, { requestId: 'a', images, maxNewTokens: 30, sampling, jumpForward: false }, context);
    const asked = await generateDraft(loaded, { requestId: 'b', images, maxNewTokens: 30, sampling, jumpForward: true }, context);
    expect(asked.tokenIds).toEqual(plain.tokenIds);
    expect(asked.forwardPasses).toBe(plain.forwardPasses);
    expect(asked.forwardPasses).toBe(30);
  }, 120_000);
});
