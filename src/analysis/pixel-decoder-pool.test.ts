import { describe, expect, it } from 'vitest';
import { createPixelDecoderPool, decoderPoolSize, MAX_DECODER_WORKERS, type DecoderWorker } from './pixel-decoder-pool';

/** Fake decoder workers that record what runs where and finish when told. */
function fakeWorkers() {
  const spawned: { id: number; terminated: boolean }[] = [];
  const pending: { worker: number; image: string; finish(ok?: boolean): void }[] = [];
  let running = 0;
  let mostAtOnce = 0;
  const spawn = (): DecoderWorker => {
    const record = { id: spawned.length, terminated: false };
    spawned.push(record);
    const decode = (image: Blob) =>
      new Promise<{ width: number; height: number; data: Uint8ClampedArray }>((resolve, reject) => {
        running += 1;
        mostAtOnce = Math.max(mostAtOnce, running);
        void image.text().then((text) =>
          pending.push({
            worker: record.id,
            image: text,
            finish: (ok = true) => {
              running -= 1;
              if (ok) resolve({ width: 1, height: 1, data: new Uint8ClampedArray([Number(text), 0, 0, 255]) });
              else reject(new Error(`cannot decode ${text}`));
            },
          }),
        );
      });
    return {
      decoder: { decodeScaled: (image) => decode(image), decodeForProbe: () => Promise.reject(new Error('unused')) },
      terminate: () => void (record.terminated = true),
    };
  };
  return { spawn, spawned, pending, mostAtOnce: () => mostAtOnce };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('decoder pool', () => {
  it('is sized by the cores, at least one worker and at most MAX_DECODER_WORKERS', () => {
    expect(decoderPoolSize(2)).toBe(2);
    expect(decoderPoolSize(64)).toBe(MAX_DECODER_WORKERS);
    expect(decoderPoolSize(undefined)).toBe(1);
    expect(decoderPoolSize(0)).toBe(1);
  });

  it('starts workers only as images need them, never runs more than its size at once, and reuses idle workers', async () => {
    const fake = fakeWorkers();
    const pool = createPixelDecoderPool(2, fake.spawn);
    expect(fake.spawned).toHaveLength(0);
    const results = ['1', '2', '3', '4', '5'].map((text) => pool.decodeScaled(new Blob([text]), 100));
    await settle();
    expect(fake.spawned).toHaveLength(2);
    expect(fake.pending).toHaveLength(2);
    // Finish in reverse order: each result still belongs to its own image.
    while (fake.pending.length > 0) {
      fake.pending.pop()!.finish();
      await settle();
    }
    const decoded = await Promise.all(results);
    expect(decoded.map((image) => image.data[0])).toEqual([1, 2, 3, 4, 5]);
    expect(fake.mostAtOnce()).toBe(2);
    expect(fake.spawned).toHaveLength(2);
    pool.dispose();
    expect(fake.spawned.every((worker) => worker.terminated)).toBe(true);
  });

  it('gives a worker back after a failed decode', async () => {
    const fake = fakeWorkers();
    const pool = createPixelDecoderPool(1, fake.spawn);
    const broken = pool.decodeScaled(new Blob(['7']), 100);
    const next = pool.decodeScaled(new Blob(['8']), 100);
    await settle();
    fake.pending.shift()!.finish(false);
    await expect(broken).rejects.toThrow('cannot decode 7');
    await settle();
    fake.pending.shift()!.finish();
    expect((await next).data[0]).toBe(8);
    expect(fake.spawned).toHaveLength(1);
  });
});
