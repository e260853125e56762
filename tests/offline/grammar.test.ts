/**
 * The draft grammar with the real xgrammar and the real 151,936-token Qwen vocabulary: a valid
 * draft is accepted token by token and ends on a stop token; masks block what the schema forbids;
 * the masker writes exactly the forbidden logits.
 */
import type { PreTrainedTokenizer } from '@huggingface/transformers';
import { beforeAll, describe, expect, it } from 'vitest';
import { allowsOnlyStopTokens, createTokenMasker, isTokenAllowed, type DraftGrammar } from '../../src/analysis/offline/grammar';
import { compileFixtureGrammar, loadFixtureTokenizer, QWEN2VL_VOCAB_SIZE, STOP_TOKEN_IDS } from './support/fixture-tokenizer';
import { makeLongDraft } from './support/long-draft';

let tokenizer: PreTrainedTokenizer;
let grammar: DraftGrammar;

beforeAll(async () => {
  tokenizer = await loadFixtureTokenizer();
  const started = performance.now();
  grammar = await compileFixtureGrammar(tokenizer);
  console.log(`draft grammar compiled in ${Math.round(performance.now() - started)} ms`);
}, 120_000);

const encode = (text: string) => tokenizer.encode(text, { add_special_tokens: false });
const idOf = (piece: string) => tokenizer.get_vocab().get(piece)!;

describe('draft grammar (real vocabulary)', () => {
  it('compiles without string length bounds, fast', async () => {
    const started = performance.now();
    const again = await compileFixtureGrammar(tokenizer);
    again.dispose();
    // Token preprocessing + schema: well under the 20+ s a bounded-string schema costs.
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('accepts a valid draft token by token, then only a stop token', async () => {
    const matcher = await grammar.createMatcher();
    const ids = encode(JSON.stringify(makeLongDraft()));
    expect(ids.length).toBeGreaterThan(600);
    for (const id of ids) {
      const mask = await matcher.getNextTokenBitmask();
      expect(isTokenAllowed(mask, id)).toBe(true);
      expect(matcher.acceptToken(id)).toBe(true);
    }
    const end = await matcher.getNextTokenBitmask();
    expect(allowsOnlyStopTokens(end, STOP_TOKEN_IDS)).toBe(true);
    expect(isTokenAllowed(end, STOP_TOKEN_IDS[0]!)).toBe(true);
    expect(matcher.acceptToken(STOP_TOKEN_IDS[0]!)).toBe(true);
    expect(matcher.isTerminated()).toBe(true);
    matcher.dispose();
  });

  it('forbids what the schema forbids', async () => {
    const matcher = await grammar.createMatcher();
    const atStart = await matcher.getNextTokenBitmask();
    expect(isTokenAllowed(atStart, idOf('{"'))).toBe(true);
    expect(isTokenAllowed(atStart, idOf('['))).toBe(false);
    expect(isTokenAllowed(atStart, STOP_TOKEN_IDS[0]!)).toBe(false);
    expect(allowsOnlyStopTokens(atStart, STOP_TOKEN_IDS)).toBe(false);
    for (const id of encode('{"primary_style":"soft')) matcher.acceptToken(id);
    const inString = await matcher.getNextTokenBitmask();
    expect(isTokenAllowed(inString, encode(' wash')[0]!)).toBe(true);
    expect(isTokenAllowed(inString, idOf('{'))).toBe(false); // braces are permutation syntax
    expect(isTokenAllowed(inString, idOf('\\'))).toBe(false); // no JSON escapes
    expect(isTokenAllowed(inString, encode(' café')[0]!)).toBe(true);
    expect(isTokenAllowed(inString, idOf('ĉ'))).toBe(false); // no raw tab
    expect(isTokenAllowed(inString, idOf('Ċ'))).toBe(false); // no raw newline
    expect(isTokenAllowed(inString, STOP_TOKEN_IDS[0]!)).toBe(false);
    matcher.dispose();
  });

  it('masks exactly the forbidden logits, in both list modes', async () => {
    const matcher = await grammar.createMatcher();
    const masker = createTokenMasker();
    const check = async () => {
      const mask = await matcher.getNextTokenBitmask();
      const logits = Float32Array.from({ length: QWEN2VL_VOCAB_SIZE }, (_, i) => (i % 97) / 10);
      masker.apply(logits, mask);
      masker.apply(logits, mask); // the cached path gives the same result
      let allowed = 0;
      for (let id = 0; id < QWEN2VL_VOCAB_SIZE; id += 1) {
        const expected = isTokenAllowed(mask, id) ? (id % 97) / 10 : Number.NEGATIVE_INFINITY;
        if (logits[id] !== Math.fround(expected)) throw new Error(`token ${id}: ${logits[id]} instead of ${expected}`);
        if (isTokenAllowed(mask, id)) allowed += 1;
      }
      return allowed;
    };
    expect(await check()).toBeLessThan(10); // structural position: "allow" list
    for (const id of encode('{"primary_style":"soft')) matcher.acceptToken(id);
    expect(await check()).toBeGreaterThan(QWEN2VL_VOCAB_SIZE / 2); // inside a string: "forbid" list
    matcher.dispose();
  });

  it('masks logits wider than the mask (padded head) and narrower ones (4,096-wide head)', async () => {
    const matcher = await grammar.createMatcher();
    for (const id of encode('{"primary_style":"soft')) matcher.acceptToken(id);
    const mask = await matcher.getNextTokenBitmask();
    const masker = createTokenMasker();
    const wide = new Float32Array(mask.length * 32 + 64).fill(1);
    masker.apply(wide, mask);
    expect(wide.subarray(mask.length * 32).every((value) => value === Number.NEGATIVE_INFINITY)).toBe(true);
    const narrow = new Float32Array(4096).fill(1);
    masker.apply(narrow, mask);
    expect(idOf('a')).toBeLessThan(4096);
    expect(narrow[idOf('a')]).toBe(1);
    expect(narrow[idOf('{')]).toBe(Number.NEGATIVE_INFINITY);
    matcher.dispose();
  });
});
