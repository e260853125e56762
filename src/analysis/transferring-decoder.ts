/** A decoder worker's side of the pool: decoded pixels are transferred back, never copied. */
import * as Comlink from 'comlink';
import type { PixelDecoder } from './palette-api';

export type DecoderWorkerApi = Pick<PixelDecoder, 'decodeScaled' | 'decodeForProbe'>;

export function createTransferringDecoder(decoder: PixelDecoder): DecoderWorkerApi {
  return {
    async decodeScaled(image, maxPixels) {
      const pixels = await decoder.decodeScaled(image, maxPixels);
      return Comlink.transfer(pixels, [pixels.data.buffer as ArrayBuffer]);
    },
    async decodeForProbe(image) {
      const probe = await decoder.decodeForProbe(image);
      return Comlink.transfer(probe, [probe.hashPixels.data.buffer as ArrayBuffer]);
    },
  };
}
