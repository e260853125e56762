/**
 * Items 1, 2 and 4 in headless Chromium on WASM, with the tiny Qwen2-VL fixture installed into
 * the real ModelStore by the real download worker from the Hub stand-in.
 *
 * 1. The grammar replay (as in Node) in a worker, against the decode step of bare generate().
 * 2. Drafts through the app's own inference worker (Comlink, progress proxied), against bare
 *    generate() of the same token count from the same inputs in a benchmark worker.
 * 4. Loading the processor and model sessions from ModelStore (the app's wiring) against
 *    transformers.js's own Cache API path on the same files, alternating, network refused.
 */
import { makeTestImages } from '../../tests/offline/support/test-images';
import type { BenchContext } from '../harness/bench-item';
import { createFigure, type Figure } from '../harness/figure';
import { summarize } from '../harness/stats';
import { openOfflineBench } from '../support/offline-bench-session';
import { createOfflineFigures } from '../support/offline-figures';
import { OFFLINE_WORKLOAD } from '../support/offline-workload';
import { runPipelineRounds } from '../support/pipeline-rounds';

const MB = 1024 * 1024;

export async function run(context: BenchContext): Promise<Figure[]> {
  const session = await openOfflineBench(context);
  const { page } = session;
  try {
    const installed = await page.evaluate(([host, repo]) => window.offlineBench.install(host, repo), [session.hub.url, session.repo] as const);
    context.log(`installed ${session.repo}: ${installed.files} files, ${(installed.bytes / MB).toFixed(1)} MiB`);

    // Item 4 first, in fresh workers, before the other two workers hold the model.
    const loadRounds = context.smoke ? 1 : 7;
    const loads = await page.evaluate((rounds) => window.offlineBench.loadTimes(rounds, rounds > 1), loadRounds);
    const fromStore = summarize(loads['model-store']);
    const fromCache = summarize(loads['cache-api']);
    context.log(`load from ModelStore ${fromStore.median.toFixed(0)} ms, from Cache API ${fromCache.median.toFixed(0)} ms`);

    await page.evaluate(() => window.offlineBench.loadBoth());
    const replay = await page.evaluate((passes) => window.offlineBench.replayGrammarMask(passes), OFFLINE_WORKLOAD.warmReplays(context.smoke));

    const { images: count, side, seed } = OFFLINE_WORKLOAD;
    const images = await makeTestImages(count, seed, side, side);
    if (!context.smoke) {
      await page.evaluate((list) => window.offlineBench.pipelineDraft(list, 4, 'warm-up'), images);
      await page.evaluate((list) => window.offlineBench.bareGenerate(list, 4), images);
    }
    const { rounds: roundCount, maxNewTokens } = OFFLINE_WORKLOAD.chromium(context.smoke);
    const rounds = await runPipelineRounds({
      rounds: roundCount,
      pipeline: (round) => page.evaluate(([list, tokens, id]) => window.offlineBench.pipelineDraft(list, tokens, id), [images, maxNewTokens, `round-${round}`] as const),
      bare: (tokens) => page.evaluate(([list, count]) => window.offlineBench.bareGenerate(list, count), [images, tokens] as const),
      grammarOnly: (tokens) => page.evaluate(([list, count]) => window.offlineBench.constrainedGenerate(list, count), [images, tokens] as const),
      log: context.log,
    });
    await page.evaluate(() => window.offlineBench.dispose());

    return [
      ...createOfflineFigures({ runtime: 'chromium', device: 'Chromium worker, WASM (1 thread)', workload: OFFLINE_WORKLOAD.describe(), replay, rounds }),
      createFigure({
        item: 4,
        id: 'model-load-from-store',
        label: 'load processor + model sessions from ModelStore (WASM)',
        value: fromStore.median,
        unit: 'ms',
        samples: fromStore.samples,
        reference: { label: "transformers.js's Cache API path, same files", value: fromCache.median, unit: 'ms' },
        target: { on: 'ratio', comparison: 'at-most', limit: 1 },
        note: `tiny fixture, ${(installed.bytes / MB).toFixed(1)} MiB in ${installed.files} files; each load in a fresh worker (runtime start included on both paths), alternating, after one untimed load per path (none in smoke mode)`,
        details: { modelStoreMs: loads['model-store'], cacheApiMs: loads['cache-api'] },
      }),
    ];
  } finally {
    await session.close();
  }
}
