import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkEndpointUrl, LOOPBACK_HOSTS, type EndpointKind } from './endpoint-url';

const accept = (input: string, url: string, kind: EndpointKind = 'api') => [input, kind, { ok: true, url }] as const;
const refuse = (input: string, message: RegExp, kind: EndpointKind = 'api') => [input, kind, message] as const;

describe('checkEndpointUrl', () => {
  it.each([
    accept('https://api.anthropic.com', 'https://api.anthropic.com'),
    accept('  https://API.Anthropic.com/  ', 'https://api.anthropic.com'),
    accept('https://proxy.example.com:8443/anthropic/', 'https://proxy.example.com:8443/anthropic'),
    accept('https://huggingface.co', 'https://huggingface.co', 'hub'),
    accept('https://hf-mirror.example', 'https://hf-mirror.example', 'hub'),
    accept('https://[2001:db8::1]:8443', 'https://[2001:db8::1]:8443'),
    accept('http://localhost:8787', 'http://localhost:8787'),
    accept('http://LOCALHOST', 'http://localhost'),
    accept('http://127.0.0.1:4010/v1/', 'http://127.0.0.1:4010/v1', 'hub'),
  ])('accepts %s (%s)', (input, kind, expected) => {
    expect(checkEndpointUrl(input, kind)).toEqual(expected);
  });

  it.each([
    refuse('http://api.anthropic.com', /^Use an https:\/\/ address: over plain http:\/\/ your API key and your images would travel unencrypted\./),
    refuse('http://huggingface.co', /the model files would travel unencrypted/, 'hub'),
    refuse('http://192.168.1.20:8080', /only for a server on this computer \(localhost or 127\.0\.0\.1\)/),
    refuse('http://127.0.0.2', /Use an https:\/\/ address/),
    refuse('http://localhost.evil.example', /Use an https:\/\/ address/),
    refuse('http://[::1]:8080', /Write http:\/\/localhost instead of http:\/\/\[::1\]/),
    refuse('ftp://example.com', /^Enter a full URL such as https:\/\/api\.anthropic\.com\.$/),
    refuse('javascript:alert(1)', /^Enter a full URL/),
    refuse('api.anthropic.com', /^Enter a full URL/),
    refuse('', /^Enter a full URL such as https:\/\/huggingface\.co\.$/, 'hub'),
    refuse('https://user:secret@proxy.example.com', /user name and password/),
    refuse('https://proxy.example.com/?key=1', /\?query and #fragment/),
    refuse('https://proxy.example.com/#x', /\?query and #fragment/),
  ])('refuses %s (%s)', (input, kind, message) => {
    const check = checkEndpointUrl(input, kind);
    expect(check.ok).toBe(false);
    expect(check.ok ? '' : check.message).toMatch(message);
  });

  it('accepts exactly the plain-http hosts the Content-Security-Policy lets the page reach', () => {
    const policy = /Content-Security-Policy: (.*)/.exec(readFileSync('public/_headers', 'utf8'))![1]!;
    const connectSrc = policy.split(';').map((directive) => directive.trim().split(/\s+/)).find(([name]) => name === 'connect-src')!;
    const httpSources = connectSrc.filter((source) => source.startsWith('http://'));
    expect(httpSources.sort()).toEqual(LOOPBACK_HOSTS.map((host) => `http://${host}:*`).sort());
    expect(connectSrc).toContain('https:');
  });
});
