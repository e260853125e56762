/**
 * Tokens/s and time left while the model writes a draft. The draft's length is unknown up front,
 * but its shape is fixed: a root object, the palette's colour objects, then one object per batch.
 * Counting `{` in the generated pieces tells how many batches are written, so the projection
 * switches from a prior to the measured tokens per batch as soon as one batch is done.
 */
import { DRAFT_PALETTE_COLORS } from '../../domain/draft';
import { MAX_BATCHES, MIN_BATCHES } from '../../domain/schema';

/** Objects opened before the first batch: the root and each palette colour. */
const OBJECTS_BEFORE_BATCHES = 1 + DRAFT_PALETTE_COLORS;
const EXPECTED_BATCHES = (MIN_BATCHES + MAX_BATCHES) / 2;
/** Priors, in tokens, used until the draft itself gives a measure. */
export const PRIOR_PREAMBLE_TOKENS = 200;
export const PRIOR_BATCH_TOKENS = 110;
/** The closing `]}` after the last batch. */
const TAIL_TOKENS = 2;

export interface DraftProgress {
  tokens: number;
  expectedTokens: number;
  tokensPerSecond: number;
  etaSeconds: number | null;
}

export interface DraftProgressTracker {
  /** Records one generated token (its text piece) at time `nowMs`. */
  add(piece: string, nowMs: number): void;
  snapshot(): DraftProgress;
}

export function createDraftProgressTracker(): DraftProgressTracker {
  let tokens = 0;
  let objectsOpened = 0;
  let firstTokenMs = 0;
  let lastTokenMs = 0;
  /** Token count when each batch object opened. */
  const batchStarts: number[] = [];

  function expectedTokens(): number {
    const batchesStarted = batchStarts.length;
    let projected: number;
    if (batchesStarted === 0) {
      projected = Math.max(tokens, PRIOR_PREAMBLE_TOKENS) + EXPECTED_BATCHES * PRIOR_BATCH_TOKENS + TAIL_TOKENS;
    } else {
      const first = batchStarts[0]!;
      const completed = batchesStarted - 1;
      const perBatch = completed > 0 ? (batchStarts[batchesStarted - 1]! - first) / completed : PRIOR_BATCH_TOKENS;
      const batches = Math.max(EXPECTED_BATCHES, batchesStarted);
      projected = first + perBatch * batches + TAIL_TOKENS;
    }
    return Math.max(tokens + 1, Math.round(projected));
  }

  return {
    add(piece, nowMs) {
      if (tokens === 0) firstTokenMs = nowMs;
      tokens += 1;
      lastTokenMs = nowMs;
      for (const char of piece) {
        if (char !== '{') continue;
        objectsOpened += 1;
        if (objectsOpened > OBJECTS_BEFORE_BATCHES) batchStarts.push(tokens);
      }
    },
    snapshot() {
      const seconds = (lastTokenMs - firstTokenMs) / 1000;
      const tokensPerSecond = tokens > 1 && seconds > 0 ? (tokens - 1) / seconds : 0;
      const expected = expectedTokens();
      return {
        tokens,
        expectedTokens: expected,
        tokensPerSecond,
        etaSeconds: tokensPerSecond > 0 ? (expected - tokens) / tokensPerSecond : null,
      };
    },
  };
}
