import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { headersForPath, metaPolicyFrom, parseHeadersFile } from './headers-file.mjs';

const directives = (policy: string) => new Map(policy.split(';').map((directive) => directive.trim().split(/\s+/)).map(([name, ...sources]) => [name!, sources]));

describe('the _headers format', () => {
  const rules = parseHeadersFile(['# comment', '/*', '  X-One: a', '  X-Shared: all', '', '/assets/*', '  X-Shared: assets', '/users/:id/profile', '  X-User: yes', '/exact.html', '  X-Exact: 1: with colon'].join('\n'));

  it.each([
    ['/', { 'X-One': 'a', 'X-Shared': 'all' }],
    ['/assets/app-1.js', { 'X-One': 'a', 'X-Shared': 'all, assets' }],
    ['/assets/deep/er.wasm', { 'X-One': 'a', 'X-Shared': 'all, assets' }],
    ['/assetsX', { 'X-One': 'a', 'X-Shared': 'all' }],
    ['/users/7/profile', { 'X-One': 'a', 'X-Shared': 'all', 'X-User': 'yes' }],
    ['/users/7/8/profile', { 'X-One': 'a', 'X-Shared': 'all' }],
    ['/exact.html', { 'X-One': 'a', 'X-Shared': 'all', 'X-Exact': '1: with colon' }],
    ['/exactxhtml', { 'X-One': 'a', 'X-Shared': 'all' }],
  ])('%s', (path, expected) => {
    expect(Object.fromEntries(headersForPath(rules, path))).toEqual(expected);
  });

  it('refuses a header line outside a rule', () => {
    expect(() => parseHeadersFile('  X-Orphan: 1')).toThrow(/_headers line 1/);
  });

  it('drops from a meta policy what a meta element cannot carry', () => {
    expect(metaPolicyFrom("default-src 'self'; frame-ancestors 'none'; report-uri /r; sandbox; img-src data:;")).toBe("default-src 'self'; img-src data:");
  });
});

describe('public/_headers', () => {
  const rules = parseHeadersFile(readFileSync('public/_headers', 'utf8'));
  const policy = directives(headersForPath(rules, '/index.html').get('Content-Security-Policy') ?? '');

  it('sets one policy for every path, workers included', () => {
    for (const path of ['/', '/index.html', '/sw.js', '/assets/inference.worker-x.js', '/assets/x.wasm']) {
      expect([...headersForPath(rules, path).keys()].filter((name) => name.toLowerCase() === 'content-security-policy')).toHaveLength(1);
    }
  });

  it('never allows code from strings, inline code or blob: scripts', () => {
    for (const directive of ['script-src', 'worker-src', 'style-src', 'default-src']) {
      const sources = policy.get(directive) ?? [];
      expect(sources, directive).not.toContain("'unsafe-eval'");
      expect(sources, directive).not.toContain("'unsafe-inline'");
      expect(sources, directive).not.toContain('blob:');
      expect(sources, directive).not.toContain('data:');
    }
    expect(policy.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('marks only hashed assets immutable', () => {
    expect(headersForPath(rules, '/assets/index-abc.js').get('Cache-Control')).toMatch(/immutable/);
    for (const path of ['/', '/index.html', '/sw.js', '/manifest.webmanifest']) expect(headersForPath(rules, path).get('Cache-Control')).toBeUndefined();
  });
});
