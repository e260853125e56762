/**
 * image-prep runs in real Chromium (createImageBitmap, OffscreenCanvas): the module is bundled with
 * Vite and loaded into a page; test images are painted in the page with a canvas.
 */
import type { Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleForBrowser, openBrowserHarness, type BrowserHarness } from './browser-harness';

let harness: BrowserHarness;
let page: Page;

beforeAll(async () => {
  harness = await openBrowserHarness([await bundleForBrowser('src/analysis/image-prep.ts', 'ImagePrep')]);
  page = harness.page;
  // In-page helpers: paint a test image, run prepareImage, and read the result back as pixels.
  await page.addScriptTag({
    content: `
      window.paint = async ({ width, height, type, transparentRight = false, quality }) => {
        const canvas = new OffscreenCanvas(width, height);
        const context = canvas.getContext('2d');
        context.fillStyle = 'rgb(220, 30, 30)';
        context.fillRect(0, 0, width / 2, height);
        if (!transparentRight) {
          context.fillStyle = 'rgb(30, 30, 220)';
          context.fillRect(width / 2, 0, width / 2, height);
        }
        return canvas.convertToBlob({ type, quality });
      };
      window.prepare = async (blob, name) => {
        try {
          const prepared = await ImagePrep.prepareImage(blob, name);
          const bytes = Uint8Array.from(atob(prepared.base64), (c) => c.charCodeAt(0));
          const bitmap = await createImageBitmap(new Blob([bytes], { type: prepared.mediaType }));
          const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
          const context = canvas.getContext('2d');
          context.drawImage(bitmap, 0, 0);
          const pixel = (x, y) => Array.from(context.getImageData(Math.floor(x * bitmap.width), Math.floor(y * bitmap.height), 1, 1).data);
          const original = new Uint8Array(await blob.arrayBuffer());
          return {
            ok: true,
            name: prepared.name,
            mediaType: prepared.mediaType,
            width: prepared.width,
            height: prepared.height,
            decodedWidth: bitmap.width,
            decodedHeight: bitmap.height,
            left: pixel(0.25, 0.5),
            right: pixel(0.75, 0.5),
            sameBytes: bytes.length === original.length && bytes.every((b, i) => b === original[i]),
            bytes: bytes.length,
          };
        } catch (error) {
          return { ok: false, name: error.name, kind: error.kind, message: error.message };
        }
      };
    `,
  });
}, 60_000);

afterAll(async () => {
  await harness?.close();
});

type Prepared = {
  ok: boolean;
  name: string;
  mediaType: string;
  width: number;
  height: number;
  decodedWidth: number;
  decodedHeight: number;
  left: number[];
  right: number[];
  sameBytes: boolean;
  bytes: number;
  kind?: string;
  message?: string;
};

function prepareInPage(image: { width: number; height: number; type: string; transparentRight?: boolean; quality?: number }, name: string): Promise<Prepared> {
  return page.evaluate(
    async ({ image, name }) => {
      const w = window as unknown as { paint: (i: unknown) => Promise<Blob>; prepare: (b: Blob, n: string) => Promise<unknown> };
      return w.prepare(await w.paint(image), name);
    },
    { image, name },
  ) as Promise<Prepared>;
}

const near = (actual: number[], expected: number[], tolerance = 24) => actual.slice(0, 3).every((value, index) => Math.abs(value - expected[index]!) <= tolerance);

describe('prepareImage in Chromium', () => {
  it('downscales a large landscape PNG to a 1568 px long edge as JPEG', async () => {
    const result = await prepareInPage({ width: 3000, height: 2000, type: 'image/png' }, 'big.png');
    expect(result).toMatchObject({ ok: true, name: 'big.png', mediaType: 'image/jpeg', width: 1568, height: 1045, decodedWidth: 1568, decodedHeight: 1045 });
    expect(near(result.left, [220, 30, 30])).toBe(true);
    expect(near(result.right, [30, 30, 220])).toBe(true);
  });

  it('downscales a tall WEBP on its long edge', async () => {
    const result = await prepareInPage({ width: 1000, height: 4000, type: 'image/webp', quality: 0.9 }, 'tall.webp');
    expect(result).toMatchObject({ ok: true, mediaType: 'image/jpeg', width: 392, height: 1568, decodedWidth: 392, decodedHeight: 1568 });
  });

  it('sends a small PNG as it is, never upscaled', async () => {
    const result = await prepareInPage({ width: 640, height: 480, type: 'image/png' }, 'small.png');
    expect(result).toMatchObject({ ok: true, mediaType: 'image/png', width: 640, height: 480, sameBytes: true });
  });

  it('re-encodes a small JPEG (dropping its metadata) at the same size', async () => {
    const result = await prepareInPage({ width: 800, height: 600, type: 'image/jpeg', quality: 1 }, 'photo.jpg');
    expect(result).toMatchObject({ ok: true, mediaType: 'image/jpeg', width: 800, height: 600, sameBytes: false });
    expect(near(result.left, [220, 30, 30])).toBe(true);
  });

  it('flattens transparency onto white when it has to re-encode', async () => {
    const result = await prepareInPage({ width: 2000, height: 1000, type: 'image/png', transparentRight: true }, 'cutout.png');
    expect(result).toMatchObject({ ok: true, mediaType: 'image/jpeg', width: 1568, height: 784 });
    expect(near(result.right, [255, 255, 255], 8)).toBe(true);
  });

  it('rejects a corrupt file with ImageProcessingError naming it', async () => {
    const result = (await page.evaluate(async () => {
      const w = window as unknown as { prepare: (b: Blob, n: string) => Promise<unknown> };
      const garbage = new Uint8Array(4096).map((_, index) => (index * 37) & 0xff);
      garbage.set([0x89, 0x50, 0x4e, 0x47], 0); // a PNG signature, then nonsense
      return w.prepare(new Blob([garbage], { type: 'image/png' }), 'broken.png');
    })) as Prepared;
    expect(result).toMatchObject({ ok: false, kind: 'ImageProcessing' });
    expect(result.message).toMatch(/^broken\.png: /);
  });

  it('prepareImages reports progress image by image', async () => {
    const events = await page.evaluate(async () => {
      const w = window as unknown as { paint: (i: unknown) => Promise<Blob>; ImagePrep: { prepareImages: (...args: unknown[]) => Promise<unknown[]> } };
      const blob = await w.paint({ width: 300, height: 200, type: 'image/png' });
      const seen: unknown[] = [];
      await w.ImagePrep.prepareImages(
        [1, 2, 3].map((n) => ({ blob, name: `${n}.png` })),
        { onProgress: (event: unknown) => seen.push(event) },
      );
      return seen;
    });
    expect(events).toEqual([0, 1, 2, 3].map((done) => ({ stage: 'preparing-images', done, total: 3 })));
  });
});
