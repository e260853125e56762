/**
 * A static file server for the built harness page (127.0.0.1, random port, closed by the test).
 * It sends the app's production Content-Security-Policy (public/_headers) with every file, so
 * the inference worker is proven to load and run under it, on WASM and on WebGPU.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { headersForPath, parseHeadersFile } from '../../scripts/hosting/headers-file.mjs';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

export async function serveStatic(root: string): Promise<StaticServer> {
  const policy = headersForPath(parseHeadersFile(await readFile('public/_headers', 'utf8')), '/').get('Content-Security-Policy');
  if (!policy) throw new Error('public/_headers sets no Content-Security-Policy.');
  const server = createServer(async (req, res) => {
    const requested = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const path = requested.endsWith('/') ? `${requested}index.html` : requested;
    try {
      const body = await readFile(join(root, path));
      res.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream', 'Cache-Control': 'no-store', 'Content-Security-Policy': policy });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
