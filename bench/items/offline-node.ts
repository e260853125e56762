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
import { createOfflineFigures } from '../support/offline-figures';
import { OFFLINE_WORKLOAD } from '../support/offline-workload';
import { runPipelineRounds } from '../support/pipeline-rounds';

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
      await api.generateDraft({ requestId: 'warm-up', images, maxNewTokens: 8, jumpForward: false });
      await bareGenerate(bare, images, 8);
    }
    const { rounds: roundCount, maxNewTokens } = OFFLINE_WORKLOAD.node(context.smoke);
    const rounds = await runPipelineRounds({
      rounds: roundCount,
      async pipeline(round) {
        const started = performance.now();
        // Step by step: this item compares the pipeline with bare generate() of as many tokens (jump-forward is bench/items/jump-forward.ts).
        const draft = await api.generateDraft({ requestId: `round-${round}`, images, maxNewTokens, jumpForward: false });
        return { tokens: draft.tokenIds.length, complete: draft.complete, wallMs: performance.now() - started, generationSeconds: draft.generationSeconds };
      },
      bare: (tokens) => bareGenerate(bare, images, tokens),
      grammarOnly: (tokens) => constrainedGenerate(bare, images, tokens),
      log: context.log,
    });
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
