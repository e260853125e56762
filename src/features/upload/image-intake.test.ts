import { describe, expect, it } from 'vitest';
import { sniffImageType } from './image-intake';

const bytes = (...values: (number | string)[]) =>
  new Blob([new Uint8Array(values.flatMap((value) => (typeof value === 'string' ? [...value].map((c) => c.charCodeAt(0)) : [value])))]);

describe('sniffImageType', () => {
  it.each([
    ['JPEG', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10), 'image/jpeg'],
    ['PNG', bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a), 'image/png'],
    ['WEBP', bytes('RIFF', 0, 0, 0, 0, 'WEBPVP8 '), 'image/webp'],
    ['GIF', bytes('GIF89a'), null],
    ['text named .png', bytes('hello world!'), null],
    ['RIFF that is not WEBP', bytes('RIFF', 0, 0, 0, 0, 'WAVEfmt '), null],
    ['empty', bytes(), null],
  ])('%s', async (_, blob, expected) => {
    expect(await sniffImageType(blob)).toBe(expected);
  });
});
