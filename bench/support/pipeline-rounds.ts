/**
 * Item 2's rounds: the pipeline's draft, bare generate() and grammar-only generate() of the same
 * token count, in an order that rotates every round (a fixed order would charge one of them for
 * whatever drift the shared machine has between the first and the last run of a round).
 */
import { BenchHarnessError } from '../harness/figure';
import { generatedTokens, pipelineRound, type PipelineRound } from './offline-figures';

export interface DraftRun {
  tokens: number;
  complete: boolean;
  wallMs: number;
  generationSeconds: number;
}

export interface GenerateRun {
  wallMs: number;
  decodeMsPerToken: number;
}

export interface PipelineRoundsOptions {
  rounds: number;
  pipeline(round: number): Promise<DraftRun>;
  bare(tokens: number): Promise<GenerateRun>;
  grammarOnly(tokens: number): Promise<GenerateRun>;
  log(message: string): void;
}

type Step = 'pipeline' | 'bare' | 'grammarOnly';
const STEPS: readonly Step[] = ['pipeline', 'bare', 'grammarOnly'];

export async function runPipelineRounds(options: PipelineRoundsOptions): Promise<PipelineRound[]> {
  const rounds: PipelineRound[] = [];
  // Greedy decoding of the same inputs makes the same draft every time: the first round's length
  // is every round's length (checked), so the references can run before the pipeline.
  let tokens: number | undefined;
  for (let round = 0; round < options.rounds; round += 1) {
    let draft: DraftRun | undefined;
    let bare: GenerateRun | undefined;
    let grammarOnly: GenerateRun | undefined;
    for (let step = 0; step < STEPS.length; step += 1) {
      const name = STEPS[(round + step) % STEPS.length]!;
      if (name === 'pipeline') {
        draft = await options.pipeline(round);
        const made = generatedTokens(draft);
        if (tokens !== undefined && made !== tokens) throw new BenchHarnessError(`Greedy drafts differ in length (${made} and ${tokens} tokens).`);
        tokens = made;
      } else if (tokens === undefined) {
        throw new BenchHarnessError('The first round must start with the pipeline.');
      } else if (name === 'bare') {
        bare = await options.bare(tokens);
      } else {
        grammarOnly = await options.grammarOnly(tokens);
      }
    }
    const result = pipelineRound(draft!, bare!, grammarOnly!);
    rounds.push(result);
    options.log(`round ${round + 1}/${options.rounds}: ${result.tokens} tokens, pipeline ${(result.pipelineWallMs / result.tokens).toFixed(2)} ms/token, bare ${(result.bareWallMs / result.tokens).toFixed(2)} ms/token`);
  }
  return rounds;
}
