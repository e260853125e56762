import { describe, expect, it } from 'vitest';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { expandDroppedFiles } from './expand-dropped-files';
import { writeTrainingZip } from './write-training-zip';

/** Bytes that start like a PNG / JPEG (type sniffing reads the magic bytes only). */
const pngBytes = (seed: number) => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 64 }, (_, i) => (i * seed) & 255)]);
const jpegBytes = (seed: number) => new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...Array.from({ length: 64 }, (_, i) => (i + seed) & 255)]);

describe('writeTrainingZip', () => {
  it('writes images as stored bytes and captions as text, in order, with progress', async () => {
    const images = new Map([
      ['a', new Blob([pngBytes(3)], { type: 'image/png' })],
      ['b', new Blob([jpegBytes(5)], { type: 'image/jpeg' })],
    ]);
    const progress: number[] = [];
    const zip = await writeTrainingZip(
      [
        { path: 'img/10_pstr style/0001.png', imageId: 'a' },
        { path: 'img/10_pstr style/0001.txt', text: 'pstr, style, corner café at dusk' },
        { path: 'img/10_pstr style/0002.jpg', imageId: 'b' },
        { path: 'img/10_pstr style/0002.txt', text: 'pstr, style' },
      ],
      async (id) => images.get(id)!,
      { onProgress: ({ done }) => progress.push(done) },
    );
    expect(zip.type).toBe('application/zip');
    const files = unzipSync(new Uint8Array(await zip.arrayBuffer()));
    expect(Object.keys(files)).toEqual(['img/10_pstr style/0001.png', 'img/10_pstr style/0001.txt', 'img/10_pstr style/0002.jpg', 'img/10_pstr style/0002.txt']);
    expect(files['img/10_pstr style/0001.png']).toEqual(pngBytes(3));
    expect(new TextDecoder().decode(files['img/10_pstr style/0001.txt'])).toBe('pstr, style, corner café at dusk');
    expect(progress).toEqual([1, 2, 3, 4]);
  });

  it('stops with a CancelledError when aborted', async () => {
    const controller = new AbortController();
    const reads: string[] = [];
    const run = writeTrainingZip(
      [
        { path: 'dataset/0001.png', imageId: 'a' },
        { path: 'dataset/0002.png', imageId: 'b' },
      ],
      async (id) => {
        reads.push(id);
        controller.abort();
        return new Blob([pngBytes(1)]);
      },
      { signal: controller.signal },
    );
    await expect(run).rejects.toMatchObject({ kind: 'Cancelled' });
    expect(reads).toEqual(['a']);
  });
});

describe('expandDroppedFiles', () => {
  it('takes images as they are and streams the images out of zips, skipping the rest with reasons', async () => {
    const zipBytes = zipSync({
      'batch-1/user_fox_at_dawn_0.png': pngBytes(7),
      'batch-1/user_owl_in_fog_1.jpg': jpegBytes(9),
      '__MACOSX/batch-1/._user_fox_at_dawn_0.png': strToU8('resource fork'),
      'batch-1/.DS_Store': strToU8('finder'),
      'batch-1/notes.txt': strToU8('hello'),
      'batch-1/fake.png': strToU8('not really a png'),
    });
    const files = [
      new File([zipBytes], 'midjourney.zip', { type: 'application/zip' }),
      new File([pngBytes(2)], 'single.png', { type: 'image/png' }),
      new File(['plain text'], 'readme.md', { type: 'text/markdown' }),
    ];
    const { images, skipped } = await expandDroppedFiles(files);
    expect(images.map(({ name, type }) => [name, type])).toEqual([
      ['batch-1/user_fox_at_dawn_0.png', 'image/png'],
      ['batch-1/user_owl_in_fog_1.jpg', 'image/jpeg'],
      ['single.png', 'image/png'],
    ]);
    expect(new Uint8Array(await images[0]!.blob.arrayBuffer())).toEqual(pngBytes(7));
    expect(skipped).toEqual([
      { name: 'midjourney.zip/batch-1/notes.txt', reason: 'is not an image' },
      { name: 'midjourney.zip/batch-1/fake.png', reason: 'is not a readable PNG, JPG or WEBP image' },
      { name: 'readme.md', reason: 'is not a PNG, JPG, WEBP or zip file' },
    ]);
  });

  it.each([
    ['cut inside the first header', 0, 30, 'contains no files'],
    ['cut inside a stored entry', 0, 200, 'could not be read to the end (invalid zip data)'],
    ['cut inside a deflated entry', 6, 200, 'could not be read to the end (invalid zip data)'],
  ] as const)('reports a damaged zip (%s) instead of failing the whole drop', async (_label, level, keep, reason) => {
    const big = new Uint8Array(4000).map((_, i) => (i * 7919) & 255);
    big.set(pngBytes(1).subarray(0, 8));
    const bytes = zipSync({ 'a.png': big }, { level });
    const truncated = new File([bytes.slice(0, keep)], 'broken.zip');
    const { images, skipped } = await expandDroppedFiles([truncated, new File([pngBytes(4)], 'ok.png')]);
    expect(images.map((image) => image.name)).toEqual(['ok.png']);
    expect(skipped).toEqual([{ name: 'broken.zip', reason: expect.stringContaining(reason) }]);
  });

  it('refuses a zip bomb whole, stopping while it inflates, and keeps the other files of the drop', async () => {
    const zeros = new Uint8Array(48 * 1024 * 1024);
    zeros.set(pngBytes(1).subarray(0, 8));
    const bomb = zipSync({ 'real.png': pngBytes(3), 'bomb.png': zeros }, { level: 9 });
    expect(bomb.byteLength).toBeLessThan(200 * 1024);
    const limits = { maxEntries: 100, maxEntryBytes: 1024 * 1024 * 1024, maxTotalBytes: 1024 * 1024 * 1024, maxRatio: 50, ratioGraceBytes: 4 * 1024 * 1024 };
    const { images, skipped } = await expandDroppedFiles([new File([bomb], 'bomb.zip'), new File([pngBytes(4)], 'ok.png')], undefined, limits);
    expect(images.map((image) => image.name)).toEqual(['ok.png']);
    expect(skipped).toEqual([{ name: 'bomb.zip', reason: expect.stringContaining('was not unpacked: it unpacks to more than 50 times its size') }]);
  });

  it('refuses a zip with more entries than allowed', async () => {
    const entries = Object.fromEntries(Array.from({ length: 6 }, (_, index) => [`${index}.png`, pngBytes(index + 1)]));
    const limits = { maxEntries: 5, maxEntryBytes: 1 << 30, maxTotalBytes: 1 << 30, maxRatio: 50, ratioGraceBytes: 1 << 20 };
    const { images, skipped } = await expandDroppedFiles([new File([zipSync(entries)], 'many.zip')], undefined, limits);
    expect(images).toEqual([]);
    expect(skipped).toEqual([{ name: 'many.zip', reason: 'was not unpacked: it holds more than 5 files' }]);
  });
});
