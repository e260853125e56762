import { describe, expect, it } from 'vitest';
import { distinguishNames, nameColour } from './colour-names';
import { hexToOklab } from './oklab';

describe('nameColour', () => {
  it.each([
    ['#000000', 'black'],
    ['#FFFFFF', 'white'],
    ['#808080', 'grey'],
    ['#2B2B2B', 'charcoal'],
    ['#F3EEE4', 'warm off-white'],
    ['#6F757E', 'cool grey'],
    ['#1B2A5C', 'navy'],
    ['#070F33', 'deep navy'],
    ['#2F4F4F', 'dark muted teal'],
    ['#00FFFF', 'light cyan'],
    ['#5F8A8B', 'dusty teal'],
    ['#0F7C7C', 'teal'],
    ['#D0312D', 'red'],
    ['#FF0000', 'red'],
    ['#FF00FF', 'vivid fuchsia'],
    ['#F28C28', 'orange'],
    ['#7B4A2A', 'brown'],
    ['#2E9B45', 'green'],
    ['#87CEEB', 'sky blue'],
    ['#E3D5B8', 'beige'],
    ['#BCA8E0', 'lavender'],
  ])('%s is "%s"', (hex, expected) => {
    expect(nameColour(hexToOklab(hex))).toBe(expected);
  });

  it('keeps names short enough for the schema (40 characters)', () => {
    for (let r = 0; r < 256; r += 51) for (let g = 0; g < 256; g += 51) for (let b = 0; b < 256; b += 51) {
      const name = nameColour(hexToOklab(`#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`));
      expect(name.length).toBeGreaterThan(2);
      expect(name.length).toBeLessThanOrEqual(40);
    }
  });
});

describe('distinguishNames', () => {
  it('qualifies repeated names by lightness and leaves unique ones alone', () => {
    expect(distinguishNames([
      { name: 'sage', L: 0.7 },
      { name: 'navy', L: 0.3 },
      { name: 'sage', L: 0.5 },
    ])).toEqual(['lighter sage', 'navy', 'darker sage']);
  });
});
