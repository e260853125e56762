/**
 * Browser code: a style image -> a PreparedImage for the model. The API downscales anything with a
 * long edge over 1568 px anyway, so we do it first and upload far fewer bytes.
 *
 * Format choice: small PNG/WEBP files that need no resizing go as they are (lossless, alpha kept).
 * Everything else is re-encoded as JPEG q0.9 on a white background: photos stay small enough for
 * ten images in one request (32 MB limit, 5 MB per image), and re-encoding JPEGs drops their EXIF
 * metadata (e.g. GPS position) before the image leaves the device.
 */
import { CancelledError, ImageProcessingError } from '../errors';
import { encodeBase64 } from '../domain/base64';
import type { AnalysisProgress, PreparedImage } from './types';

export const MAX_LONG_EDGE = 1568;
/** Base64 grows bytes by 4/3; the API's per-image limit is 5 MB of base64. */
export const MAX_IMAGE_BYTES = 3_700_000;
const JPEG_QUALITIES = [0.9, 0.8, 0.65] as const;
const PASSTHROUGH_TYPES = new Set(['image/png', 'image/webp']);

export async function prepareImage(blob: Blob, name: string): Promise<PreparedImage> {
  const bitmap = await decode(blob, name);
  try {
    const { width, height } = fitLongEdge(bitmap.width, bitmap.height, MAX_LONG_EDGE);
    const fitsAsIs = width === bitmap.width && height === bitmap.height;
    if (fitsAsIs && PASSTHROUGH_TYPES.has(blob.type) && blob.size <= MAX_IMAGE_BYTES) {
      const mediaType = blob.type as 'image/png' | 'image/webp';
      return { name, mediaType, base64: encodeBase64(new Uint8Array(await blob.arrayBuffer())), width, height };
    }
    const jpeg = await encodeJpeg(bitmap, width, height, name);
    return { name, mediaType: 'image/jpeg', base64: encodeBase64(new Uint8Array(await jpeg.arrayBuffer())), width, height };
  } finally {
    bitmap.close();
  }
}

/** Prepares images one at a time (a decoded 8000 px image is 256 MB), reporting progress. */
export async function prepareImages(
  images: ReadonlyArray<{ blob: Blob; name: string }>,
  options: { signal?: AbortSignal; onProgress?: (progress: AnalysisProgress) => void } = {},
): Promise<PreparedImage[]> {
  const prepared: PreparedImage[] = [];
  options.onProgress?.({ stage: 'preparing-images', done: 0, total: images.length });
  for (const image of images) {
    if (options.signal?.aborted) throw new CancelledError('The analysis');
    prepared.push(await prepareImage(image.blob, image.name));
    options.onProgress?.({ stage: 'preparing-images', done: prepared.length, total: images.length });
  }
  return prepared;
}

/** Scales so the long edge is at most `maxEdge`; never upscales. */
export function fitLongEdge(width: number, height: number, maxEdge: number): { width: number; height: number } {
  const scale = Math.min(1, maxEdge / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

async function decode(blob: Blob, name: string): Promise<ImageBitmap> {
  try {
    const bitmap = await createImageBitmap(blob);
    if (bitmap.width === 0 || bitmap.height === 0) throw new Error('empty image');
    return bitmap;
  } catch {
    throw new ImageProcessingError(name, 'this file could not be read as an image; it may be damaged or not really a JPG, PNG or WEBP.');
  }
}

async function encodeJpeg(bitmap: ImageBitmap, width: number, height: number, name: string): Promise<Blob> {
  try {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d context');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, height);
    context.imageSmoothingEnabled = true;
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, width, height);
    let jpeg: Blob | undefined;
    for (const quality of JPEG_QUALITIES) {
      jpeg = await canvas.convertToBlob({ type: 'image/jpeg', quality });
      if (jpeg.size <= MAX_IMAGE_BYTES) return jpeg;
    }
    throw new Error(`still ${jpeg?.size ?? 0} bytes at the lowest quality`);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ImageProcessingError(name, `this image could not be resized for upload (${reason}).`);
  }
}
