/**
 * Items 1 and 2 in Node, on the tiny random Qwen2-VL fixture (real 151,936-token vocabulary),
 * onnxruntime-node on the CPU with one thread, as the Node integration tests run it.
 *
 * 1. The grammar's cost per token, replayed over a long valid draft, against the tiny model's
 *    decode step (bare generate(), same run).
 * 2. The whole offline pipeline (the inference worker's API object: image preparation, prompt,
 *    grammar-constrained generate(), progress, yields for cancel) per generated token, against
 *    bare transformers.js generate() of the same number of tokens from the same inputs, on a
 *    second copy of the same model loaded the same way. Rounds alternate the two.
 */
import { createTokenMasker } from '../../src/analysis/offline/grammar';
import { loadFixtureModel } from '../../tests/offline/support/fixture-loader';
import { createNodeInferenceApi, fixtureLoadRequest } from '../../tests/offline/support/node-inference';
import { makeTestImages } from '../../tests/offline/support/test-images';
import type { BenchContext } from '../harness/bench-item';
import type { Figure } from '../harness/figure';
import { bareGenerate, constrainedGenerate } from '../support/bare-generate';
import { replayGrammarMask } from '../support/grammar-mask-replay';
import { createLongValidDraft } from '../support/long-valid-draft';
import { createOfflineFigures, generatedTokens, pipelineRound, type PipelineRound } from '../support/offline-figures';
import { OFFLINE_WORKLOAD } from '../support/offline-workload';

export async function run(context: BenchContext): Promise<Figure[]> {
  context.log('loading the tiny fixture twice (pipeline API, bare model)');
  const api = createNodeInferenceApi();
  await api.loadModel(await fixtureLoadRequest());
  const bare = await loadFixtureModel();
  const { images: count, side, seed } = OFFLINE_WORKLOAD;
  const images = await makeTestImages(count, seed, side, side);
  try {
    // Item 1: a cold pass (empty mask cache, as in the first draft after loading), then warm passes.
    const documentIds = bare.tokenizer.encode(JSON.stringify(createLongValidDraft()), { add_special_tokens: false });
    const masker = createTokenMasker();
    const cold = await replayGrammarMask(bare.grammar, documentIds, masker);
    const warm = [];
    for (let pass = 0; pass < OFFLINE_WORKLOAD.warmReplays(context.smoke); pass += 1) warm.push(await replayGrammarMask(bare.grammar, documentIds, masker));

    // Item 2: a short untimed pair first (session warm-up, skipped in smoke mode), then alternating timed rounds.
    if (!context.smoke) {
      await api.generateDraft({ requestId: 'warm-up', images, maxNewTokens: 8 });
      await bareGenerate(bare, images, 8);
    }
    const rounds: PipelineRound[] = [];
    const { rounds: roundCount, maxNewTokens } = OFFLINE_WORKLOAD.node(context.smoke);
    for (let round = 0; round < roundCount; round += 1) {
      const started = performance.now();
      const draft = await api.generateDraft({ requestId: `round-${round}`, images, maxNewTokens });
      const wallMs = performance.now() - started;
      const made = { tokens: draft.tokenIds.length, complete: draft.complete, wallMs, generationSeconds: draft.generationSeconds };
      const tokens = generatedTokens(made);
      rounds.push(pipelineRound(made, await bareGenerate(bare, images, tokens), await constrainedGenerate(bare, images, tokens)));
      const last = rounds.at(-1)!;
      context.log(`round ${round + 1}/${roundCount}: ${last.tokens} tokens, pipeline ${(last.pipelineWallMs / last.tokens).toFixed(2)} ms/token, bare ${(last.bareWallMs / last.tokens).toFixed(2)} ms/token`);
    }
    return createOfflineFigures({
      runtime: 'node',
      device: 'Node CPU (onnxruntime-node, 1 thread)',
      workload: OFFLINE_WORKLOAD.describe(),
      replay: { documentTokens: documentIds.length, cold, warm },
      rounds,
    });
  } finally {
    await api.unloadModel();
    await bare.dispose();
  }
}
