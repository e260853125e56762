/** The Hub stand-in speaks the Hub's wire format and injects the faults the e2e specs rely on. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { startHubServer, type HubServer } from '../../e2e/fixtures/hub-server';
import { writeFakeModelRepo, fakeQwen2VlLayout } from '../../e2e/support/model-fixtures';

const REPO = 'owner/tiny';
let dir: string;
let hub: HubServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hub-server-'));
  await writeFakeModelRepo(dir, REPO, fakeQwen2VlLayout(0.1));
  hub = await startHubServer({ root: dir, treePageSize: 4 });
});
afterAll(async () => {
  await hub.close();
  await rm(dir, { recursive: true, force: true });
});

const local = (path: string) => readFile(join(dir, ...REPO.split('/'), ...path.split('/')));
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('Hub API', () => {
  it('resolves main to a stable 40-hex commit', async () => {
    const body = (await (await fetch(`${hub.url}/api/models/${REPO}/revision/main`)).json()) as { sha: string; siblings: unknown[] };
    expect(body.sha).toMatch(/^[0-9a-f]{40}$/);
    expect(body.sha).toBe(await hub.commitOf(REPO));
    expect(body.siblings.length).toBe(13);
  });

  it('answers unknown repos and revisions like the Hub', async () => {
    const missing = await fetch(`${hub.url}/api/models/owner/none/revision/main`);
    expect([missing.status, missing.headers.get('X-Error-Code')]).toEqual([404, 'RepoNotFound']);
    const badRev = await fetch(`${hub.url}/api/models/${REPO}/revision/v9`);
    expect([badRev.status, badRev.headers.get('X-Error-Code')]).toEqual([404, 'RevisionNotFound']);
  });

  it('lists the tree recursively with sizes, git oids and LFS sha256, paginated by Link', async () => {
    const entries: { type: string; path: string; size: number; oid: string; lfs?: { oid: string } }[] = [];
    let url: string | undefined = `${hub.url}/api/models/${REPO}/tree/main?recursive=true`;
    let pages = 0;
    while (url) {
      const response: Response = await fetch(url);
      entries.push(...((await response.json()) as typeof entries));
      const link: string | null = response.headers.get('Link');
      url = link ? new URL(/<([^>]+)>/.exec(link)![1]!, hub.url).toString() : undefined;
      pages += 1;
    }
    expect(pages).toBe(4);
    const config = entries.find((entry) => entry.path === 'config.json')!;
    const configBytes = await local('config.json');
    expect(config.lfs).toBeUndefined();
    expect(config.oid).toBe(createHash('sha1').update(`blob ${configBytes.length}\0`).update(configBytes).digest('hex'));
    const decoder = entries.find((entry) => entry.path === 'onnx/decoder_model_merged_q4.onnx')!;
    expect(decoder.lfs?.oid).toBe(sha256(await local('onnx/decoder_model_merged_q4.onnx')));
    expect(entries.some((entry) => entry.type === 'directory' && entry.path === 'onnx')).toBe(true);
  });

  it('lists one folder without recursion', async () => {
    const entries = (await (await fetch(`${hub.url}/api/models/${REPO}/tree/main/onnx`)).json()) as { path: string }[];
    expect(entries.every((entry) => entry.path.startsWith('onnx/'))).toBe(true);
  });
});

describe('resolve and CDN', () => {
  it('redirects LFS files to a CDN on another origin that serves bytes with ETag and Content-Length', async () => {
    const path = 'onnx/embed_tokens_q4.onnx';
    const redirect = await fetch(`${hub.url}/${REPO}/resolve/main/${path}`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    const location = new URL(redirect.headers.get('Location')!);
    expect(location.origin).toBe(hub.cdnUrl);
    expect(location.origin).not.toBe(new URL(hub.url).origin);
    expect(location.pathname).toMatch(/^\/xet-bridge\/owner\/tiny\/[0-9a-f]{64}$/);
    const response = await fetch(`${hub.url}/${REPO}/resolve/main/${path}`);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.equals(await local(path))).toBe(true);
    expect(response.headers.get('ETag')).toBe(`"${sha256(bytes)}"`);
    expect(Number(response.headers.get('Content-Length'))).toBe(bytes.length);
    expect(hub.requests.filter((request) => request.path === path).map((request) => [request.kind, request.status])).toContainEqual(['cdn', 200]);
  });

  it('answers from the CDN with the CORS and caching headers of cas-bridge.xethub.hf.co', async () => {
    const path = 'onnx/decoder_model_merged_q4.onnx_data';
    const response = await fetch(`${hub.url}/${REPO}/resolve/main/${path}`, { headers: { Range: 'bytes=10-19', Origin: 'null' } });
    expect(response.status).toBe(206);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-expose-headers')).toBe('Accept-Ranges, Content-Range, Content-Type, Content-Disposition, ETag, X-Cache');
    expect(response.headers.get('Content-Disposition')).toBe(`inline; filename*=UTF-8''decoder_model_merged_q4.onnx_data; filename="decoder_model_merged_q4.onnx_data";`);
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=31536000');
    await response.arrayBuffer();
    hub.setFaults({ cdnHidesContentRange: true });
    const hidden = await fetch(`${hub.url}/${REPO}/resolve/main/${path}`, { headers: { Range: 'bytes=10-19' } });
    hub.setFaults({});
    expect(hidden.headers.get('access-control-expose-headers')).toBe('Accept-Ranges, Content-Type, Content-Disposition, ETag, X-Cache');
    expect(hidden.headers.get('Content-Range')).toMatch(/^bytes 10-19\//); // sent; only scripts in a browser cannot read it
    await hidden.arrayBuffer();
  });

  it('serves Range requests as 206 and refuses ranges past the end with 416', async () => {
    const path = 'onnx/vision_encoder_q4.onnx';
    const whole = await local(path);
    const partial = await fetch(`${hub.url}/${REPO}/resolve/main/${path}`, { headers: { Range: 'bytes=100-' } });
    expect(partial.status).toBe(206);
    expect(partial.headers.get('Content-Range')).toBe(`bytes 100-${whole.length - 1}/${whole.length}`);
    expect(Buffer.from(await partial.arrayBuffer()).equals(whole.subarray(100))).toBe(true);
    const past = await fetch(`${hub.url}/${REPO}/resolve/main/${path}`, { headers: { Range: `bytes=${whole.length}-` } });
    expect(past.status).toBe(416);
  });

  it('sends CORS headers and answers preflights', async () => {
    const preflight = await fetch(`${hub.url}/${REPO}/resolve/main/config.json`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://app.local', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'range' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('Access-Control-Allow-Headers')).toBe('range');
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBe('*');
  });
});

describe('listing-only repos', () => {
  it('list their recorded files and refuse to serve bytes', async () => {
    const listed = await startHubServer({ root: dir, listedRepos: [{ id: 'owner/listed', files: [{ path: 'config.json', size: 1570, lfs: false }, { path: 'onnx/big.onnx_data', size: 6_170_000_000, lfs: true, sha256: 'e'.repeat(64) }] }] });
    try {
      const entries = (await (await fetch(`${listed.url}/api/models/owner/listed/tree/main?recursive=true`)).json()) as { path: string; size: number; lfs?: { oid: string } }[];
      expect(entries.find((entry) => entry.path === 'onnx/big.onnx_data')).toMatchObject({ size: 6_170_000_000, lfs: { oid: 'e'.repeat(64) } });
      expect((await fetch(`${listed.url}/owner/listed/resolve/main/config.json`)).status).toBe(500);
    } finally {
      await listed.close();
    }
  });
});

describe('faults', () => {
  it('drops the connection after N bytes, then serves normally', async () => {
    const path = 'onnx/decoder_model_merged_q4.onnx_data';
    hub.setFaults({ dropConnection: [{ path, afterBytes: 300_000, times: 1 }] });
    hub.clearRequests();
    await expect(fetch(`${hub.url}/${REPO}/resolve/main/${path}`).then((response) => response.arrayBuffer())).rejects.toThrow();
    const again = await fetch(`${hub.url}/${REPO}/resolve/main/${path}`);
    expect(Buffer.from(await again.arrayBuffer()).equals(await local(path))).toBe(true);
    const cut = hub.requests.find((request) => request.dropped);
    expect(cut?.bytesSent).toBe(300_000);
  });

  it('corrupts one byte in the middle of the file', async () => {
    const path = 'onnx/embed_tokens_q4.onnx';
    hub.setFaults({ corrupt: [{ path, times: 1 }] });
    const bad = Buffer.from(await (await fetch(`${hub.url}/${REPO}/resolve/main/${path}`)).arrayBuffer());
    const good = await local(path);
    const differing = [...bad.keys()].filter((index) => bad[index] !== good[index]);
    expect(differing).toEqual([Math.floor(good.length / 2)]);
    expect(Buffer.from(await (await fetch(`${hub.url}/${REPO}/resolve/main/${path}`)).arrayBuffer()).equals(good)).toBe(true);
  });

  it('answers injected statuses with Retry-After, then recovers', async () => {
    hub.setFaults({ status: [{ path: 'config.json', status: 429, times: 1, retryAfterSeconds: 2 }] });
    const limited = await fetch(`${hub.url}/${REPO}/resolve/main/config.json`);
    expect([limited.status, limited.headers.get('Retry-After')]).toEqual([429, '2']);
    expect((await fetch(`${hub.url}/${REPO}/resolve/main/config.json`)).status).toBe(200);
  });

  it('throttles bodies in slow mode', async () => {
    hub.setFaults({ bytesPerSecond: 1_000_000 });
    const started = Date.now();
    await (await fetch(`${hub.url}/${REPO}/resolve/main/onnx/embed_tokens_q4.onnx`)).arrayBuffer();
    hub.setFaults({});
    expect(Date.now() - started).toBeGreaterThan(150);
  });
});
