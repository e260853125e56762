/**
 * Test helper: the first bytes of a JPEG, PNG or WEBP file of a given pixel size, laid out as the
 * formats define them (sources in image-header.ts), for fixtures that need a believable header
 * but no decodable pixels.
 */
import type { AcceptedImageType } from './project';

const be16 = (value: number) => [(value >>> 8) & 255, value & 255];
const be32 = (value: number) => [...be16(Math.floor(value / 65_536)), ...be16(value % 65_536)];
const le24 = (value: number) => [value & 255, (value >>> 8) & 255, (value >>> 16) & 255];
const text = (value: string) => [...value].map((char) => char.charCodeAt(0));

export type WebpFlavour = 'VP8X' | 'VP8 ' | 'VP8L';

export function pngHeader(width: number, height: number): number[] {
  // Signature, then IHDR: length 13, type, width, height, bit depth 8, colour type 2 (RGB), 0, 0, 0, CRC (not checked).
  return [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...be32(13), ...text('IHDR'), ...be32(width), ...be32(height), 8, 2, 0, 0, 0, 0, 0, 0, 0];
}

export function jpegHeader(width: number, height: number, frameMarker = 0xc0): number[] {
  const app0 = [0xff, 0xe0, ...be16(16), ...text('JFIF'), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const dqt = [0xff, 0xdb, ...be16(3 + 64), 0, ...new Array<number>(64).fill(1)];
  const frame = [0xff, frameMarker, ...be16(17), 8, ...be16(height), ...be16(width), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  return [0xff, 0xd8, ...app0, ...dqt, ...frame];
}

export function webpHeader(width: number, height: number, flavour: WebpFlavour = 'VP8X'): number[] {
  const riff = (chunk: number[]) => [...text('RIFF'), ...le24(4 + chunk.length), 0, ...text('WEBP'), ...chunk];
  switch (flavour) {
    case 'VP8X':
      return riff([...text('VP8X'), 10, 0, 0, 0, 0, 0, 0, 0, ...le24(width - 1), ...le24(height - 1)]);
    case 'VP8 ':
      return riff([...text('VP8 '), 10, 0, 0, 0, 0x30, 0x01, 0x00, 0x9d, 0x01, 0x2a, width & 255, (width >>> 8) & 0x3f, height & 255, (height >>> 8) & 0x3f]);
    case 'VP8L': {
      const bits = ((width - 1) & 0x3fff) | (((height - 1) & 0x3fff) << 14);
      return riff([...text('VP8L'), 5, 0, 0, 0, 0x2f, bits & 255, (bits >>> 8) & 255, (bits >>> 16) & 255, (bits >>> 24) & 255]);
    }
  }
}

export function imageHeader(type: AcceptedImageType, width: number, height: number): number[] {
  if (type === 'image/png') return pngHeader(width, height);
  if (type === 'image/jpeg') return jpegHeader(width, height);
  return webpHeader(width, height);
}
