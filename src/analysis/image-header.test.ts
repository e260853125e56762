import { describe, expect, it } from 'vitest';
import { encodePng } from '../../e2e/support/png';
import { IMAGE_HEADER_BYTES, readImageSize } from './image-header';

const header = (bytes: Uint8Array) => bytes.subarray(0, IMAGE_HEADER_BYTES);

/** A RIFF/WEBP file start with one chunk of `fourCC` whose payload starts with `payload` (RFC 9649 §2). */
function webp(fourCC: string, payload: number[]): Uint8Array {
  const bytes = new Uint8Array(12 + 8 + Math.max(payload.length, 12));
  bytes.set([...'RIFF'].map((c) => c.charCodeAt(0)), 0);
  bytes.set([...'WEBP'].map((c) => c.charCodeAt(0)), 8);
  bytes.set([...fourCC].map((c) => c.charCodeAt(0)), 12);
  bytes.set(payload, 20);
  return bytes;
}

describe('readImageSize', () => {
  it.each([
    [1, 1],
    [4000, 3000],
    [3, 1700],
  ])('reads %ix%i from a PNG written by the test encoder', (width, height) => {
    expect(readImageSize(header(encodePng(width, height, new Uint8Array(width * height * 3))))).toEqual({ width, height });
  });

  it('reads lossy WEBP (VP8): 14-bit sizes after the start code, scale bits ignored', () => {
    // frame tag (3 bytes), start code 9d 01 2a, width 4000 | scale 1 << 14, height 3000.
    const w = 4000 | (1 << 14);
    expect(readImageSize(webp('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, w & 0xff, w >> 8, 3000 & 0xff, 3000 >> 8]))).toEqual({ width: 4000, height: 3000 });
  });

  it('reads lossless WEBP (VP8L): width-1 and height-1 packed in 14 bits each', () => {
    const bits = (4000 - 1) | ((3000 - 1) << 14);
    expect(readImageSize(webp('VP8L', [0x2f, bits & 0xff, (bits >>> 8) & 0xff, (bits >>> 16) & 0xff, (bits >>> 24) & 0xff]))).toEqual({ width: 4000, height: 3000 });
  });

  it('reads extended WEBP (VP8X): 24-bit canvas width-1 and height-1 after the flags', () => {
    const w = 20000 - 1;
    const h = 3 - 1;
    expect(readImageSize(webp('VP8X', [0x10, 0, 0, 0, w & 0xff, (w >> 8) & 0xff, w >> 16, h & 0xff, (h >> 8) & 0xff, h >> 16]))).toEqual({ width: 20000, height: 3 });
  });

  it('reads GIF87a and GIF89a logical screen sizes (little-endian)', () => {
    for (const version of ['GIF87a', 'GIF89a']) {
      const bytes = new Uint8Array(13);
      bytes.set([...version].map((c) => c.charCodeAt(0)));
      bytes.set([0x40, 0x01, 0xf0, 0x00], 6);
      expect(readImageSize(bytes)).toEqual({ width: 320, height: 240 });
    }
  });

  it('knows nothing about other formats, damaged or short headers', () => {
    const png = header(encodePng(10, 10, new Uint8Array(300)));
    expect(readImageSize(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...new Array<number>(28).fill(0)]))).toBeUndefined(); // JPEG
    expect(readImageSize(png.subarray(0, 20))).toBeUndefined();
    expect(readImageSize(Uint8Array.from(png, (byte, index) => (index === 13 ? 0 : byte)))).toBeUndefined(); // not IHDR
    expect(readImageSize(webp('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x00, 1, 0, 1, 0]))).toBeUndefined(); // bad start code
    expect(readImageSize(webp('ALPH', [1, 2, 3]))).toBeUndefined();
    expect(readImageSize(encodePng(1, 1, new Uint8Array(3)).fill(0, 16, 20))).toBeUndefined(); // zero width
    expect(readImageSize(new Uint8Array(0))).toBeUndefined();
  });
});
