/**
 * Every entry (the page, each worker, the service worker) imports zod-without-eval.ts before
 * anything else, so no schema is built before zod is told not to try `new Function` (which
 * the CSP refuses and reports). A new worker entry that forgets it fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import './zod-without-eval';

const entries = ['src/main.tsx', ...readdirSync('workers').filter((name) => /\.ts$/.test(name) && !name.endsWith('.test.ts')).map((name) => `workers/${name}`)];

describe('zod without eval', () => {
  it('finds the entries', () => {
    expect(entries).toEqual(expect.arrayContaining(['src/main.tsx', 'workers/sw.ts', 'workers/inference.worker.ts']));
  });

  it.each(entries)('%s imports it first', (entry) => {
    const firstImport = /^import\s+(?:[^'"]*from\s+)?['"]([^'"]+)['"]/m.exec(readFileSync(entry, 'utf8'))?.[1];
    expect(firstImport).toMatch(/(^|\/)zod-without-eval$/);
  });

  it('makes zod parse without compiling code', () => {
    expect(z.config().jitless).toBe(true);
  });
});
