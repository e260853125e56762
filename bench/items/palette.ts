/**
 * Item 5: palette extraction for 10 images of 4000x3000 through the real palette client
 * (worker, browser decoding, clustering) in headless Chromium, per image format. Runs
 * bench/palette.mjs; the same-run reference is a plain full-size decode of the same files.
 */
import type { BenchContext } from '../harness/bench-item';
import { createFigure, type Figure } from '../harness/figure';
import { median } from '../harness/stats';
import { benchPalette } from '../palette.mjs';

export async function run(context: BenchContext): Promise<Figure[]> {
  const results = await benchPalette({ quick: context.smoke, runs: context.smoke ? 1 : 3 });
  return results.map((result) => {
    const format = result.format.replace('image/', '').toUpperCase();
    context.log(`${format}: palette ${result.medianMs.toFixed(0)} ms, full decode ${median(result.decodeRunsMs).toFixed(0)} ms`);
    return createFigure({
      item: 5,
      id: `palette-10x12mp-${format.toLowerCase()}`,
      label: `palette of ${result.images} ${format} images, ${result.width}x${result.height}`,
      value: result.medianMs,
      unit: 'ms',
      samples: result.runsMs.length,
      reference: { label: 'full-size createImageBitmap of the same files', value: median(result.decodeRunsMs), unit: 'ms' },
      target: { on: 'value', comparison: 'at-most', limit: result.targetMs },
      details: { runsMs: result.runsMs, decodeRunsMs: result.decodeRunsMs, megabytes: result.bytes / 1e6, palette: result.palette },
    });
  });
}
