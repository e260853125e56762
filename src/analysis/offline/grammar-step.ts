/**
 * One decoding step under the draft grammar, shared by both decoding loops (transformers.js
 * generate() in constrained-decoding.ts, jump-forward in jump-forward-decode.ts): which tokens the
 * grammar and the string limits allow next, masking a logits row with them, and accepting the
 * chosen token. Keeping it in one place is what makes the two loops pick the same tokens.
 */
import { allowsOnlyStopTokens, type JsonGrammar, type GrammarMatcher } from './grammar';
import { createStringLimiter } from './string-limits';

export type AcceptOutcome = 'accepted' | 'rejected' | 'terminated';

export interface GrammarStep {
  /** Ids of the tokens accepted so far (the draft, without the stop token). */
  readonly tokenIds: readonly number[];
  /** The grammar's bitmask for the token after the ones accepted so far. */
  nextMask(): Promise<Int32Array>;
  /** True when the mask allows stop tokens only: the document is complete. */
  isComplete(mask: Int32Array): boolean;
  /** Sets every logit the mask or the current string's length limit forbids to -Infinity, in place. */
  maskLogits(row: Float32Array, mask: Int32Array): void;
  /**
   * Advances the grammar and the string limits over the chosen token. 'rejected': the matcher
   * refused it (nothing is recorded); 'terminated': it was accepted and ended the grammar.
   */
  accept(tokenId: number): AcceptOutcome;
  /** The longest string the grammar forces from here on ('' when the next token is free). */
  forcedString(): string;
  dispose(): void;
}

export async function createGrammarStep(grammar: JsonGrammar): Promise<GrammarStep> {
  const matcher: GrammarMatcher = await grammar.createMatcher();
  const limiter = createStringLimiter(grammar.stringLimits, grammar.tokenBytes);
  const tokenIds: number[] = [];
  return {
    tokenIds,
    nextMask: () => matcher.getNextTokenBitmask(),
    isComplete: (mask) => allowsOnlyStopTokens(mask, grammar.stopTokenIds),
    maskLogits(row, mask) {
      grammar.masker.apply(row, mask);
      limiter.apply(row);
    },
    accept(tokenId) {
      if (!matcher.acceptToken(tokenId)) return 'rejected';
      tokenIds.push(tokenId);
      limiter.accept(tokenId);
      return matcher.isTerminated() ? 'terminated' : 'accepted';
    },
    forcedString: () => matcher.findJumpForwardString(),
    dispose: () => matcher.dispose(),
  };
}

/** transformers.js's greedy pick: the first index of the largest logit. */
export function argmax(row: Float32Array): number {
  let best = 0;
  let bestValue = row[0] ?? Number.NEGATIVE_INFINITY;
  for (let i = 1; i < row.length; i += 1) {
    const value = row[i]!;
    if (value > bestValue) {
      bestValue = value;
      best = i;
    }
  }
  return best;
}
