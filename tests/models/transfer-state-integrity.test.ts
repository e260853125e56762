/**
 * Download state and file contents change together: whatever interleaving of downloads, pauses,
 * imports (right, wrong, or failing part-way) and resumes, a file recorded `ready` holds exactly
 * the bytes of its pinned SHA-256. Runs the real downloader and importer on the Hub stand-in and
 * files on disk.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportedFile } from '../../src/models/download-api';
import { importModelFiles } from '../../src/models/model-import';
import type { ModelManifest } from '../../src/models/model-manifest';
import { createSeededRandom } from '../../src/domain/palette/seeded-random';
import { createModelTestKit, TEST_REPO, type ModelTestKit } from './support/model-test-kit';

let kit: ModelTestKit;
afterEach(async () => kit?.dispose());

const BIG = 'onnx/decoder_model_merged_q4.onnx_data';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function repoBytes(path: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(join(kit.hubRoot, ...TEST_REPO.split('/'), ...path.split('/'))));
}

/** A picked file whose reading fails after `failAfter` bytes (a file changed or removed on disk mid-read). */
function pickedFile(path: string, bytes: Uint8Array, failAfter?: number): ImportedFile {
  const file = new File([bytes as Uint8Array<ArrayBuffer>], path.split('/').at(-1)!);
  if (failAfter !== undefined) {
    Object.defineProperty(file, 'stream', {
      value: () => {
        let sent = 0;
        return new ReadableStream<Uint8Array>({
          pull(controller) {
            if (sent >= failAfter) return controller.error(new DOMException('The file changed on disk.', 'NotReadableError'));
            const chunk = bytes.slice(sent, Math.min(failAfter, sent + 256 * 1024));
            sent += chunk.byteLength;
            controller.enqueue(chunk);
          },
        });
      },
    });
  }
  return { relativePath: `Qwen2-VL-2B-Instruct/${path}`, file };
}

/** Every file the manifest calls ready has exactly the pinned bytes on disk. */
async function expectReadyMeansVerified(manifest: ModelManifest): Promise<number> {
  const stored = (await kit.store.manifest(manifest.key))!;
  let ready = 0;
  for (const file of stored.files) {
    if (file.state !== 'ready') continue;
    const onDisk = await kit.store.readFile(manifest.key, file.path);
    expect(onDisk, file.path).toBeDefined();
    expect(sha256(new Uint8Array(await onDisk!.arrayBuffer())), file.path).toBe(sha256(await repoBytes(file.path)));
    ready += 1;
  }
  return ready;
}

async function downloadUntilPaused(manifest: ModelManifest, pauseAfterBytes: number) {
  const controller = new AbortController();
  return kit.downloader({ everyMs: 0, everyBytes: 64 * 1024 }).download(manifest.key, {
    signal: controller.signal,
    onEvent: (event) => event.type === 'progress' && event.path === BIG && event.file.bytesDone > pauseAfterBytes && controller.abort('pause'),
  });
}

describe('download and import state stay true to the bytes', () => {
  it('a wrong same-size import that fails part-way, then a resume, never ends ready with other bytes', async () => {
    kit = await createModelTestKit({ faults: { bytesPerSecond: 4_000_000 } });
    const manifest = await kit.resolve();
    const right = await repoBytes(BIG);
    expect(await downloadUntilPaused(manifest, right.length / 4)).toBe('paused');
    const pausedAt = (await kit.store.manifest(manifest.key))!.files.find((file) => file.path === BIG)!.bytesDone;
    expect(pausedAt).toBeGreaterThan(0);

    // Same size, other bytes, and the read fails well past the paused offset.
    const wrong = right.map((byte) => byte ^ 0x5a);
    const outcome = await importModelFiles({ store: kit.store, now: Date.now }, manifest.key, [pickedFile(BIG, wrong, Math.min(right.length - 1, pausedAt * 3))], () => {});
    expect(outcome.status).toBe('failed');
    const afterImport = (await kit.store.manifest(manifest.key))!.files.find((file) => file.path === BIG)!;
    expect(afterImport).toMatchObject({ state: 'pending', bytesDone: 0 });

    kit.hub.setFaults({});
    expect(await kit.downloader().download(manifest.key, { signal: new AbortController().signal, onEvent: () => {} })).toBe('ready');
    expect(await expectReadyMeansVerified(manifest)).toBe(manifest.files.length);
  });

  it('holds over a seeded random sequence of downloads, pauses and imports', { timeout: 120_000 }, async () => {
    const seed = Number(process.env.TRANSFER_SEED ?? 20261202);
    const random = createSeededRandom(seed);
    kit = await createModelTestKit({ faults: { bytesPerSecond: 8_000_000 } });
    const manifest = await kit.resolve();
    const paths = manifest.files.map((file) => file.path);
    const steps: string[] = [];
    for (let step = 0; step < 20; step += 1) {
      // The big file half the time: it is the one a pause lands in.
      const path = random() < 0.5 ? BIG : paths[Math.floor(random() * paths.length)]!;
      const right = await repoBytes(path);
      const roll = random();
      if (roll < 0.35) {
        // Pauses land in the first half of the big file, failing imports stop in the second half:
        // the interleaving where a resume could continue on top of another file's bytes.
        const share = random() / 2;
        steps.push(`download, pause after ${Math.round(share * 100)}% of ${BIG}`);
        await downloadUntilPaused(manifest, share * (await repoBytes(BIG)).length);
      } else if (roll < 0.45) {
        steps.push('resume');
        await kit.downloader().download(manifest.key, { signal: new AbortController().signal, onEvent: () => {} }).catch(() => undefined);
      } else {
        const kind = roll < 0.6 ? 'right' : roll < 0.75 ? 'wrong' : 'failing';
        const bytes = kind === 'right' ? right : right.map((byte) => byte ^ 0xa5);
        const failAfter = kind === 'failing' ? Math.floor((0.5 + random() / 2) * right.length) : undefined;
        steps.push(`import ${kind} ${path}${failAfter === undefined ? '' : ` failing after ${failAfter}`}`);
        await importModelFiles({ store: kit.store, now: Date.now }, manifest.key, [pickedFile(path, bytes, failAfter)], () => {});
      }
      await expect(expectReadyMeansVerified(manifest), `seed ${seed}, after: ${steps.join(' | ')}`).resolves.toBeGreaterThanOrEqual(0);
    }
    kit.hub.setFaults({});
    expect(await kit.downloader().download(manifest.key, { signal: new AbortController().signal, onEvent: () => {} }), `seed ${seed}: ${steps.join(' | ')}`).toBe('ready');
    expect(await expectReadyMeansVerified(manifest)).toBe(manifest.files.length);
  });
});
