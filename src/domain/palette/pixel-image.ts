/** The pixels the palette works on: RGBA, row-major, as ImageData / getImageData() give them. */
export interface PixelImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}
