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
  return detectImageType(await readHead(blob));
}

/** Image formats people often have but the app cannot use, by their first bytes, to name them in the refusal. */
export async function sniffOtherImageFormat(blob: Blob): Promise<string | null> {
  const head = await readHead(blob);
  const ascii = (from: number, to: number) => String.fromCharCode(...head.slice(from, to));
  if (ascii(0, 4) === 'GIF8') return 'GIF';
  if (ascii(0, 2) === 'BM') return 'BMP';
  if (ascii(0, 4) === 'II*\0' || ascii(0, 4) === 'MM\0*') return 'TIFF';
  if (ascii(4, 8) === 'ftyp') {
    const brand = ascii(8, 12);
    if (brand.startsWith('avi')) return 'AVIF';
    if (['heic', 'heix', 'hevc', 'heim', 'heis', 'mif1', 'msf1'].includes(brand)) return 'HEIC';
  }
  const text = ascii(0, 12).trimStart().toLowerCase();
  if (text.startsWith('<svg') || text.startsWith('<?xml')) return 'SVG';
  if (ascii(0, 4) === '%PDF') return 'PDF';
  return null;
}

const EXTENSION_TYPES: Record<string, AcceptedImageType> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

export async function intakeImage(file: File): Promise<AcceptedImage> {
  const name = file.name || 'pasted image';
  if (file.size === 0) throw new ImageProcessingError(name, 'is empty (0 bytes); choose the image file itself.');
  const type = await sniffImageType(file);
  if (!type) throw new ImageProcessingError(name, await describeUnusableContents(file));
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

/**
 * Why a file's contents cannot be used, never contradicting its name or label: a known other
 * format is named; a file named or labelled as a JPG, PNG or WEBP whose bytes are not one is
 * called damaged or renamed; anything else is simply not an image the app takes.
 */
async function describeUnusableContents(file: File): Promise<string> {
  const other = await sniffOtherImageFormat(file);
  if (other) return `is in ${other} format; only JPG, PNG or WEBP images can be used (convert it first).`;
  const claimed = isAcceptedType(file.type) ? file.type : EXTENSION_TYPES[file.name.split('.').pop()?.toLowerCase() ?? ''];
  if (claimed) {
    const label = claimed === 'image/jpeg' ? 'JPG' : claimed.replace('image/', '').toUpperCase();
    return `is named as a ${label} image, but its contents are not an image; the file may be damaged, or another kind of file renamed.`;
  }
  return 'is not a JPG, PNG or WEBP image.';
}

async function readHead(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.slice(0, 12).arrayBuffer());
}

export function isAcceptedType(type: string): type is AcceptedImageType {
  return (ACCEPTED_IMAGE_TYPES as readonly string[]).includes(type);
}
