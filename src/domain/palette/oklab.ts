/**
 * sRGB <-> OKLab (Björn Ottosson's perceptual colour space). Euclidean distance in OKLab
 * approximates perceived difference, so clustering and "near-identical" tests happen here.
 * Pure maths; the 8-bit decode is a 256-entry table because it runs per histogram bin.
 */

export interface Oklab {
  L: number;
  a: number;
  b: number;
}

/** OKLab in polar form: lightness, chroma and hue in degrees [0, 360). */
export interface Oklch {
  L: number;
  C: number;
  h: number;
}

const SRGB_TO_LINEAR = new Float64Array(256);
for (let i = 0; i < 256; i += 1) {
  const c = i / 255;
  SRGB_TO_LINEAR[i] = c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Linear-light value of an 8-bit sRGB channel. */
export function srgbChannelToLinear(channel: number): number {
  return SRGB_TO_LINEAR[channel & 255] ?? 0;
}

/** sRGB channels given as 0-255 floats (averages keep their fraction) to OKLab. */
export function rgbToOklab(r: number, g: number, b: number): Oklab {
  return linearRgbToOklab(continuousToLinear(r), continuousToLinear(g), continuousToLinear(b));
}

export function linearRgbToOklab(r: number, g: number, b: number): Oklab {
  const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  return {
    L: 0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s,
    a: 1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s,
    b: 0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s,
  };
}

/** OKLab to 8-bit sRGB, clamped into the gamut. */
export function oklabToRgb({ L, a, b }: Oklab): [number, number, number] {
  const l = (L + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m = (L - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s = (L - 0.0894841775 * a - 1.291485548 * b) ** 3;
  return [
    linearToSrgb8(4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s),
    linearToSrgb8(-1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s),
    linearToSrgb8(-0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s),
  ];
}

export function toOklch({ L, a, b }: Oklab): Oklch {
  const h = (Math.atan2(b, a) * 180) / Math.PI;
  return { L, C: Math.hypot(a, b), h: h < 0 ? h + 360 : h };
}

/** Perceptual difference (ΔE in OKLab units; about 0.02 is just noticeable). */
export function deltaE(x: Oklab, y: Oklab): number {
  return Math.hypot(x.L - y.L, x.a - y.a, x.b - y.b);
}

export function hexToRgb(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.replace('#', ''), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

export function rgbToHex(r: number, g: number, b: number): string {
  return `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`.toUpperCase();
}

export function hexToOklab(hex: string): Oklab {
  const [r, g, b] = hexToRgb(hex);
  return rgbToOklab(r, g, b);
}

export function oklabToHex(lab: Oklab): string {
  return rgbToHex(...oklabToRgb(lab));
}

function continuousToLinear(channel: number): number {
  if (Number.isInteger(channel)) return srgbChannelToLinear(channel);
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

function linearToSrgb8(linear: number): number {
  const clamped = Math.min(1, Math.max(0, linear));
  const c = clamped <= 0.0031308 ? 12.92 * clamped : 1.055 * clamped ** (1 / 2.4) - 0.055;
  return Math.round(c * 255);
}
