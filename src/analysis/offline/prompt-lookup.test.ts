/**
 * Prompt lookup over many random token sequences (a small alphabet, so n-grams repeat often):
 * whatever it proposes really followed an earlier occurrence of the context's last n tokens, the
 * longest such n wins, then the latest occurrence, and it proposes nothing only when no suffix of
 * at least minNgram tokens occurs earlier.
 */
import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../../domain/palette/seeded-random';
import { lookupContinuation, type PromptLookupOptions } from './prompt-lookup';


/** Start indexes j < end - n where context[j..j+n) equals the last n tokens. */
function occurrences(context: number[], n: number): number[] {
  const suffix = context.slice(-n).join();
  const found: number[] = [];
  for (let j = 0; j + n < context.length; j += 1) if (context.slice(j, j + n).join() === suffix) found.push(j);
  return found;
}

describe('lookupContinuation', () => {
  it('proposes what followed the latest occurrence of the longest repeated suffix (2,000 random contexts)', () => {
    const next = createSeededRandom(20261202);
    for (let trial = 0; trial < 2000; trial += 1) {
      const alphabet = 2 + Math.floor(next() * 6);
      const context = Array.from({ length: 1 + Math.floor(next() * 60) }, () => Math.floor(next() * alphabet));
      const options: PromptLookupOptions = { maxNgram: 1 + Math.floor(next() * 5), minNgram: 1 + Math.floor(next() * 2), maxTokens: Math.floor(next() * 12) };
      const proposed = lookupContinuation(context, options);
      expect(proposed.length).toBeLessThanOrEqual(options.maxTokens);

      const sizes = [];
      for (let n = Math.min(options.maxNgram, context.length - 1); n >= options.minNgram; n -= 1) sizes.push(n);
      const chosen = sizes.find((n) => occurrences(context, n).length > 0);
      if (chosen === undefined || options.maxTokens === 0) {
        expect(proposed).toEqual([]);
        continue;
      }
      const latest = occurrences(context, chosen).at(-1)!;
      expect(proposed.length).toBeGreaterThan(0);
      expect(proposed).toEqual(context.slice(latest + chosen, latest + chosen + options.maxTokens));
    }
  });

  it('proposes nothing for a context without repeats, and never reads past the end', () => {
    expect(lookupContinuation([1, 2, 3, 4, 5])).toEqual([]);
    expect(lookupContinuation([])).toEqual([]);
    expect(lookupContinuation([7])).toEqual([]);
    // "9 8" occurs earlier, followed by 7 6 and then the suffix itself.
    expect(lookupContinuation([9, 8, 7, 6, 9, 8], { maxNgram: 3, minNgram: 2, maxTokens: 10 })).toEqual([7, 6, 9, 8]);
  });
});
