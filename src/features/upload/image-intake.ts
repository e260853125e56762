/**
 * Checks files the user drops, picks or pastes before they join a project: type (by content, not
 * by name), size, and that the browser can actually decode them.
 */
import { ACCEPTED_IMAGE_TYPES, type AcceptedImageType, type ImageMeta } from '../../domain/project';
import { ImageProcessingError } from '../../errors';

export const MAX_IMAGE_BYTES = 30 * 1024 * 1024;
export const MAX_IMAGE_SIDE = 12_000;
export const MIN_IMAGE_SIDE = 64;

export interface AcceptedImage {
  meta: ImageMeta;
  blob: Blob;
}

export async function sniffImageType(blob: Blob): Promise<AcceptedImageType | null> {
  const head = new Uint8Array(await blob.slice(0, 12).arrayBuffer());
  const ascii = (from: number, to: number) => String.fromCharCode(...head.slice(from, to));
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head[0] === 0x89 && ascii(1, 4) === 'PNG') return 'image/png';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}

export async function intakeImage(file: File): Promise<AcceptedImage> {
  const name = file.name || 'pasted image';
  const type = await sniffImageType(file);
  if (!type) {
    throw new ImageProcessingError(name, `is not a JPG, PNG or WEBP image${file.type ? ` (it is ${file.type})` : ''}.`);
  }
  if (file.size > MAX_IMAGE_BYTES) {
    throw new ImageProcessingError(name, `is ${(file.size / 1024 / 1024).toFixed(0)} MB; images up to ${MAX_IMAGE_BYTES / 1024 / 1024} MB are accepted.`);
  }
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new ImageProcessingError(name, 'could not be decoded; the file looks damaged or incomplete.');
  }
  const { width, height } = bitmap;
  bitmap.close();
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE) {
    throw new ImageProcessingError(name, `is ${width}×${height} px; the longest side may be at most ${MAX_IMAGE_SIDE} px.`);
  }
  if (width < MIN_IMAGE_SIDE || height < MIN_IMAGE_SIDE) {
    throw new ImageProcessingError(name, `is only ${width}×${height} px; use images at least ${MIN_IMAGE_SIDE} px on each side.`);
  }
  const blob = file.type === type ? file : new Blob([file], { type });
  return { meta: { id: crypto.randomUUID(), name, type, size: file.size, width, height }, blob };
}

export function isAcceptedType(type: string): type is AcceptedImageType {
  return (ACCEPTED_IMAGE_TYPES as readonly string[]).includes(type);
}
