import { describe, expect, it } from 'vitest';
import { paintGreyRamp, paintImage, type Paint } from '../../../tests/palette/synthetic-images';
import { extractPalette, roundToTotal } from './extract-palette';
import { deltaE, hexToOklab, toOklch } from './oklab';
import { PaletteColorSchema, type PaletteColor } from '../schema';

/** Each painted colour must have a swatch within `tolerance` ΔE whose share is within `points`. */
function expectRecovered(palette: PaletteColor[], paints: readonly Paint[], tolerance = 0.02, points = 2) {
  expect(palette).toHaveLength(paints.length);
  for (const paint of paints) {
    const target = hexToOklab(paint.hex);
    const nearest = [...palette].sort((x, y) => deltaE(hexToOklab(x.hex), target) - deltaE(hexToOklab(y.hex), target))[0]!;
    expect(deltaE(hexToOklab(nearest.hex), target), `${paint.hex} -> ${nearest.hex}`).toBeLessThan(tolerance);
    expect(Math.abs((nearest.share ?? 0) - paint.share), `${paint.hex} share`).toBeLessThan(points);
  }
}

const FIVE: Paint[] = [
  { hex: '#1B2A5C', share: 40 },
  { hex: '#E9DFC9', share: 25 },
  { hex: '#C8674A', share: 15 },
  { hex: '#5F8A8B', share: 12 },
  { hex: '#D9B44A', share: 8 },
];

const EIGHT: Paint[] = [
  { hex: '#101010', share: 20 },
  { hex: '#F4F1EA', share: 18 },
  { hex: '#B0153A', share: 14 },
  { hex: '#2E9B45', share: 12 },
  { hex: '#2F5FD0', share: 11 },
  { hex: '#F28C28', share: 10 },
  { hex: '#7F4FC9', share: 8 },
  { hex: '#87CEEB', share: 7 },
];

describe('extractPalette', () => {
  it.each([
    ['five colours, no noise', FIVE, 0],
    ['five colours, JPEG-like noise', FIVE, 8],
    ['eight colours, noise', EIGHT, 6],
  ])('recovers %s', (_label, paints, noise) => {
    const palette = extractPalette([paintImage(320, 300, paints, { noise })]);
    expectRecovered(palette, paints);
    for (const colour of palette) expect(PaletteColorSchema.safeParse(colour).success).toBe(true);
  });

  it('weights every image equally, whatever its size', () => {
    const big = paintImage(400, 400, [{ hex: '#D0312D', share: 100 }]);
    const small = paintImage(50, 40, [{ hex: '#2F5FD0', share: 100 }]);
    const palette = extractPalette([big, small]);
    expectRecovered(palette, [{ hex: '#D0312D', share: 50 }, { hex: '#2F5FD0', share: 50 }]);
  });

  it('keeps at most maxColors when the images hold more colours', () => {
    const many = ['#000000', '#FFFFFF', '#FF0000', '#00A000', '#0000FF', '#FFFF00', '#00FFFF', '#FF00FF', '#FF8800', '#884400', '#888888', '#88CC88'];
    const paints = many.map((hex) => ({ hex, share: 100 / many.length }));
    const palette = extractPalette([paintImage(300, 360, paints, { noise: 4 })]);
    expect(palette).toHaveLength(8);
    expect(palette.reduce((sum, colour) => sum + (colour.share ?? 0), 0)).toBeCloseTo(100, 5);
    expect(extractPalette([paintImage(300, 360, paints)], { maxColors: 6 })).toHaveLength(6);
  });

  it('gives one swatch at 100% for a single-colour image', () => {
    const palette = extractPalette([paintImage(64, 64, [{ hex: '#3A7D44', share: 100 }], { noise: 5 })]);
    expect(palette).toHaveLength(1);
    expect(palette[0]!.share).toBe(100);
    expect(deltaE(hexToOklab(palette[0]!.hex), hexToOklab('#3A7D44'))).toBeLessThan(0.01);
  });

  it('gives only neutral greys for a grey-only image, black to white', () => {
    const palette = extractPalette([paintGreyRamp(512, 8)]);
    expect(palette.length).toBeGreaterThanOrEqual(5);
    expect(palette.length).toBeLessThanOrEqual(8);
    for (const colour of palette) {
      expect(toOklch(hexToOklab(colour.hex)).C).toBeLessThan(0.005);
      expect(colour.name).toMatch(/^(black|off-black|charcoal|graphite|dark grey|grey|silver|light grey|pale grey|off-white|white)$/);
    }
    const lightness = palette.map((colour) => hexToOklab(colour.hex).L).sort();
    expect(lightness[0]).toBeLessThan(0.25);
    expect(lightness.at(-1)).toBeGreaterThan(0.9);
    expect(new Set(palette.map((colour) => colour.name)).size).toBe(palette.length);
  });

  it('does not invent colours to reach minColors (two-tone stays two)', () => {
    const paints = [{ hex: '#111111', share: 70 }, { hex: '#F5F0E6', share: 30 }];
    expectRecovered(extractPalette([paintImage(200, 200, paints, { noise: 6 })]), paints);
  });

  it('keeps a small but distinct accent while fewer than minColors remain', () => {
    const paints = [{ hex: '#F4F1EA', share: 97 }, { hex: '#D0312D', share: 3 }];
    expectRecovered(extractPalette([paintImage(200, 300, paints)]), paints, 0.02, 1);
  });

  it('ignores transparent pixels and returns [] when nothing is opaque', () => {
    const image = paintImage(100, 100, [{ hex: '#2F5FD0', share: 50 }, { hex: '#F28C28', share: 50 }], { bandsPerColour: 1 });
    for (let offset = 0; offset < image.data.length / 2; offset += 4) image.data[offset + 3] = 0;
    const palette = extractPalette([image]);
    expect(palette.map((colour) => colour.share)).toEqual([100]);
    const clear = paintImage(10, 10, [{ hex: '#000000', share: 100 }]);
    clear.data.fill(0);
    expect(extractPalette([clear])).toEqual([]);
    expect(extractPalette([])).toEqual([]);
  });

  it('is deterministic for a seed and sorted by share', () => {
    const image = paintImage(256, 256, EIGHT, { noise: 10, seed: 3 });
    const first = extractPalette([image], { seed: 42 });
    expect(extractPalette([image], { seed: 42 })).toEqual(first);
    const shares = first.map((colour) => colour.share ?? 0);
    expect(shares).toEqual([...shares].sort((x, y) => y - x));
  });

  it('samples very large images on a grid without losing the proportions', () => {
    const palette = extractPalette([paintImage(1600, 1200, FIVE, { noise: 4, bandsPerColour: 7 })]);
    expectRecovered(palette, FIVE);
  });
});

describe('roundToTotal', () => {
  it.each([
    [[33.333, 33.333, 33.334], [33.3, 33.3, 33.4]],
    [[50, 50], [50, 50]],
    [[1, 1, 1], [33.4, 33.3, 33.3]],
    [[0.04, 99.96], [0, 100]],
  ])('%j -> %j', (values, expected) => {
    const rounded = roundToTotal(values, 1, 100);
    expect(rounded).toEqual(expected);
    expect(rounded.reduce((sum, value) => sum + value, 0)).toBeCloseTo(100, 9);
  });
});

describe('extractPalette on textured colours', () => {
  it('merges the shading of one colour rather than reporting it twice', () => {
    const paints: Paint[] = [
      { hex: '#1B2A5C', share: 30 },
      { hex: '#E9DFC9', share: 30 },
      { hex: '#C8674A', share: 20 },
      { hex: '#5F8A8B', share: 20 },
    ];
    const images = Array.from({ length: 10 }, (_, seed) => paintImage(240, 180, paints, { noise: 20, seed }));
    const palette = extractPalette(images, { minColors: 4 });
    expectRecovered(palette, paints, 0.03, 2);
  });
});
