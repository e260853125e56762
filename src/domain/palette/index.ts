/** Pixel-true colour palettes (pure: works on RGBA pixel arrays, no DOM). */
export type { PixelImage } from './pixel-image';
export { extractPalette, type PaletteOptions } from './extract-palette';
export { nameColour } from './colour-names';
export { deltaE, hexToOklab, rgbToOklab, oklabToHex, type Oklab } from './oklab';
