/**
 * The images a project accepts, wherever they come from (a file the user picks, drops or pastes,
 * or one inside a `.lora-project` file): at most 30 MB, each side 64-12,000 px. One set of
 * limits with its messages, so both doors refuse the same things in the same words.
 */
export const MAX_IMAGE_BYTES = 30 * 1024 * 1024;
export const MAX_IMAGE_SIDE = 12_000;
export const MIN_IMAGE_SIDE = 64;

/** Why an image of `bytes` bytes is refused (to follow its name), or null. */
export function imageBytesProblem(bytes: number): string | null {
  if (bytes <= MAX_IMAGE_BYTES) return null;
  return `is ${(bytes / 1024 / 1024).toFixed(0)} MB; images up to ${MAX_IMAGE_BYTES / 1024 / 1024} MB are accepted.`;
}

/** Why an image of `width`×`height` px is refused (to follow its name), or null. */
export function imageSidesProblem(width: number, height: number): string | null {
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE) return `is ${width}×${height} px; the longest side may be at most ${MAX_IMAGE_SIDE} px.`;
  if (width < MIN_IMAGE_SIDE || height < MIN_IMAGE_SIDE) return `is only ${width}×${height} px; use images at least ${MIN_IMAGE_SIDE} px on each side.`;
  return null;
}
