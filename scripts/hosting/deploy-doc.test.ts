/** docs/deploy.md shows the headers of public/_headers, word for word, in each of its forms. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { headersForPath, parseHeadersFile } from './headers-file.mjs';

const doc = readFileSync('docs/deploy.md', 'utf8');
const headersFile = readFileSync('public/_headers', 'utf8');
const rules = parseHeadersFile(headersFile);
const blocks = (language: string) => [...doc.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((match) => match[1]!);

describe('docs/deploy.md', () => {
  it('quotes the rules of public/_headers', () => {
    const quoted = parseHeadersFile(blocks('text')[0]!);
    expect(quoted).toEqual(rules);
  });

  it('gives nginx the same headers for every file, and the same cache rule for assets', () => {
    const [snippet, server] = blocks('nginx');
    const nginxHeaders = (text: string) => [...text.matchAll(/add_header (\S+) "([^"]*)" always;/g)].map((match) => [match[1], match[2]]);
    expect(nginxHeaders(snippet!)).toEqual([...headersForPath(rules, '/index.html')]);
    const assetsRule = /location \/assets\/ \{([\s\S]*?)\}/.exec(server!)![1]!;
    expect(nginxHeaders(assetsRule)).toEqual([['Cache-Control', headersForPath(rules, '/assets/x.js').get('Cache-Control')]]);
    expect(assetsRule).toContain('include snippets/lora-dataset-generator-headers.conf;');
  });
});
