/**
 * The jump-forward loop against a stand-in model that emits a chosen tokenization (the bench's
 * realistic figure uses it): the output is always that tokenization, whether or not it splits the
 * grammar-forced text the way the tokenizer does (the trap: xgrammar admits `"`, `"p`, `"primary`
 * ... so greedy may pick another split than the forced string's tokenization).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJumpForward } from '../../src/analysis/offline/jump-forward-decode';
import type { LoadedQwen2Vl } from '../../src/analysis/offline/load-qwen2vl';
import { makeDraft } from '../../src/domain/draft.test-helpers';
import { emittingModel } from '../../bench/support/emitting-model';
import { createExampleDraft } from '../../bench/support/example-draft';
import { loadFixtureModel } from '../offline/support/fixture-loader';

let loaded: LoadedQwen2Vl;
beforeAll(async () => {
  loaded = await loadFixtureModel();
}, 120_000);
afterAll(() => loaded?.dispose());

async function emit(documentIds: number[], maxNewTokens = 4000) {
  const stand = emittingModel(loaded, documentIds, 12);
  return decodeJumpForward(stand.loaded, stand.inputs, loaded.grammar, { maxNewTokens, isCancelled: () => false, now: () => performance.now() });
}

describe('jump-forward with a model that emits a given tokenization', () => {
  it('the tokenizer\'s own split: the whole document, forced runs accepted in bulk', async () => {
    const ids = loaded.tokenizer.encode(JSON.stringify(createExampleDraft()), { add_special_tokens: false });
    const run = await emit(ids);
    expect(run.stop).toBe('complete');
    expect(run.tokenIds).toEqual(ids);
    expect(run.forwardPasses).toBeLessThan(ids.length * 0.85);
  }, 60_000);

  it('one character per token (greedy rarely takes the forced string\'s split): still exactly the same document', async () => {
    const text = JSON.stringify(makeDraft({}, 8));
    const ids = [...text].flatMap((char) => loaded.tokenizer.encode(char, { add_special_tokens: false }));
    expect(ids).toHaveLength(text.length);
    const run = await emit(ids);
    expect(run.stop).toBe('complete');
    expect(run.tokenIds).toEqual(ids);
    // Only one-character pieces of the drafts match (`:`, `"`...): most passes yield one token.
    expect(run.forwardPasses).toBeGreaterThan(ids.length * 0.8);
    expect(run.forwardPasses).toBeLessThanOrEqual(ids.length);
  }, 60_000);

  it('stops at max_new_tokens inside a forced run', async () => {
    const ids = loaded.tokenizer.encode(JSON.stringify(createExampleDraft()), { add_special_tokens: false });
    const run = await emit(ids, 3);
    expect(run.stop).toBe('running');
    expect(run.tokenIds).toEqual(ids.slice(0, 3));
  }, 60_000);
});
