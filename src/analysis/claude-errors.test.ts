import { describe, expect, it } from 'vitest';
import { redactSecret, retryAfterSeconds } from './claude-errors';

describe('retryAfterSeconds', () => {
  const now = Date.parse('2026-11-26T12:00:00Z');
  it.each<{ headers: Record<string, string>; expected: number | null }>([
    { headers: {}, expected: null },
    { headers: { 'retry-after': '30' }, expected: 30 },
    { headers: { 'retry-after': '1.2' }, expected: 2 },
    { headers: { 'retry-after-ms': '2500', 'retry-after': '30' }, expected: 3 },
    { headers: { 'retry-after': 'Thu, 26 Nov 2026 12:01:30 GMT' }, expected: 90 },
    { headers: { 'retry-after': 'Thu, 26 Nov 2026 11:00:00 GMT' }, expected: 0 },
    { headers: { 'retry-after': 'soon' }, expected: null },
  ])('$headers -> $expected', ({ headers, expected }) => {
    expect(retryAfterSeconds(new Headers(headers), now)).toBe(expected);
  });
});

describe('redactSecret', () => {
  it('removes every occurrence of the key', () => {
    expect(redactSecret('bad key sk-ant-1234 (sk-ant-1234)', 'sk-ant-1234')).toBe('bad key [redacted key] ([redacted key])');
  });
  it('leaves text alone for an empty or trivially short key', () => {
    expect(redactSecret('a b c', '')).toBe('a b c');
    expect(redactSecret('a b c', 'a')).toBe('a b c');
  });
});
