import { describe, expect, it } from 'vitest';
import { exportSplitPromptList } from './split-prompt-list';
import { countJobs, expandPrompt } from '../permutations';
import { PLAN_IDS, PLANS, type PlanId } from '../plans';
import { fixtureBatch, fixtureSpecification } from '../spec-fixture.test-helpers';

const blocksOf = (text: string) => text.trimEnd().split('\n\n').map((block) => block.split('\n'));

describe('exportSplitPromptList', () => {
  it.each<[PlanId, number]>([
    ['basic', 10],
    ['standard', 4],
    ['pro', 1],
    ['mega', 1],
  ])('on %s, splits every 40-job batch into %i prompts', (plan, promptsPerBatch) => {
    const spec = fixtureSpecification();
    const blocks = blocksOf(exportSplitPromptList(spec, plan));
    expect(blocks).toHaveLength(spec.permutation_batches.length);
    blocks.forEach((lines, index) => {
      const batch = spec.permutation_batches[index]!;
      expect(lines).toHaveLength(promptsPerBatch);
      for (const line of lines) expect(countJobs(line)).toBeLessThanOrEqual(PLANS[plan].jobsPerPrompt);
      expect(lines.flatMap(expandPrompt).sort()).toEqual(expandPrompt(batch.prompt).sort());
    });
  });

  it('has only pasteable lines: no headers, no comments, a blank line between batches', () => {
    const text = exportSplitPromptList(fixtureSpecification(), 'standard');
    expect(text.endsWith('\n')).toBe(true);
    for (const line of text.split('\n')) expect(line === '' || line.includes('--sref 1234567890')).toBe(true);
  });

  it('writes a prompt with a syntax error unchanged so nothing is lost', () => {
    const spec = { ...fixtureSpecification(), permutation_batches: [fixtureBatch(0, { prompt: '{a, b --sref 1' }), fixtureBatch(1)] };
    const blocks = blocksOf(exportSplitPromptList(spec, 'basic'));
    expect(blocks[0]).toEqual(['{a, b --sref 1']);
    expect(blocks[1]).toHaveLength(10);
  });

  it('writes a prompt too large to split unchanged instead of hundreds of thousands of lines', () => {
    // 6 groups of 10 options: 1,000,000 jobs, over the 100,000 that can be listed.
    const huge = `${Array.from({ length: 6 }, (_, group) => `{${Array.from({ length: 10 }, (_, option) => `w${group}${option}`).join(', ')}}`).join(' ')} --sref 1`;
    const spec = { ...fixtureSpecification(), permutation_batches: [fixtureBatch(0, { prompt: huge }), fixtureBatch(1)] };
    const blocks = blocksOf(exportSplitPromptList(spec, 'pro'));
    expect(blocks[0]).toEqual([huge]);
    expect(blocks[1]).toHaveLength(1);
  });

  it('covers every plan', () => {
    expect(PLAN_IDS).toEqual(Object.keys(PLANS));
  });
});
