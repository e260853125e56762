/**
 * Jump-forward decoding (issue 13): forward passes against generated tokens for a complete draft.
 *
 * Measured: full greedy drafts on the tiny random Qwen2-VL fixture (Node CPU) for 4 and 10
 * images. Its random weights fill every string with arbitrary tokens up to the length limits, so
 * its share of grammar-forced text is lower than a real model's: a floor, not the expected figure.
 * Modelled: a realistic draft (the bundled example, 8 batches, hand-written with few repeats) and
 * a long synthetic 10-batch draft (strings cut from a cycled list of 26 words: it repeats itself by
 * construction, so prompt lookup guesses most of it; an upper bound, not a realistic figure),
 * tokenized with the fixture's real Qwen tokenizer, read after the real prompt and emitted by a
 * stand-in model whose greedy choice is that tokenization, through the real jump-forward loop and
 * grammar. Each is counted with the grammar's forced text only (WebGPU's default) and with prompt
 * lookup (WASM's default), with the KV-cache trims each needs.
 * The random-weight fixture repeats tokens far more than a trained model, so its figure with
 * prompt lookup is optimistic too.
 * Modelled wall time: forward passes / rate (a pass over a draft of up to 48 tokens costs about
 * one decode step when decoding is memory-bound); prefill (vision encoder + prompt pass) is the
 * same for both paths and left out. Step-by-step needs generated tokens + 1 passes (the last one
 * only picks the end marker).
 */
import { buildModelInputs, generateDraft } from '../../src/analysis/offline/generate-draft';
import { decodeJumpForward } from '../../src/analysis/offline/jump-forward-decode';
import type { LoadedQwen2Vl } from '../../src/analysis/offline/load-qwen2vl';
import { loadFixtureModel } from '../../tests/offline/support/fixture-loader';
import { makeTestImages } from '../../tests/offline/support/test-images';
import type { BenchContext } from '../harness/bench-item';
import { BenchHarnessError, createFigure, type Figure } from '../harness/figure';
import { emittingModel } from '../support/emitting-model';
import { createExampleDraft } from '../support/example-draft';
import { createLongValidDraft } from '../support/long-valid-draft';

const IMAGE_COUNTS = [4, 10] as const;
const RATES = [5, 15, 40] as const;
const SIDE = 448;
const TARGET = { on: 'ratio', comparison: 'at-most', limit: 0.65 } as const;

function modelledSeconds(passes: number): Record<string, number> {
  return Object.fromEntries(RATES.map((rate) => [`at${rate}PerSecond`, Number((passes / rate).toFixed(1))]));
}

async function emitDraft(loaded: LoadedQwen2Vl, documentIds: number[], promptIds: number[], promptLookup: boolean) {
  const stand = emittingModel(loaded, documentIds, promptIds);
  const run = await decodeJumpForward(stand.loaded, stand.inputs, loaded.grammar, { maxNewTokens: 4000, isCancelled: () => false, now: () => performance.now(), ...(promptLookup ? {} : { promptLookup: false }) });
  if (run.stop !== 'complete' || run.tokenIds.join() !== documentIds.join()) throw new BenchHarnessError('The stand-in model did not emit the realistic draft under the grammar.');
  return run;
}

/** Passes for a realistic draft read after `promptIds`: forced text only, and with prompt lookup (the default). */
async function countPasses(loaded: LoadedQwen2Vl, text: string, promptIds: number[]) {
  const documentIds = loaded.tokenizer.encode(text, { add_special_tokens: false });
  const forcedOnly = await emitDraft(loaded, documentIds, promptIds, false);
  const withLookup = await emitDraft(loaded, documentIds, promptIds, true);
  return { generated: documentIds.length, passes: withLookup.forwardPasses, forcedOnlyPasses: forcedOnly.forwardPasses, rejectedDraftTokens: withLookup.rejectedDraftTokens, cacheTrims: withLookup.cacheTrims, forcedOnlyCacheTrims: forcedOnly.cacheTrims };
}

export async function run(context: BenchContext): Promise<Figure[]> {
  const loaded = await loadFixtureModel();
  const figures: Figure[] = [];
  try {
    // The real prompt (chat template, instructions, the fixture's image placeholders) for 4 images.
    const prompt = await buildModelInputs(loaded, await makeTestImages(4, 13, SIDE, SIDE));
    const promptIds = Array.from(prompt.inputIds.data as BigInt64Array, Number);
    const realistic = {
      '8-batches': await countPasses(loaded, JSON.stringify(createExampleDraft()), promptIds),
      '10-batches': await countPasses(loaded, JSON.stringify(createLongValidDraft()), promptIds),
    };
    const labels = { '8-batches': 'realistic 8-batch draft (example spec)', '10-batches': 'synthetic 10-batch draft (cycled word list, repeats by construction)' };
    for (const [name, count] of Object.entries(realistic) as Array<[keyof typeof realistic, (typeof realistic)[keyof typeof realistic]]>) {
      figures.push(
        createFigure({
          item: 2,
          id: `jump-forward-passes-${name === '8-batches' ? 'realistic' : 'synthetic'}-${name}`,
          label: `Forward passes, ${labels[name]} (modelled)`,
          value: count.passes,
          unit: 'passes',
          reference: { label: 'generated tokens', value: count.generated, unit: 'tokens' },
          ...(name === '8-batches' ? { target: TARGET } : {}),
          samples: 1,
          note: `Real tokenizer, prompt and grammar, a stand-in model that emits the draft's tokenization; counted by the real jump-forward loop. Forced text only: ${count.forcedOnlyPasses} passes; with prompt lookup (WASM's default) ${count.passes}, for ${count.rejectedDraftTokens} rejected guessed tokens and ${count.cacheTrims} KV-cache trims (forced only: ${count.forcedOnlyCacheTrims}).`,
          details: { generatedTokens: count.generated, forwardPasses: count.passes, forcedOnlyPasses: count.forcedOnlyPasses, stepByStepPasses: count.generated + 1, rejectedDraftTokens: count.rejectedDraftTokens, cacheTrims: count.cacheTrims, forcedOnlyCacheTrims: count.forcedOnlyCacheTrims },
        }),
      );
    }

    const example = realistic['8-batches'];
    for (const imageCount of IMAGE_COUNTS) {
      const images = await makeTestImages(imageCount, 13, SIDE, SIDE);
      const inputs = await buildModelInputs(loaded, images);
      const promptTokens = inputs.inputIds.dims.at(-1)!;
      const visualTokens = inputs.imageTokens.reduce((a, b) => a + b, 0);
      context.log(`fixture draft, ${imageCount} images`);
      const maxNewTokens = context.smoke ? 150 : 2500;
      const draft = await generateDraft(loaded, { requestId: `jump-${imageCount}`, images, maxNewTokens }, { isCancelled: () => false });
      const generated = draft.tokenIds.length;
      figures.push(
        createFigure({
          item: 2,
          id: `jump-forward-passes-fixture-${imageCount}img`,
          label: `Forward passes, tiny-fixture draft, ${imageCount} images (measured)`,
          value: draft.forwardPasses,
          unit: 'passes',
          reference: { label: 'generated tokens', value: generated, unit: 'tokens' },
          samples: 1,
          note: `Random weights fill strings to their limits with tokens that repeat: less forced text than a real draft, more for prompt lookup to guess.${draft.complete ? '' : ' Stopped at max_new_tokens (smoke).'}`,
          details: { promptTokens, visualTokens, generatedTokens: generated, forwardPasses: draft.forwardPasses, complete: draft.complete, modelledSeconds: modelledSeconds(draft.forwardPasses), stepByStepModelledSeconds: modelledSeconds(generated + 1) },
        }),
      );
      figures.push(
        createFigure({
          item: 2,
          id: `jump-forward-modelled-decode-seconds-${imageCount}img`,
          label: `Modelled decode time at 15 tokens/s, realistic 8-batch draft, ${imageCount} images`,
          value: example.passes / 15,
          unit: 's',
          reference: { label: 'step by step', value: (example.generated + 1) / 15, unit: 's' },
          samples: 1,
          note: `Passes / rate; prefill over ${promptTokens} prompt tokens (${visualTokens} visual) not included, the same for both.`,
          details: { promptTokens, visualTokens, generatedTokens: example.generated, forwardPasses: example.passes, modelledSeconds: modelledSeconds(example.passes), stepByStepModelledSeconds: modelledSeconds(example.generated + 1) },
        }),
      );
    }
    return figures;
  } finally {
    await loaded.dispose();
  }
}
