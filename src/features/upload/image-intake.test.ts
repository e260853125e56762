import { describe, expect, it } from 'vitest';
import { intakeImage, sniffImageType } from './image-intake';

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

describe('intakeImage refuses with a reason that never contradicts the file', () => {
  const file = (name: string, type: string, ...content: (number | string)[]) => new File([bytes(...content)], name, { type });
  it.each([
    ['an empty file named and labelled PNG', file('empty.png', 'image/png'), 'empty.png: is empty (0 bytes); choose the image file itself.'],
    ['text named and labelled PNG', file('notes.png', 'image/png', 'this is not an image'), 'notes.png: is named as a PNG image, but its contents are not an image; the file may be damaged, or another kind of file renamed.'],
    ['text named .jpeg with no label', file('photo.jpeg', '', 'hello'), 'photo.jpeg: is named as a JPG image, but its contents are not an image; the file may be damaged, or another kind of file renamed.'],
    ['a GIF labelled PNG', file('anim.png', 'image/png', 'GIF89a', 1, 0, 1, 0), 'anim.png: is in GIF format; only JPG, PNG or WEBP images can be used (convert it first).'],
    ['a HEIC photo', file('IMG_0001.HEIC', 'image/heic', 0, 0, 0, 0x18, 'ftypheic'), 'IMG_0001.HEIC: is in HEIC format; only JPG, PNG or WEBP images can be used (convert it first).'],
    ['an SVG', file('logo.svg', 'image/svg+xml', '<svg xmlns="'), 'logo.svg: is in SVG format; only JPG, PNG or WEBP images can be used (convert it first).'],
    ['a text file', file('readme.txt', 'text/plain', 'hello world'), 'readme.txt: is not a JPG, PNG or WEBP image.'],
  ])('%s', async (_name, input, message) => {
    await expect(intakeImage(input)).rejects.toThrow(message);
  });
});
