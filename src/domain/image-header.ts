/**
 * What an image file's first bytes say: its type (JPEG, PNG or WEBP, by magic bytes, not by
 * name) and its pixel size, read from the header as the formats define it, without decoding.
 * - PNG (PNG spec, 3rd ed., 5.2-5.3 and 11.2.1): 8-byte signature, then the IHDR chunk first:
 *   length 13, "IHDR", width and height as 4-byte big-endian at offsets 16 and 20.
 * - JPEG (ITU-T T.81, annex B.1.1.2 and B.2.2): marker segments FF xx with a 2-byte big-endian
 *   length (standalone markers D0-D7, 01 and fill bytes FF have none); the frame header SOFn
 *   (C0-CF except C4 DHT, C8 JPG, CC DAC) holds precision, then height and width (2 bytes each).
 * - WEBP (RFC 9649, sections 2.5-2.7): "RIFF" size "WEBP", then the first chunk at offset 12:
 *   "VP8 " (start code 9D 01 2A at 23, 14-bit width/height little-endian at 26/28), "VP8L"
 *   (signature 2F at 20, then 14-bit width-1 and height-1 packed little-endian), or "VP8X"
 *   (24-bit canvas width-1 and height-1 little-endian at 24 and 27).
 */
import type { AcceptedImageType } from './project';

export interface ImageSize {
  width: number;
  height: number;
}

const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
const uint16be = (bytes: Uint8Array, at: number) => ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
const uint32be = (bytes: Uint8Array, at: number) => uint16be(bytes, at) * 65_536 + uint16be(bytes, at + 2);
const uint16le = (bytes: Uint8Array, at: number) => (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
const uint24le = (bytes: Uint8Array, at: number) => uint16le(bytes, at) | ((bytes[at + 2] ?? 0) << 16);

/** The type the file's first bytes announce, or null. */
export function detectImageType(bytes: Uint8Array): AcceptedImageType | null {
  const startsWith = (signature: readonly number[], offset = 0) => signature.every((byte, index) => bytes[offset + index] === byte);
  if (startsWith([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith([0x52, 0x49, 0x46, 0x46]) && startsWith([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return null;
}

/** Width and height from the header, or null when the header is missing, cut short or damaged. */
export function readImageSize(bytes: Uint8Array): ImageSize | null {
  switch (detectImageType(bytes)) {
    case 'image/png':
      return pngSize(bytes);
    case 'image/jpeg':
      return jpegSize(bytes);
    case 'image/webp':
      return webpSize(bytes);
    default:
      return null;
  }
}

function pngSize(bytes: Uint8Array): ImageSize | null {
  if (bytes.length < 24 || uint32be(bytes, 8) !== 13 || ascii(bytes, 12, 16) !== 'IHDR') return null;
  return positive(uint32be(bytes, 16), uint32be(bytes, 20));
}

function jpegSize(bytes: Uint8Array): ImageSize | null {
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // end of image, or scan data before any frame header
    const length = uint16be(bytes, at + 2);
    if (length < 2) return null;
    const isFrameHeader = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrameHeader) return at + 9 <= bytes.length ? positive(uint16be(bytes, at + 7), uint16be(bytes, at + 5)) : null;
    at += 2 + length;
  }
  return null;
}

function webpSize(bytes: Uint8Array): ImageSize | null {
  if (bytes.length < 25) return null;
  switch (ascii(bytes, 12, 16)) {
    case 'VP8 ':
      if (bytes.length < 30 || bytes[23] !== 0x9d || bytes[24] !== 0x01 || bytes[25] !== 0x2a) return null;
      return positive(uint16le(bytes, 26) & 0x3fff, uint16le(bytes, 28) & 0x3fff);
    case 'VP8L': {
      if (bytes[20] !== 0x2f) return null;
      const bits = (bytes[21]! | (bytes[22]! << 8) | (bytes[23]! << 16) | (bytes[24]! << 24)) >>> 0;
      return positive((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
    }
    case 'VP8X':
      if (bytes.length < 30) return null;
      return positive(uint24le(bytes, 24) + 1, uint24le(bytes, 27) + 1);
    default:
      return null;
  }
}

function positive(width: number, height: number): ImageSize | null {
  return width > 0 && height > 0 ? { width, height } : null;
}
