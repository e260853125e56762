import { describe, expect, it } from 'vitest';
import { detectImageType, readImageSize } from './image-header';
import { jpegHeader, pngHeader, webpHeader } from './image-header.test-helpers';
import type { AcceptedImageType } from './project';

const bytes = (values: number[]) => new Uint8Array(values);

describe('detectImageType', () => {
  it.each<[string, number[], AcceptedImageType | null]>([
    ['PNG', pngHeader(1, 1), 'image/png'],
    ['JPEG', jpegHeader(1, 1), 'image/jpeg'],
    ['WEBP', webpHeader(1, 1), 'image/webp'],
    ['RIFF that is not WEBP (WAV)', [0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x41, 0x56, 0x45], null],
    ['GIF', [0x47, 0x49, 0x46, 0x38, 0x39, 0x61], null],
    ['too short', [0xff, 0xd8], null],
    ['empty', [], null],
  ])('detects %s', (_name, values, type) => {
    expect(detectImageType(bytes(values))).toBe(type);
  });
});

describe('readImageSize', () => {
  it.each<[string, number[], { width: number; height: number } | null]>([
    ['a PNG', pngHeader(640, 480), { width: 640, height: 480 }],
    ['a PNG at 2^31 px', pngHeader(2 ** 31, 7), { width: 2 ** 31, height: 7 }],
    ['a baseline JPEG', jpegHeader(1920, 1080), { width: 1920, height: 1080 }],
    ['a progressive JPEG (SOF2)', jpegHeader(300, 200, 0xc2), { width: 300, height: 200 }],
    ['a JPEG with fill bytes and a restart marker before the frame', [0xff, 0xd8, 0xff, 0xff, 0xd0, ...jpegHeader(33, 44).slice(2)], { width: 33, height: 44 }],
    ['an extended WEBP (VP8X)', webpHeader(12_000, 64, 'VP8X'), { width: 12_000, height: 64 }],
    ['a lossy WEBP (VP8)', webpHeader(16_383, 1, 'VP8 '), { width: 16_383, height: 1 }],
    ['a lossless WEBP (VP8L)', webpHeader(16_384, 3000, 'VP8L'), { width: 16_384, height: 3000 }],
    ['a PNG cut inside IHDR', pngHeader(640, 480).slice(0, 20), null],
    ['a PNG whose first chunk is not IHDR', [...pngHeader(640, 480).slice(0, 12), 0x49, 0x44, 0x41, 0x54, ...pngHeader(640, 480).slice(16)], null],
    ['a PNG of width 0', pngHeader(0, 480), null],
    ['a JPEG whose scan starts before any frame header', [0xff, 0xd8, 0xff, 0xda, 0, 8, 1, 1, 0, 0, 63, 0], null],
    ['a JPEG cut in the frame header', jpegHeader(640, 480).slice(0, 90), null],
    ['a JPEG with garbage between segments', [0xff, 0xd8, 0x00, 0x00, ...jpegHeader(640, 480).slice(2)], null],
    ['a JPEG made of markers only', [0xff, 0xd8, 0xff, 0xd9], null],
    ['a lossy WEBP without the start code', webpHeader(10, 10, 'VP8 ').map((value, index) => (index === 23 ? 0 : value)), null],
    ['a WEBP with an unknown first chunk', [...webpHeader(10, 10).slice(0, 12), 0x41, 0x4c, 0x50, 0x48, ...webpHeader(10, 10).slice(16)], null],
    ['a WEBP cut short', webpHeader(10, 10).slice(0, 20), null],
    ['no image', [1, 2, 3], null],
  ])('reads %s', (_name, values, size) => {
    expect(readImageSize(bytes(values))).toEqual(size);
  });
});
