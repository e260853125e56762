/**
 * Checks files the user drops, picks or pastes before they join a project: type (by content, not
 * by name), size, and that the browser can actually decode them. The limits are the domain's
 * (image-limits.ts), the same a project file's images must meet.
 */
import { detectImageType } from '../../domain/image-header';
import { imageBytesProblem, imageSidesProblem } from '../../domain/image-limits';
import { ACCEPTED_IMAGE_TYPES, type AcceptedImageType, type ImageMeta } from '../../domain/project';
import { ImageProcessingError } from '../../errors';

export interface AcceptedImage {
  meta: ImageMeta;
  blob: Blob;
}

export async function sniffImageType(blob: Blob): Promise<AcceptedImageType | null> {
  return detectImageType(new Uint8Array(await blob.slice(0, 12).arrayBuffer()));
}

export async function intakeImage(file: File): Promise<AcceptedImage> {
  const name = file.name || 'pasted image';
  const type = await sniffImageType(file);
  if (!type) {
    throw new ImageProcessingError(name, `is not a JPG, PNG or WEBP image${file.type ? ` (it is ${file.type})` : ''}.`);
  }
  const bytesProblem = imageBytesProblem(file.size);
  if (bytesProblem) throw new ImageProcessingError(name, bytesProblem);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new ImageProcessingError(name, 'could not be decoded; the file looks damaged or incomplete.');
  }
  const { width, height } = bitmap;
  bitmap.close();
  const sidesProblem = imageSidesProblem(width, height);
  if (sidesProblem) throw new ImageProcessingError(name, sidesProblem);
  const blob = file.type === type ? file : new Blob([file], { type });
  return { meta: { id: crypto.randomUUID(), name, type, size: file.size, width, height }, blob };
}

export function isAcceptedType(type: string): type is AcceptedImageType {
  return (ACCEPTED_IMAGE_TYPES as readonly string[]).includes(type);
}
