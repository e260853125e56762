/** Hashing in a worker (over a real MessageChannel with transfers) matches Node's crypto, saved states included. */
import { createHash } from 'node:crypto';
import { MessageChannel } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter';
import { afterEach, describe, expect, it } from 'vitest';
import { seededBytes } from '../../e2e/support/model-fixtures';
import { compareDigest, createInThreadHasher, type HasherFactory } from '../../src/models/file-hasher';
import { createHashApi } from '../../src/models/create-hash-api';
import type { HashApi } from '../../src/models/hash-api';
import { createParallelHasherFactory } from '../../src/models/parallel-file-hasher';

const channels: MessageChannel[] = [];
afterEach(() => channels.splice(0).forEach((channel) => channel.port1.close()));

function parallelFactory(maxInFlight: number): HasherFactory {
  const channel = new MessageChannel();
  channels.push(channel);
  Comlink.expose(createHashApi(), nodeEndpoint(channel.port2));
  return createParallelHasherFactory(Comlink.wrap<HashApi>(nodeEndpoint(channel.port1)), maxInFlight);
}

const bytes = seededBytes(3 * 1024 * 1024 + 17, 5);
const sha256 = createHash('sha256').update(bytes).digest('hex');
const chunks = (from: number, to: number) => {
  const out: Uint8Array[] = [];
  for (let at = from; at < to; at += 300_000) out.push(new Uint8Array(bytes.subarray(at, Math.min(to, at + 300_000))));
  return out;
};

describe.each([
  ['in this thread', () => createInThreadHasher],
  ['in a hash worker', () => parallelFactory(512 * 1024)],
])('file hasher %s', (_name, factory) => {
  it('hashes streamed chunks to the SHA-256 of the file', async () => {
    const hasher = await factory()({ size: bytes.length, check: { kind: 'sha256' } });
    for (const chunk of chunks(0, bytes.length)) await hasher.update(chunk);
    expect((await hasher.digest()).sha256).toBe(sha256);
  });

  it('continues from a saved state as if never interrupted', async () => {
    const file = { size: bytes.length, check: { kind: 'sha256' as const } };
    const first = await factory()(file);
    const cut = 1_500_000;
    for (const chunk of chunks(0, cut)) await first.update(chunk);
    const saved = await first.save();
    first.dispose();
    const resumed = await factory()(file, saved);
    for (const chunk of chunks(cut, bytes.length)) await resumed.update(chunk);
    expect((await resumed.digest()).sha256).toBe(sha256);
  });

  it('checks small files by their git blob id', async () => {
    const text = Buffer.from('{"model_type": "qwen2_vl"}\n');
    const oid = createHash('sha1').update(`blob ${text.length}\0`).update(text).digest('hex');
    const file = { size: text.length, sha256: '', check: { kind: 'git-blob-sha1' as const, oid } };
    const hasher = await factory()(file);
    await hasher.update(new Uint8Array(text));
    const digest = await hasher.digest();
    expect(compareDigest(file, digest)).toEqual({ ok: true, expected: `git blob ${oid}`, actual: `git blob ${oid}` });
    expect(digest.sha256).toBe(createHash('sha256').update(text).digest('hex'));
  });
});

it('the worker hasher takes ownership of the chunks it is given', async () => {
  const hasher = await parallelFactory(1024 * 1024)({ size: 1000, check: { kind: 'sha256' } });
  const chunk = new Uint8Array(1000).fill(7);
  await hasher.update(chunk);
  expect(chunk.byteLength).toBe(0);
  expect((await hasher.digest()).sha256).toBe(createHash('sha256').update(Buffer.alloc(1000, 7)).digest('hex'));
});
