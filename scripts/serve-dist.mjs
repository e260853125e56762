#!/usr/bin/env node
/**
 * `npm run serve:dist [-- --port 4180 --host 127.0.0.1 --base /lora/ --dir dist]`: serves the
 * built app the way a static host configured with docs/deploy.md does, with the headers of its
 * own `_headers` file (copied from public/ by the build: one source of truth), optionally under
 * a sub-path. Files are re-read on every request (sirv's dev mode), so a rebuild is served as a
 * new deploy would be; ETags let unchanged files revalidate. `_headers` is read once, at start.
 *
 * `--csp-reports` (for the e2e): every policy also gets `report-uri <base>__csp-reports`, where
 * the browser POSTs each violation from any context (page, worker, service worker, from their
 * very first line); GET lists them as JSON, DELETE forgets them. Nothing else changes.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import sirv from 'sirv';
import { headersForPath, parseHeadersFile } from './hosting/headers-file.mjs';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: 'dist' },
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '4180' },
    base: { type: 'string', default: '/' },
    'csp-reports': { type: 'boolean', default: false },
  },
});
const dir = resolve(values.dir);
const base = `/${values.base.replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
const rules = parseHeadersFile(readFileSync(join(dir, '_headers'), 'utf8'));
const serveFile = sirv(dir, { dev: true, etag: true });
const reportPath = `${base}__csp-reports`;
/** @type {unknown[]} */
const reports = [];

/** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
function collectReports(req, res) {
  if (req.method === 'GET') return void res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(reports));
  if (req.method === 'DELETE') return void res.writeHead(204).end(void reports.splice(0));
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    try {
      reports.push(JSON.parse(body));
      res.writeHead(204).end();
    } catch {
      res.writeHead(400).end();
    }
  });
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (values['csp-reports'] && url.pathname === reportPath) return collectReports(req, res);
  if (`${url.pathname}/` === base) {
    res.writeHead(301, { Location: base + url.search }).end();
    return;
  }
  // The host's own files stay private, and nothing outside the sub-path exists.
  const sitePath = url.pathname.startsWith(base) ? `/${url.pathname.slice(base.length)}` : null;
  if (sitePath === null || sitePath === '/_headers') {
    res.writeHead(404).end();
    return;
  }
  for (const [name, value] of headersForPath(rules, sitePath)) {
    const reported = values['csp-reports'] && name.toLowerCase() === 'content-security-policy';
    res.setHeader(name, reported ? `${value}; report-uri ${reportPath}` : value);
  }
  req.url = sitePath + url.search;
  serveFile(req, res, () => res.writeHead(404).end());
});

server.listen(Number(values.port), values.host, () => {
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  console.log(`Serving ${dir} with its _headers at http://${values.host}:${port}${base}`);
});
