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
import { buildModelInputs } from '../../src/analysis/offline/generate-draft';
import { createTokenMasker } from '../../src/analysis/offline/grammar';
import { loadFixtureModel } from '../../tests/offline/support/fixture-loader';
import { createNodeInferenceApi, fixtureLoadRequest } from '../../tests/offline/support/node-inference';
import { makeTestImages } from '../../tests/offline/support/test-images';
import type { BenchContext } from '../harness/bench-item';
import { createFigure, type Figure } from '../harness/figure';
import { summarize } from '../harness/stats';
import { bareGenerate } from '../support/bare-generate';
import { replayGrammarMask } from '../support/grammar-mask-replay';
import { createLongValidDraft } from '../support/long-valid-draft';

const IMAGES = 4;
const IMAGE_SIDE = 448;
const DEVICE = 'Node CPU (onnxruntime-node, 1 thread)';
const TOKENS_PER_ROUND = 400;

export async function run(context: BenchContext): Promise<Figure[]> {
  context.log('loading the tiny fixture twice (pipeline API, bare model)');
  const api = createNodeInferenceApi();
  await api.loadModel(await fixtureLoadRequest());
  const bare = await loadFixtureModel();
  const images = await makeTestImages(IMAGES, 7, IMAGE_SIDE, IMAGE_SIDE);
  try {
    // Item 1: cold pass (empty mask cache, as in the first draft after loading), then warm passes.
    const documentIds = bare.tokenizer.encode(JSON.stringify(createLongValidDraft()), { add_special_tokens: false });
    const masker = createTokenMasker();
    const cold = await replayGrammarMask(bare.grammar, documentIds, masker);
    const warmPasses = [];
    for (let pass = 0; pass < (context.smoke ? 1 : 5); pass += 1) warmPasses.push(await replayGrammarMask(bare.grammar, documentIds, masker));
    const mask = summarize(warmPasses.flatMap((pass) => pass.totalUs));

    // Item 2: a short untimed pair first (session warm-up), then alternating timed rounds.
    // 400 tokens (about a quarter of a full draft, the grammar's every kind of position) keeps
    // rounds short, so more of them fit and the noisy machine's drift averages out.
    const maxNewTokens = context.smoke ? 24 : TOKENS_PER_ROUND;
    const inputs = await buildModelInputs(bare, images);
    await api.generateDraft({ requestId: 'warm-up', images, maxNewTokens: 8 });
    await bareGenerate(bare, inputs, 8);
    const pipelineMsPerToken: number[] = [];
    const pipelineDecodeMs: number[] = [];
    const bareMsPerToken: number[] = [];
    const bareDecodeMs: number[] = [];
    let generated = 0;
    const rounds = context.smoke ? 1 : 5;
    for (let round = 0; round < rounds; round += 1) {
      const started = performance.now();
      const draft = await api.generateDraft({ requestId: `round-${round}`, images, maxNewTokens });
      const wallMs = performance.now() - started;
      // generate() also produced the stop token of a complete draft.
      generated = draft.tokenIds.length + (draft.complete ? 1 : 0);
      pipelineMsPerToken.push(wallMs / generated);
      pipelineDecodeMs.push((draft.generationSeconds * 1000) / (generated - 1));
      const reference = await bareGenerate(bare, inputs, generated);
      bareMsPerToken.push(reference.wallMs / generated);
      bareDecodeMs.push(reference.decodeMsPerToken);
      context.log(`round ${round + 1}/${rounds}: ${generated} tokens, pipeline ${(wallMs / generated).toFixed(2)} ms/token, bare ${(reference.wallMs / generated).toFixed(2)} ms/token`);
    }
    const pipeline = summarize(pipelineMsPerToken);
    const bareWall = summarize(bareMsPerToken);
    const pipelineDecode = summarize(pipelineDecodeMs);
    const bareDecode = summarize(bareDecodeMs);
    const decodeStepUs = bareDecode.median * 1000;
    const replayNote = `${documentIds.length}-token valid draft, ${warmPasses.length} warm passes; cold first pass median ${summarize(cold.totalUs).median.toFixed(0)} µs, p95 ${summarize(cold.totalUs).p95.toFixed(0)} µs`;
    const breakdown = {
      bitmaskMedianUs: summarize(warmPasses.flatMap((pass) => pass.bitmaskUs)).median,
      applyMedianUs: summarize(warmPasses.flatMap((pass) => pass.applyUs)).median,
      acceptMedianUs: summarize(warmPasses.flatMap((pass) => pass.acceptUs)).median,
      documentTokens: documentIds.length,
      device: DEVICE,
    };
    const decodeReference = { label: 'tiny model decode step (bare generate)', value: decodeStepUs, unit: 'µs' };
    return [
      createFigure({ item: 1, id: 'grammar-mask-median-node', label: 'grammar mask per token, median (Node)', value: mask.median, unit: 'µs', samples: mask.samples, reference: decodeReference, note: replayNote, details: breakdown }),
      createFigure({ item: 1, id: 'grammar-mask-p95-node', label: 'grammar mask per token, p95 (Node)', value: mask.p95, unit: 'µs', samples: mask.samples, reference: decodeReference, note: replayNote }),
      createFigure({
        item: 2,
        id: 'offline-pipeline-per-token-node',
        label: `offline pipeline per generated token (${DEVICE})`,
        value: pipeline.median,
        unit: 'ms',
        samples: pipeline.samples,
        reference: { label: 'bare generate(), same inputs and token count', value: bareWall.median, unit: 'ms' },
        target: { on: 'ratio', comparison: 'at-most', limit: 1.1 },
        note: `${generated} tokens per run, ${IMAGES} images of ${IMAGE_SIDE}x${IMAGE_SIDE}; whole call including image preparation and prefill`,
        details: { pipelineMsPerToken, bareMsPerToken },
      }),
      createFigure({
        item: 2,
        id: 'offline-decode-per-token-node',
        label: 'offline decode step, prefill excluded (Node)',
        value: pipelineDecode.median,
        unit: 'ms',
        samples: pipelineDecode.samples,
        reference: { label: 'bare generate() decode step', value: bareDecode.median, unit: 'ms' },
        details: { pipelineDecodeMs, bareDecodeMs },
      }),
    ];
  } finally {
    await api.unloadModel();
    await bare.dispose();
  }
}
