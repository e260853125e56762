import { describe, expect, it } from 'vitest';
import { bytesToBase64 } from './base64';

describe('bytesToBase64', () => {
  it.each([0, 1, 2, 3, 0x8000 - 1, 0x8000, 0x8000 + 1, 5_000_000])('matches Node for %i bytes', (length) => {
    const bytes = new Uint8Array(length);
    for (let index = 0; index < length; index += 1) bytes[index] = (index * 2654435761) >>> 24;
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  });
});
