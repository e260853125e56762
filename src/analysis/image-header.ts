/**
 * An image's pixel size read from the first bytes of its file, for the formats whose decoders
 * cannot scale while decoding (PNG, WEBP, GIF): knowing the size up front lets the browser
 * resize inside createImageBitmap instead of handing back a full-size bitmap to shrink later.
 * Layouts: PNG IHDR (ISO/IEC 15948 §11.2.2), WEBP `VP8 `/`VP8L`/`VP8X` chunks (RFC 9649 §2.5-2.7),
 * GIF logical screen descriptor (GIF89a §18). Anything else, or a damaged header: undefined.
 */

/** Bytes to read: enough for every layout below. */
export const IMAGE_HEADER_BYTES = 32;

export interface ImageSize {
  width: number;
  height: number;
}

export function readImageSize(header: Uint8Array): ImageSize | undefined {
  const size = readPng(header) ?? readWebp(header) ?? readGif(header);
  return size && size.width > 0 && size.height > 0 ? size : undefined;
}

const ascii = (bytes: Uint8Array, at: number, text: string) => [...text].every((char, index) => bytes[at + index] === char.charCodeAt(0));
const u16le = (bytes: Uint8Array, at: number) => (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
const u24le = (bytes: Uint8Array, at: number) => u16le(bytes, at) | ((bytes[at + 2] ?? 0) << 16);
const u32be = (bytes: Uint8Array, at: number) => (((bytes[at] ?? 0) << 24) >>> 0) + (((bytes[at + 1] ?? 0) << 16) | ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0));

function readPng(bytes: Uint8Array): ImageSize | undefined {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || !signature.every((byte, index) => bytes[index] === byte) || !ascii(bytes, 12, 'IHDR')) return undefined;
  return { width: u32be(bytes, 16), height: u32be(bytes, 20) };
}

function readWebp(bytes: Uint8Array): ImageSize | undefined {
  if (bytes.length < 30 || !ascii(bytes, 0, 'RIFF') || !ascii(bytes, 8, 'WEBP')) return undefined;
  if (ascii(bytes, 12, 'VP8 ')) {
    // Lossy: 3-byte frame tag, start code 9d 01 2a, then 14-bit width and height.
    if (bytes[23] !== 0x9d || bytes[24] !== 0x01 || bytes[25] !== 0x2a) return undefined;
    return { width: u16le(bytes, 26) & 0x3fff, height: u16le(bytes, 28) & 0x3fff };
  }
  if (ascii(bytes, 12, 'VP8L')) {
    // Lossless: signature 0x2f, then width-1 and height-1 in 14 bits each.
    if (bytes[20] !== 0x2f) return undefined;
    const bits = (bytes[21] ?? 0) | ((bytes[22] ?? 0) << 8) | ((bytes[23] ?? 0) << 16) | ((bytes[24] ?? 0) << 24);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (ascii(bytes, 12, 'VP8X')) {
    // Extended: 4 bytes of flags, then canvas width-1 and height-1 in 24 bits each.
    return { width: u24le(bytes, 24) + 1, height: u24le(bytes, 27) + 1 };
  }
  return undefined;
}

function readGif(bytes: Uint8Array): ImageSize | undefined {
  if (bytes.length < 10 || !(ascii(bytes, 0, 'GIF87a') || ascii(bytes, 0, 'GIF89a'))) return undefined;
  return { width: u16le(bytes, 6), height: u16le(bytes, 8) };
}
