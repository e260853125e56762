import { describe, expect, it } from 'vitest';
import { createDraftProgressTracker, PRIOR_BATCH_TOKENS, PRIOR_PREAMBLE_TOKENS } from './draft-progress';

describe('draft progress', () => {
  it('starts from the prior and has no rate before two tokens', () => {
    const tracker = createDraftProgressTracker();
    tracker.add('{"', 0);
    const first = tracker.snapshot();
    expect(first.tokensPerSecond).toBe(0);
    expect(first.etaSeconds).toBeNull();
    expect(first.expectedTokens).toBe(PRIOR_PREAMBLE_TOKENS + 9 * PRIOR_BATCH_TOKENS + 2);
  });

  it('measures tokens per second from the first token', () => {
    const tracker = createDraftProgressTracker();
    for (let i = 0; i <= 100; i += 1) tracker.add('x', i * 10); // 100 intervals of 10 ms
    const snapshot = tracker.snapshot();
    expect(snapshot.tokensPerSecond).toBeCloseTo(100, 5);
    expect(snapshot.etaSeconds).toBeCloseTo((snapshot.expectedTokens - 101) / 100, 5);
  });

  it('projects from the measured size of written batches', () => {
    const tracker = createDraftProgressTracker();
    let t = 0;
    const add = (piece: string, count = 1) => {
      for (let i = 0; i < count; i += 1) tracker.add(piece, (t += 5));
    };
    add('{"'); // root object
    add('x', 49);
    for (let colour = 0; colour < 5; colour += 1) add('[{"'); // palette objects
    add('x', 45); // preamble: 100 tokens so far
    add('[{"'); // batch 1 opens at token 101
    add('x', 59);
    add('},{"'); // batch 2 opens at token 161
    add('x', 59);
    add('},{"'); // batch 3 opens at token 221: 60 tokens per batch
    const snapshot = tracker.snapshot();
    expect(snapshot.tokens).toBe(221);
    expect(snapshot.expectedTokens).toBe(101 + 60 * 9 + 2);
  });

  it('never projects fewer tokens than written', () => {
    const tracker = createDraftProgressTracker();
    let t = 0;
    for (let i = 0; i < 16; i += 1) tracker.add('{', (t += 1)); // root, palette, 10 short batches
    for (let i = 0; i < 1000; i += 1) tracker.add('x', (t += 1)); // then a very long last batch
    expect(tracker.snapshot().expectedTokens).toBe(1017);
  });

  it('adds the expected batches to a long preamble', () => {
    const tracker = createDraftProgressTracker();
    for (let i = 0; i < 500; i += 1) tracker.add('x', i);
    expect(tracker.snapshot().expectedTokens).toBe(500 + 9 * PRIOR_BATCH_TOKENS + 2);
  });
});
