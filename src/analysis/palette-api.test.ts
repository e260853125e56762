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

/** The painting decoder, `concurrency` at a time, each decode finishing after a seeded random delay. */
function createPooledPaintingDecoder(concurrency: number, calls: string[] = [], seed = 1): PixelDecoder & { mostAtOnce(): number } {
  const serial = createPaintingDecoder(calls);
  let state = seed;
  const delay = () => new Promise((resolve) => setTimeout(resolve, (state = (state * 48_271) % 2_147_483_647) % 15));
  let running = 0;
  let most = 0;
  const track = async <T>(work: () => Promise<T>) => {
    running += 1;
    most = Math.max(most, running);
    try {
      await delay();
      return await work();
    } finally {
      running -= 1;
    }
  };
  return {
    concurrency,
    decodeScaled: (image, maxPixels) => track(() => serial.decodeScaled(image, maxPixels)),
    // The thumbnail is the image itself, so a probe shows which image it belongs to.
    decodeForProbe: (image) => track(async () => ({ ...(await serial.decodeForProbe(image)), thumbnail: image })),
    mostAtOnce: () => most,
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

  it('gives exactly the serial palette when images decode side by side and finish out of order', async () => {
    const palettes = [NAVY_CREAM, RED_BLUE, [{ hex: '#3A7D44', share: 70 }, { hex: '#F2C14E', share: 30 }], NAVY_CREAM, RED_BLUE, [{ hex: '#6B2D5C', share: 100 }]];
    const images = palettes.map(blobOf);
    const serial = await createPaletteApi(createPaintingDecoder()).extractPalette(images, 'serial');
    for (const seed of [1, 2, 3, 4, 5]) {
      const pooled = createPooledPaintingDecoder(3, [], seed);
      const events: PixelJobEvent[] = [];
      expect(await createPaletteApi(pooled).extractPalette(images, `pooled-${seed}`, (event) => events.push(event))).toEqual(serial);
      expect(pooled.mostAtOnce()).toBe(3);
      expect(events.map((event) => (event.type === 'decoded' ? event.done : event.type))).toEqual([1, 2, 3, 4, 5, 6, 'clustering']);
    }
  });

  it('returns probes in input order when they finish out of order', async () => {
    const images = [RED_BLUE, NAVY_CREAM, [{ hex: '#3A7D44', share: 70 }, { hex: '#F2C14E', share: 30 }], RED_BLUE, [{ hex: '#6B2D5C', share: 100 }]].map(blobOf);
    const texts = await Promise.all(images.map((image) => image.text()));
    for (const seed of [1, 2, 3]) {
      const pooled = await createPaletteApi(createPooledPaintingDecoder(3, [], seed)).probeImages(images, `pooled-probe-${seed}`);
      expect(await Promise.all(pooled.map((probe) => probe.thumbnail.text()))).toEqual(texts);
    }
  });

  it('with decodes in flight, a cancel starts no further image', async () => {
    const calls: string[] = [];
    const api = createPaletteApi(createPooledPaintingDecoder(2, calls));
    const images = Array.from({ length: 8 }, () => blobOf(RED_BLUE));
    const cancelledJob = api.extractPalette(images, 'cancel-pooled', (event) => {
      if (event.type === 'decoded' && event.done === 1) api.cancel('cancel-pooled');
    });
    await expect(cancelledJob).rejects.toMatchObject({ kind: 'Cancelled' });
    // The first two started together; the one still in flight at the cancel finished, nothing more began.
    expect(calls).toHaveLength(2);
  });

  it('with decodes in flight, names the file that cannot be decoded', async () => {
    const api = createPaletteApi(createPooledPaintingDecoder(3));
    const broken = new File(['broken'], 'grid_3.webp', { type: 'image/webp' });
    const error = await api.extractPalette([blobOf(RED_BLUE), blobOf(RED_BLUE), broken, blobOf(RED_BLUE), blobOf(RED_BLUE)], 'job-5').catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ImageProcessingError);
    expect(error).toMatchObject({ message: expect.stringContaining('grid_3.webp') });
  });
});
