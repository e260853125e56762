import { describe, expect, it } from 'vitest';
import { deltaE, hexToOklab, oklabToHex, rgbToOklab, toOklch } from './oklab';

describe('OKLab', () => {
  it.each(['#000000', '#FFFFFF', '#FF0000', '#00FF00', '#0000FF', '#1B2A5C', '#F3EEE4', '#7F7F7F'])('round-trips %s', (hex) => {
    expect(oklabToHex(hexToOklab(hex))).toBe(hex);
  });

  it('matches the reference values for white and red', () => {
    const white = rgbToOklab(255, 255, 255);
    expect(white.L).toBeCloseTo(1, 4);
    expect(Math.hypot(white.a, white.b)).toBeLessThan(1e-4);
    const red = toOklch(rgbToOklab(255, 0, 0));
    expect(red.L).toBeCloseTo(0.628, 3);
    expect(red.C).toBeCloseTo(0.2577, 3);
    expect(red.h).toBeCloseTo(29.23, 1);
  });

  it('measures perceptual distance', () => {
    expect(deltaE(hexToOklab('#808080'), hexToOklab('#808080'))).toBe(0);
    expect(deltaE(hexToOklab('#000000'), hexToOklab('#FFFFFF'))).toBeCloseTo(1, 3);
  });
});
