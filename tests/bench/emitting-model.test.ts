/**
 * The jump-forward loop against a stand-in model that emits a chosen tokenization (the bench's
 * realistic figure uses it): the output is always that tokenization, whether or not it splits the
 * grammar-forced text the way the tokenizer does (the trap: xgrammar admits `"`, `"p`, `"primary`
 * ... so greedy may pick another split than the forced string's tokenization).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededRandom } from '../../src/domain/palette/seeded-random';
import { decodeJumpForward } from '../../src/analysis/offline/jump-forward-decode';
import type { LoadedQwen2Vl } from '../../src/analysis/offline/load-qwen2vl';
import { buildModelInputs } from '../../src/analysis/offline/generate-draft';
import type { Draft } from '../../src/domain/draft';
import { makeDraft } from '../../src/domain/draft.test-helpers';
import { emittingModel } from '../../bench/support/emitting-model';
import { createExampleDraft } from '../../bench/support/example-draft';
import { createLongValidDraft } from '../../bench/support/long-valid-draft';
import { loadFixtureModel } from '../offline/support/fixture-loader';
import { makeTestImages } from '../offline/support/test-images';

let loaded: LoadedQwen2Vl;
beforeAll(async () => {
  loaded = await loadFixtureModel();
}, 120_000);
afterAll(() => loaded?.dispose());

/** A prompt that shares no text with the drafts: only the end-of-turn marker, repeated. */
const neutralPrompt = () => new Array<number>(12).fill(loaded.stopTokenIds[0]!);

async function emit(documentIds: number[], { maxNewTokens = 4000, promptLookup = true, promptIds = neutralPrompt() } = {}) {
  const stand = emittingModel(loaded, documentIds, promptIds);
  return decodeJumpForward(stand.loaded, stand.inputs, loaded.grammar, { maxNewTokens, isCancelled: () => false, now: () => performance.now(), ...(promptLookup ? {} : { promptLookup: false as const }) });
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
    const run = await emit(ids, { promptLookup: false });
    expect(run.stop).toBe('complete');
    expect(run.tokenIds).toEqual(ids);
    // Only one-character pieces of the drafts match (`:`, `"`...): most passes yield one token.
    expect(run.forwardPasses).toBeGreaterThan(ids.length * 0.8);
    expect(run.forwardPasses).toBeLessThanOrEqual(ids.length);
  }, 60_000);

  it('stops at max_new_tokens inside a forced run', async () => {
    const ids = loaded.tokenizer.encode(JSON.stringify(createExampleDraft()), { add_special_tokens: false });
    const run = await emit(ids, { maxNewTokens: 3 });
    expect(run.stop).toBe('running');
    expect(run.tokenIds).toEqual(ids.slice(0, 3));
  }, 60_000);

  it('prompt lookup never changes the document: 12 shuffled drafts, random token splits, the real prompt', async () => {
    const prompt = await buildModelInputs(loaded, await makeTestImages(2, 3, 96, 72));
    const promptIds = Array.from(prompt.inputIds.data as BigInt64Array, Number);
    const next = createSeededRandom(913);
    let withLookup = 0;
    let without = 0;
    for (let trial = 0; trial < 12; trial += 1) {
      const text = JSON.stringify(shuffledDraft(next));
      // Cut the text at random places and tokenize each piece alone: valid, but not the tokenizer's split.
      const pieces: string[] = [];
      for (let at = 0; at < text.length; ) {
        const length = 1 + Math.floor(next() * (next() < 0.5 ? 6 : 40));
        pieces.push(text.slice(at, at + length));
        at += length;
      }
      const ids = trial % 2 === 0 ? loaded.tokenizer.encode(text, { add_special_tokens: false }) : pieces.flatMap((piece) => loaded.tokenizer.encode(piece, { add_special_tokens: false }));
      const looked = await emit(ids, { promptIds });
      const plain = await emit(ids, { promptIds, promptLookup: false });
      expect(looked.stop).toBe('complete');
      expect(looked.tokenIds).toEqual(ids);
      expect(plain.tokenIds).toEqual(ids);
      withLookup += looked.forwardPasses;
      without += plain.forwardPasses;
    }
    // Drafts repeat themselves (modifiers reused across batches): the guesses pay off overall.
    expect(withLookup).toBeLessThan(without);
  }, 120_000);
  it('guesses by default on WASM only: under WebGPU a wrong guess would cost a read-back of the cache', async () => {
    const ids = loaded.tokenizer.encode(JSON.stringify(createLongValidDraft()), { add_special_tokens: false });
    const run = async (device: 'wasm' | 'webgpu') => {
      const stand = emittingModel({ ...loaded, device }, ids, neutralPrompt());
      return decodeJumpForward(stand.loaded, stand.inputs, loaded.grammar, { maxNewTokens: 4000, isCancelled: () => false, now: () => 0 });
    };
    const [wasm, webgpu, forcedOnly] = [await run('wasm'), await run('webgpu'), await emit(ids, { promptLookup: false })];
    expect(wasm.tokenIds).toEqual(ids);
    expect(webgpu.tokenIds).toEqual(ids);
    expect(webgpu.forwardPasses).toBe(forcedOnly.forwardPasses);
    expect(webgpu.cacheTrims).toBe(forcedOnly.cacheTrims);
    expect(wasm.forwardPasses).toBeLessThan(forcedOnly.forwardPasses * 0.7);
  }, 60_000);
});


/** The example draft with its batches, subjects and modifiers shuffled and some modifiers reused. */
function shuffledDraft(next: () => number): Draft {
  const draft = createExampleDraft();
  const shuffle = <T>(items: T[]) => items.map((item) => [next(), item] as const).sort((a, b) => a[0] - b[0]).map(([, item]) => item);
  const modifiers = draft.batches.flatMap((batch) => batch.modifiers);
  const batches = shuffle(draft.batches).map((batch) => ({
    ...batch,
    subjects: shuffle(batch.subjects),
    modifiers: next() < 0.5 ? shuffle(batch.modifiers) : [...new Set(shuffle(modifiers))].slice(0, batch.modifiers.length),
  }));
  return { ...draft, batches };
}
