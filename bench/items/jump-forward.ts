/**
 * Jump-forward decoding (issue 13): forward passes against generated tokens for a complete draft.
 *
 * Measured: full greedy drafts on the tiny random Qwen2-VL fixture (Node CPU) for 4 and 10
 * images. Its random weights fill every string with arbitrary tokens up to the length limits, so
 * its share of grammar-forced text is lower than a real model's: a floor, not the expected figure.
 * Modelled: a realistic draft (the bundled example, 8 batches; and a long 10-batch draft),
 * tokenized with the fixture's real Qwen tokenizer and emitted by a stand-in model whose greedy
 * choice is that tokenization, through the real jump-forward loop and grammar.
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

async function countPasses(loaded: LoadedQwen2Vl, text: string) {
  const documentIds = loaded.tokenizer.encode(text, { add_special_tokens: false });
  const stand = emittingModel(loaded, documentIds, 16);
  const run = await decodeJumpForward(stand.loaded, stand.inputs, loaded.grammar, { maxNewTokens: 4000, isCancelled: () => false, now: () => performance.now() });
  if (run.stop !== 'complete' || run.tokenIds.join() !== documentIds.join()) throw new BenchHarnessError('The stand-in model did not emit the realistic draft under the grammar.');
  return { generated: documentIds.length, passes: run.forwardPasses };
}

export async function run(context: BenchContext): Promise<Figure[]> {
  const loaded = await loadFixtureModel();
  const figures: Figure[] = [];
  try {
    const realistic = {
      '8-batches': await countPasses(loaded, JSON.stringify(createExampleDraft())),
      '10-batches': await countPasses(loaded, JSON.stringify(createLongValidDraft())),
    };
    for (const [name, count] of Object.entries(realistic)) {
      figures.push(
        createFigure({
          item: 2,
          id: `jump-forward-passes-realistic-${name}`,
          label: `Forward passes, realistic ${name.replace('-', ' ')} draft (modelled)`,
          value: count.passes,
          unit: 'passes',
          reference: { label: 'generated tokens', value: count.generated, unit: 'tokens' },
          ...(name === '8-batches' ? { target: TARGET } : {}),
          samples: 1,
          note: 'Real tokenizer and grammar, a stand-in model that emits the draft\'s tokenization; counted by the real jump-forward loop.',
          details: { generatedTokens: count.generated, forwardPasses: count.passes, stepByStepPasses: count.generated + 1 },
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
          note: `Random weights fill strings to their limits: less forced text than a real draft.${draft.complete ? '' : ' Stopped at max_new_tokens (smoke).'}`,
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
