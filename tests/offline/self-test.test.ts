/**
 * The self-test in the worker's API, on the tiny fixture: the painted picture goes through the
 * whole vision path, the answer is one of the options, and pass/fail follows the answer (a scripted
 * model that "sees" the right shape passes, one that sees another fails).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSelfTest } from '../../src/analysis/offline/self-test';
import { sceneAnswer, selfTestOptions, type SelfTestScene } from '../../src/analysis/offline/self-test-scene';
import type { LoadedQwen2Vl } from '../../src/analysis/offline/load-qwen2vl';
import { loadFixtureModel } from './support/fixture-loader';
import { scriptLogits } from './support/scripted-logits';

let loaded: LoadedQwen2Vl;
beforeAll(async () => {
  loaded = await loadFixtureModel();
}, 120_000);
afterAll(() => loaded?.dispose());

const context = { isCancelled: () => false };
const scene: SelfTestScene = { colour: 'blue', shape: 'circle' };

describe('self-test', () => {
  it('answers with one of the options and reports the figures of both phases', async () => {
    const events: string[] = [];
    const result = await runSelfTest(loaded, { requestId: 'plain', scene }, { ...context, onEvent: (event) => events.push(event.type) });
    expect(result.expected).toBe('blue circle');
    expect(selfTestOptions()).toContain(result.answer);
    expect(result.passed).toBe(result.answer === 'blue circle');
    expect(result.imageTokens).toBeGreaterThan(0);
    expect(result.promptTokens).toBeGreaterThan(result.imageTokens);
    expect(result.generatedTokens).toBeGreaterThanOrEqual(2);
    expect(result.prefillSeconds).toBeGreaterThan(0);
    expect(result.decodeSeconds).toBeGreaterThan(0);
    expect(events[0]).toBe('prefill');
  }, 60_000);

  it.each([
    ['the right answer', sceneAnswer(scene), true],
    ['a wrong answer', 'red square', false],
  ] as const)('a model that wants to say %s: passed = %s', async (_name, said, passed) => {
    const restore = scriptLogits(loaded, { wanted: loaded.tokenizer.encode(JSON.stringify(said), { add_special_tokens: false }).concat(loaded.stopTokenIds[0]!) });
    try {
      const result = await runSelfTest(loaded, { requestId: said, scene }, context);
      expect([result.answer, result.passed]).toEqual([said, passed]);
    } finally {
      restore();
    }
  }, 60_000);
});
