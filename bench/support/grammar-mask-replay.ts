/**
 * Replays a valid document through the draft grammar, token by token, timing what
 * constrained-decoding.ts does for each generated token: ask xgrammar for the next-token bitmask,
 * check whether the draft is complete, write the mask and the string limits into a
 * vocabulary-wide logits row, accept the token. No model runs, so the time is the grammar's alone.
 */
import { allowsOnlyStopTokens, type DraftGrammar, type TokenMasker } from '../../src/analysis/offline/grammar';
import { createStringLimiter } from '../../src/analysis/offline/string-limits';
import { BenchHarnessError } from '../harness/figure';

export interface MaskReplayTimes {
  /** Per token, microseconds: the whole step. */
  totalUs: number[];
  /** getNextTokenBitmask (+ the completion check). */
  bitmaskUs: number[];
  /** Mask and string limits written into the logits row. */
  applyUs: number[];
  /** acceptToken and the string limiter's lexer. */
  acceptUs: number[];
}

export async function replayGrammarMask(grammar: DraftGrammar, tokenIds: readonly number[], masker: TokenMasker): Promise<MaskReplayTimes> {
  const matcher = await grammar.createMatcher();
  const limiter = createStringLimiter(grammar.stringLimits, grammar.tokenBytes);
  const logits = new Float32Array(grammar.vocabSize);
  const times: MaskReplayTimes = { totalUs: [], bitmaskUs: [], applyUs: [], acceptUs: [] };
  try {
    for (const id of tokenIds) {
      logits.fill(0); // fresh logits, outside the timing
      const started = performance.now();
      const mask = await matcher.getNextTokenBitmask();
      if (allowsOnlyStopTokens(mask, grammar.stopTokenIds)) throw new BenchHarnessError('The grammar saw the document end early.');
      const masked = performance.now();
      masker.apply(logits, mask);
      limiter.apply(logits);
      const applied = performance.now();
      // A token of a valid document must survive the mask: otherwise the replay measures nothing real.
      if (logits[id] === Number.NEGATIVE_INFINITY || !matcher.acceptToken(id)) throw new BenchHarnessError(`The grammar rejected token ${id} of a valid document.`);
      limiter.accept(id);
      const accepted = performance.now();
      times.bitmaskUs.push((masked - started) * 1000);
      times.applyUs.push((applied - masked) * 1000);
      times.acceptUs.push((accepted - applied) * 1000);
      times.totalUs.push((accepted - started) * 1000);
    }
    const end = await matcher.getNextTokenBitmask();
    if (!allowsOnlyStopTokens(end, grammar.stopTokenIds)) throw new BenchHarnessError('The document did not complete the grammar.');
  } finally {
    matcher.dispose();
  }
  return times;
}
