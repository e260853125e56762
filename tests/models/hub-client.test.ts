/** The Hub client against the stand-in: commit pinning, paginated listing, errors, retries. */
import { afterEach, describe, expect, it } from 'vitest';
import { DownloadFailedError, ModelSourceError } from '../../src/errors';
import { buildManifest } from '../../src/models/build-manifest';
import { createHubClient } from '../../src/models/hub-client';
import { createModelTestKit, FAST_RETRY, TEST_REPO, type ModelTestKit } from './support/model-test-kit';

let kit: ModelTestKit;
afterEach(async () => kit?.dispose());

describe('hub client', () => {
  it('resolves the revision to the commit and follows pagination', async () => {
    kit = await createModelTestKit({ treePageSize: 2 });
    const client = createHubClient(`${kit.hub.url}/`);
    const commit = await client.resolveCommit(TEST_REPO, 'main');
    expect(commit).toBe(await kit.hub.commitOf(TEST_REPO));
    const files = await client.listFiles(TEST_REPO, commit);
    expect(files.map((file) => file.path).sort()).toEqual(kit.repoFiles.map((file) => file.path).sort());
    expect(kit.hub.requests.filter((request) => request.kind === 'tree').length).toBe(Math.ceil((files.length + 1) / 2));
    expect(client.fileUrl(TEST_REPO, commit, 'onnx/a b.onnx')).toBe(`${kit.hub.url}/${TEST_REPO}/resolve/${commit}/onnx/a%20b.onnx`);
  });

  it('names a missing repo or revision as a model source problem', async () => {
    kit = await createModelTestKit();
    const client = createHubClient(kit.hub.url);
    await expect(client.resolveCommit('nobody/nothing', 'main')).rejects.toBeInstanceOf(ModelSourceError);
    await expect(client.resolveCommit(TEST_REPO, 'v404')).rejects.toThrow(/was not found on the Hub/);
  });

  it('retries a flaky API and reports an unreachable host', async () => {
    kit = await createModelTestKit();
    let calls = 0;
    const flaky: typeof fetch = async (input, init) => {
      calls += 1;
      return calls < 3 ? new Response('busy', { status: 503 }) : fetch(input, init);
    };
    expect(await createHubClient(kit.hub.url, { fetch: flaky, retry: FAST_RETRY }).resolveCommit(TEST_REPO, 'main')).toMatch(/^[0-9a-f]{40}$/);
    expect(calls).toBe(3);
    await expect(createHubClient('http://127.0.0.1:9', { retry: FAST_RETRY }).resolveCommit(TEST_REPO, 'main')).rejects.toBeInstanceOf(DownloadFailedError);
  });

  it('never fetches from a plain-http host on the network, whoever stored it', async () => {
    let fetched = 0;
    const spy: typeof fetch = async () => {
      fetched += 1;
      return new Response('{}');
    };
    expect(() => createHubClient('http://mirror.example.com', { fetch: spy })).toThrow(ModelSourceError);
    expect(() => createHubClient('http://mirror.example.com')).toThrow(/Use an https:\/\/ address: over plain http:\/\/ the model files would travel unencrypted/);
    expect(fetched).toBe(0);
    expect(createHubClient('https://mirror.example.com/', { fetch: spy }).host).toBe('https://mirror.example.com');
    expect(createHubClient('http://localhost:9000', { fetch: spy }).host).toBe('http://localhost:9000');
  });

  it('refuses a repo with no transformers.js ONNX export', async () => {
    expect(() =>
      buildManifest({
        variantId: 'custom',
        source: { host: 'h', repo: 'a/b', revision: 'main' },
        commit: 'c'.repeat(40),
        device: 'wasm',
        hasShaderF16: false,
        entries: [{ type: 'file', path: 'model.safetensors', size: 10, oid: 'a'.repeat(40), lfs: { oid: 'b'.repeat(64), size: 10 } }],
        now: 0,
      }),
    ).toThrow(ModelSourceError);
  });
});
