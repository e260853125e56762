/**
 * Puts the Content-Security-Policy of public/_headers into the built index.html as a <meta>
 * element, for hosts that cannot send headers (GitHub Pages, a plain file share). The meta
 * policy is the header policy less what a meta element cannot carry (frame-ancestors), so the
 * two never disagree. Build only: the dev server injects <style> elements that style-src 'self'
 * would refuse.
 */
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { headersForPath, metaPolicyFrom, parseHeadersFile } from './headers-file.mjs';

export function headerPolicy(headersFile: string, path = '/index.html'): string {
  const headers = headersForPath(parseHeadersFile(readFileSync(headersFile, 'utf8')), path);
  const policy = [...headers].find(([name]) => name.toLowerCase() === 'content-security-policy')?.[1];
  if (!policy) throw new Error(`${headersFile} sets no Content-Security-Policy for ${path}.`);
  return policy;
}

const CHARSET = /<meta charset="[^"]*"\s*\/?>/i;

/** Right after <meta charset> (which must come first), before any script or style is parsed. */
export function metaContentSecurityPolicy(headersFile: string): Plugin {
  return {
    name: 'meta-content-security-policy',
    apply: 'build',
    transformIndexHtml(html) {
      if (!CHARSET.test(html)) throw new Error('index.html needs a <meta charset> first in <head> to place the CSP after it.');
      const content = metaPolicyFrom(headerPolicy(headersFile)).replace(/&/g, '&amp;').replace(/"/g, '&quot;');
      return html.replace(CHARSET, (charset) => `${charset}\n    <meta http-equiv="Content-Security-Policy" content="${content}" />`);
    },
  };
}
