import { describe, expect, it } from 'vitest';
import { paintImage, type Paint } from '../../tests/palette/synthetic-images';
import { createPaletteApi, type PixelDecoder, type PixelJobEvent } from './palette-api';
import { deltaE, hexToOklab } from '../domain/palette';
import { ImageProcessingError } from '../errors';

/**
 * Node has no image decoders, so these tests hand the API a decoder that paints the colours a
 * Blob describes (JSON). Browser decoding itself is covered by e2e/training-set and bench.
 */
function createPaintingDecoder(calls: string[] = []): PixelDecoder {
  const paintsOf = async (image: Blob): Promise<Paint[]> => {
    const text = await image.text();
    calls.push(text);
    if (text === 'broken') throw new Error('not an image');
    return JSON.parse(text) as Paint[];
  };
  return {
    async decodeScaled(image, maxPixels) {
      const side = Math.floor(Math.sqrt(maxPixels));
      return paintImage(side, side, await paintsOf(image), { noise: 4 });
    },
    async decodeForProbe(image) {
      const paints = await paintsOf(image);
      return { width: 1024, height: 768, hashPixels: paintImage(72, 64, paints), thumbnail: new Blob(['thumb']) };
    },
  };
}

const blobOf = (paints: Paint[]) => new Blob([JSON.stringify(paints)]);
const NAVY_CREAM = [{ hex: '#1B2A5C', share: 60 }, { hex: '#F3EEE4', share: 40 }];
const RED_BLUE = [{ hex: '#D0312D', share: 50 }, { hex: '#2F5FD0', share: 50 }];

describe('createPaletteApi', () => {
  it('extracts one palette over all images and reports progress', async () => {
    const api = createPaletteApi(createPaintingDecoder());
    const events: PixelJobEvent[] = [];
    const palette = await api.extractPalette([blobOf(NAVY_CREAM), blobOf(NAVY_CREAM)], 'job-1', (event) => events.push(event));
    expect(palette).toHaveLength(2);
    expect(deltaE(hexToOklab(palette[0]!.hex), hexToOklab('#1B2A5C'))).toBeLessThan(0.02);
    expect(palette[0]!.share).toBeCloseTo(60, 0);
    expect(events).toEqual([
      { type: 'decoded', done: 1, total: 2 },
      { type: 'decoded', done: 2, total: 2 },
      { type: 'clustering' },
    ]);
  });

  it('probes size, a perceptual hash and a thumbnail per image', async () => {
    const api = createPaletteApi(createPaintingDecoder());
    const [first, same, other] = await api.probeImages([blobOf(RED_BLUE), blobOf(RED_BLUE), blobOf(NAVY_CREAM)], 'job-2');
    expect(first).toMatchObject({ width: 1024, height: 768 });
    expect(first!.dHash).toMatch(/^[0-9a-f]{16}$/);
    expect(same!.dHash).toBe(first!.dHash);
    expect(await first!.thumbnail.text()).toBe('thumb');
    expect(other).toBeDefined();
  });

  it('stops at the next image when cancelled, without touching other jobs', async () => {
    const calls: string[] = [];
    const api = createPaletteApi(createPaintingDecoder(calls));
    const images = [blobOf(RED_BLUE), blobOf(RED_BLUE), blobOf(RED_BLUE), blobOf(RED_BLUE)];
    const cancelledJob = api.extractPalette(images, 'cancel-me', (event) => {
      if (event.type === 'decoded' && event.done === 1) api.cancel('cancel-me');
    });
    const otherJob = api.extractPalette([blobOf(NAVY_CREAM)], 'keep-me');
    await expect(cancelledJob).rejects.toMatchObject({ kind: 'Cancelled' });
    await expect(otherJob).resolves.toHaveLength(2);
    expect(calls.filter((text) => text === JSON.stringify(RED_BLUE))).toHaveLength(1);
  });

  it('ignores a cancel for a job that is not running', async () => {
    const api = createPaletteApi(createPaintingDecoder());
    api.cancel('job-3');
    await expect(api.extractPalette([blobOf(RED_BLUE)], 'job-3')).resolves.toHaveLength(2);
  });

  it('names the file that cannot be decoded, as a named error', async () => {
    const api = createPaletteApi(createPaintingDecoder());
    const broken = new File(['broken'], 'grid_0.png', { type: 'image/png' });
    const error = await api.probeImages([blobOf(RED_BLUE), broken], 'job-4').catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ImageProcessingError);
    expect(error).toMatchObject({ kind: 'ImageProcessing', message: expect.stringContaining('grid_0.png') });
  });
});
