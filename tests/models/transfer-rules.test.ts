/** Table-driven rules of the transfer pipeline: retry delays, Retry-After, speed/ETA, HTTP ranges, model URLs, status. */
import { describe, expect, it } from 'vitest';
import { createRangeResponse, parseRange } from '../../src/models/http-range';
import { localModelFileUrl, parseModelFileUrl, isLocalModelFileUrl } from '../../src/models/model-url';
import { statusOf, type ModelManifest } from '../../src/models/model-manifest';
import { createRateMeter } from '../../src/models/rate-meter';
import { DEFAULT_RETRY_POLICY, isRetryableStatus, parseRetryAfterMs, retryDelayMs } from '../../src/models/retry-policy';
import { formatEta, formatSpeed } from '../../src/features/models/format-transfer';

describe('retry policy', () => {
  it.each([
    [0, null, 500],
    [1, null, 1000],
    [2, null, 2000],
    [5, null, 8000],
    [0, '3', 3000],
    [2, '1', 2000],
    [0, '3600', 60_000],
  ])('retry %i with Retry-After %s waits %i ms', (retry, retryAfter, expected) => {
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, retry, retryAfter)).toBe(expected);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-11-26T10:00:00Z');
    expect(parseRetryAfterMs('7', now)).toBe(7000);
    expect(parseRetryAfterMs('Thu, 26 Nov 2026 10:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfterMs('soon', now)).toBeUndefined();
    expect(parseRetryAfterMs(null, now)).toBeUndefined();
  });

  it.each([[429, true], [500, true], [503, true], [404, false], [403, false], [416, false]])('status %i retryable: %s', (status, expected) => {
    expect(isRetryableStatus(status)).toBe(expected);
  });
});

describe('rate meter', () => {
  it('averages over its window and estimates time left', () => {
    const meter = createRateMeter(1000);
    for (let at = 0; at <= 2000; at += 100) meter.add(1_000_000, at);
    expect(meter.rate(2000)).toBeCloseTo(10_000_000, -5);
    expect(meter.eta(50_000_000, 2000)).toBeCloseTo(5, 0);
    expect(meter.rate(5000)).toBe(0);
    expect(meter.eta(1, 5000)).toBeUndefined();
    expect(meter.eta(0, 5000)).toBe(0);
  });
});

describe('formatting', () => {
  it.each([[undefined, 'estimating…'], [0.4, 'less than a second left'], [42, '42 s left'], [600, '10 min left'], [7200, '2.0 h left']])('eta %s', (seconds, text) => {
    expect(formatEta(seconds)).toBe(text);
  });
  it('speed', () => {
    expect(formatSpeed(0)).toBe('—');
    expect(formatSpeed(12 * 1024 * 1024)).toBe('12 MB/s');
  });
});

describe('HTTP ranges', () => {
  it.each([
    ['bytes=0-0', [0, 0]],
    ['bytes=10-', [10, 99]],
    ['bytes=90-200', [90, 99]],
    ['bytes=-10', [90, 99]],
    ['bytes=100-', 'unsatisfiable'],
    // Invalid (last-pos before first-pos): ignored, whole body (RFC 9110 sections 14.1.1, 14.2).
    ['bytes=5-2', undefined],
    ['bytes=500-400', undefined],
    ['bytes=150-120', undefined],
    ['bytes=99-99', [99, 99]],
    ['bytes=100-150', 'unsatisfiable'],
    ['bytes=-0', 'unsatisfiable'],
    ['bytes=-150', [0, 99]],
    ['bytes=0-1,5-6', undefined],
    ['items=0-1', undefined],
    [null, undefined],
  ] as const)('%s on 100 bytes', (header, expected) => {
    expect(parseRange(header, 100)).toEqual(expected);
  });

  it('answers 200, 206 and 416', async () => {
    const blob = new Blob([new Uint8Array(100).map((_, index) => index)]);
    const whole = createRangeResponse(blob, null);
    expect([whole.status, whole.headers.get('Content-Length')]).toEqual([200, '100']);
    const part = createRangeResponse(blob, 'bytes=10-12');
    expect([part.status, part.headers.get('Content-Range'), [...new Uint8Array(await part.arrayBuffer())]]).toEqual([206, 'bytes 10-12/100', [10, 11, 12]]);
    const none = createRangeResponse(blob, 'bytes=100-');
    expect([none.status, none.headers.get('Content-Range')]).toEqual([416, 'bytes */100']);
    const invalid = createRangeResponse(blob, 'bytes=50-40');
    expect([invalid.status, invalid.headers.get('Content-Range'), (await invalid.arrayBuffer()).byteLength]).toEqual([200, null, 100]);
  });
});

describe('model file URLs', () => {
  it.each([
    ['https://huggingface.co/onnx-community/Qwen2-VL-2B-Instruct/resolve/main/onnx/decoder_model_merged_q4.onnx', { host: 'https://huggingface.co', repo: 'onnx-community/Qwen2-VL-2B-Instruct', revision: 'main', path: 'onnx/decoder_model_merged_q4.onnx' }],
    ['https://mirror.example/hf/a/b/resolve/v1.0/config.json', { host: 'https://mirror.example/hf', repo: 'a/b', revision: 'v1.0', path: 'config.json' }],
    ['https://huggingface.co/a/b/resolve/refs%2Fpr%2F1/config.json', { host: 'https://huggingface.co', repo: 'a/b', revision: 'refs/pr/1', path: 'config.json' }],
    ['http://app.local/sub/models/http%3A%2F%2F127.0.0.1%3A9000/a/b/resolve/main/onnx/x.onnx', { host: 'http://127.0.0.1:9000', repo: 'a/b', revision: 'main', path: 'onnx/x.onnx' }],
  ])('parses %s', (url, expected) => {
    expect(parseModelFileUrl(url)).toEqual(expected);
  });

  it('refuses what is not a model file URL', () => {
    expect(parseModelFileUrl('/models/a/b/config.json')).toBeUndefined();
    expect(parseModelFileUrl('https://huggingface.co/api/models/a/b')).toBeUndefined();
  });

  it('round-trips local URLs under the app base', () => {
    const address = { host: 'https://huggingface.co', repo: 'a/b', revision: 'main', path: 'onnx/x y.onnx' };
    const url = localModelFileUrl('http://app.local/sub/', address);
    expect(parseModelFileUrl(url)).toEqual(address);
    expect(isLocalModelFileUrl(new URL(url), 'http://app.local/sub/')).toBe(true);
    expect(isLocalModelFileUrl(new URL(url), 'http://app.local/other/')).toBe(false);
  });
});

describe('status', () => {
  const manifest = (state: ModelManifest['state'], done: number): ModelManifest => ({
    key: 'k',
    variantId: 'qwen2-vl-2b',
    host: 'h',
    repo: 'a/b',
    revision: 'main',
    commit: 'c'.repeat(40),
    device: 'wasm',
    dtype: { vision_encoder: 'q4', embed_tokens: 'q4', decoder_model_merged: 'q4' },
    files: [
      { path: 'a', size: 100, sha256: 'x', check: { kind: 'sha256' }, state: 'ready', bytesDone: 100 },
      { path: 'b', size: 300, sha256: 'y', check: { kind: 'sha256' }, state: done === 300 ? 'ready' : 'downloading', bytesDone: done },
    ],
    state,
    createdAt: 0,
    updatedAt: 0,
  });
  it('reports percent, and a stale "downloading" (no lock held) as paused', () => {
    expect(statusOf(undefined, false)).toEqual({ kind: 'not-downloaded' });
    expect(statusOf(manifest('downloading', 100), true)).toEqual({ kind: 'downloading', percent: 50, bytesDone: 200, totalBytes: 400 });
    expect(statusOf(manifest('downloading', 100), false)).toEqual({ kind: 'paused', percent: 50, bytesDone: 200, totalBytes: 400 });
    expect(statusOf(manifest('ready', 300), false)).toEqual({ kind: 'ready', totalBytes: 400 });
  });
});
