/**
 * One vision-encoder call per image. transformers.js hands the encoder every image of a prompt in
 * one call (pixel rows concatenated, one grid_thw row per image). Whether an exported encoder
 * keeps the images apart then depends on its attention honouring the grid (the reference model
 * attends within each image only); one call per image is that by construction, and it bounds the
 * attention's memory by the largest image instead of all of them (memory-budget.ts).
 */
import { cat, type Tensor } from '@huggingface/transformers';

interface VisionInputs {
  pixel_values: Tensor;
  image_grid_thw: Tensor;
}

interface ImageEncoder {
  encode_image(inputs: VisionInputs): Promise<Tensor>;
}

/** Replaces `model.encode_image` with per-image calls whose features are concatenated in order. */
export function encodeImagesOneByOne(model: ImageEncoder): void {
  const encodeOne = model.encode_image.bind(model);
  model.encode_image = async ({ pixel_values, image_grid_thw }) => {
    const grids = (image_grid_thw.tolist() as bigint[][]).map((row) => row.map(Number) as [number, number, number]);
    if (grids.length <= 1) return encodeOne({ pixel_values, image_grid_thw });
    const features: Tensor[] = [];
    let row = 0;
    for (const [index, [t, h, w]] of grids.entries()) {
      const rows = t * h * w;
      features.push(await encodeOne({ pixel_values: pixel_values.slice([row, row + rows], null), image_grid_thw: image_grid_thw.slice([index, index + 1], null) }));
      row += rows;
    }
    if (row !== pixel_values.dims[0]) throw new Error(`The image grids cover ${row} patch rows; pixel_values has ${pixel_values.dims[0]}.`);
    return cat(features, 0);
  };
}
