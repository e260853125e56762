import { describe, expect, it } from 'vitest';
import { runPipelineRounds } from '../../bench/support/pipeline-rounds';

describe('runPipelineRounds', () => {
  const timing = { wallMs: 100, decodeMsPerToken: 2 };

  it('rotates the order each round, gives the references the pipeline token count, and counts a complete draft’s stop token', async () => {
    const calls: string[] = [];
    const rounds = await runPipelineRounds({
      rounds: 3,
      pipeline: async (round) => {
        calls.push(`pipeline${round}`);
        return { tokens: 9, complete: true, wallMs: 120, generationSeconds: 0.09 };
      },
      bare: async (tokens) => {
        calls.push(`bare${tokens}`);
        return timing;
      },
      grammarOnly: async (tokens) => {
        calls.push(`grammar${tokens}`);
        return { wallMs: 110, decodeMsPerToken: 2.5 };
      },
      log: () => undefined,
    });
    expect(calls).toEqual(['pipeline0', 'bare10', 'grammar10', 'bare10', 'grammar10', 'pipeline1', 'grammar10', 'pipeline2', 'bare10']);
    expect(rounds[0]).toEqual({ tokens: 10, pipelineWallMs: 120, pipelineDecodeMsPerToken: 10, bareWallMs: 100, bareDecodeMsPerToken: 2, grammarOnlyDecodeMsPerToken: 2.5 });
  });

  it('treats drafts of different lengths as a broken assumption (greedy decoding must repeat itself)', async () => {
    let length = 8;
    await expect(
      runPipelineRounds({
        rounds: 2,
        pipeline: async () => ({ tokens: length++, complete: false, wallMs: 1, generationSeconds: 0.001 }),
        bare: async () => timing,
        grammarOnly: async () => timing,
        log: () => undefined,
      }),
    ).rejects.toThrow('Greedy drafts differ in length');
  });
});
