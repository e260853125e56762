/**
 * What the model really reads: one vision block per image in the tokenized prompt, each image's
 * `<|image_pad|>` run as long as its visual tokens, pixels and grids that the vision encoder
 * turns into exactly that many features, and resolutions held to the visual budget.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModelInputs } from '../../src/analysis/offline/generate-draft';
import type { LoadedQwen2Vl } from '../../src/analysis/offline/load-qwen2vl';
import { maxPixelsPerImage, PIXELS_PER_VISUAL_TOKEN } from '../../src/analysis/offline/visual-budget';
import { loadFixtureModel } from './support/fixture-loader';
import { makeTestImage } from './support/test-images';

const VISION_START = 151_652;
const VISION_END = 151_653;
const IMAGE_PAD = 151_655;

let loaded: LoadedQwen2Vl;
beforeAll(async () => {
  loaded = await loadFixtureModel();
}, 120_000);
afterAll(async () => {
  await loaded.dispose();
});

/** [start index, run length] of every `<|image_pad|>` run, checking the vision markers around it. */
function imageBlocks(ids: number[]): number[] {
  const runs: number[] = [];
  for (let i = 0; i < ids.length; i += 1) {
    if (ids[i] !== VISION_START) continue;
    let end = i + 1;
    while (ids[end] === IMAGE_PAD) end += 1;
    expect(ids[end]).toBe(VISION_END);
    runs.push(end - i - 1);
  }
  return runs;
}

describe('Qwen2-VL prompt with images', () => {
  it.each([
    [1, [[96, 72]]],
    [3, [[96, 72], [40, 120], [300, 200]]],
    [10, Array.from({ length: 10 }, (_, i) => [60 + i * 30, 200 - i * 10])],
  ] as const)('%i image(s): one block each, pads match the encoder output', async (count, sizes) => {
    const images = await Promise.all(sizes.map(([w, h], i) => makeTestImage(i + 1, w, h)));
    const inputs = await buildModelInputs(loaded, images);
    const ids = (inputs.inputIds.tolist() as bigint[][])[0]!.map(Number);

    const runs = imageBlocks(ids);
    expect(runs).toEqual(inputs.imageTokens);
    expect(runs).toHaveLength(count);
    expect(ids.filter((id) => id === IMAGE_PAD)).toHaveLength(runs.reduce((a, b) => a + b, 0));

    const grids = (inputs.imageGridThw.tolist() as bigint[][]).map((row) => row.map(Number));
    expect(grids).toHaveLength(count);
    grids.forEach(([t, h, w], i) => {
      expect(t).toBe(1);
      expect((t! * h! * w!) / 4).toBe(runs[i]);
    });
    const maxTokens = maxPixelsPerImage(count, loaded.modelMaxPixels) / PIXELS_PER_VISUAL_TOKEN;
    expect(Math.max(...runs)).toBeLessThanOrEqual(maxTokens);

    // The vision encoder returns one feature row per pad: the merge generate() relies on.
    const features = await loaded.model.encode_image({ pixel_values: inputs.pixelValues, image_grid_thw: inputs.imageGridThw });
    expect(features.dims[0]).toBe(runs.reduce((a, b) => a + b, 0));
  });

  it('puts the images before the instructions, in the chat format', async () => {
    const inputs = await buildModelInputs(loaded, [await makeTestImage(7)]);
    const text = loaded.tokenizer.decode((inputs.inputIds.tolist() as bigint[][])[0]!, { skip_special_tokens: false });
    expect(text.startsWith('<|im_start|>system\n')).toBe(true);
    expect(text).toMatch(/<\|im_start\|>user\n<\|vision_start\|>(<\|image_pad\|>)+<\|vision_end\|>These 1 images share one visual style/);
    expect(text.endsWith('<|im_end|>\n<|im_start|>assistant\n')).toBe(true);
  });
});
