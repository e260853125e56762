/**
 * Visual token budget: Qwen2-VL turns each 28x28 pixel area into one visual token (14 px patches
 * merged 2x2). Prefill cost grows with every token, and on a CPU it dominates: so all images
 * together get at most VISUAL_TOKEN_BUDGET = 1,024 tokens, and one image at most 256 (about
 * 448x448 px, plenty to read palette, medium and composition). 3 images: 256 tokens each;
 * 10 images: 102 each (about 280x280 px). Images are encoded one per vision call, so the
 * per-image cap also bounds the vision encoder's attention memory (memory-budget.ts).
 */
export const VISUAL_TOKEN_BUDGET = 1024;
export const MAX_VISUAL_TOKENS_PER_IMAGE = 256;
/** Pixels behind one visual token: (14 px patch x 2 merge)^2. */
export const PIXELS_PER_VISUAL_TOKEN = 28 * 28;

/** Visual tokens each image may use when `imageCount` images share the budget. */
export function visualTokensPerImage(imageCount: number): number {
  if (imageCount < 1) throw new Error('At least one image is needed.');
  return Math.min(MAX_VISUAL_TOKENS_PER_IMAGE, Math.floor(VISUAL_TOKEN_BUDGET / imageCount));
}

/**
 * The image processor's `max_pixels` for this many images: the budget, but never more than the
 * model's own limit (a model may be configured smaller, like the test fixture).
 */
export function maxPixelsPerImage(imageCount: number, modelMaxPixels: number): number {
  return Math.min(modelMaxPixels, visualTokensPerImage(imageCount) * PIXELS_PER_VISUAL_TOKEN);
}

