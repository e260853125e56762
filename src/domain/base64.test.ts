import { describe, expect, it } from 'vitest';
import { Base64Error, decodeBase64, encodeBase64 } from './base64';

const bytesOf = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0));

describe('base64', () => {
  // RFC 4648 section 10 test vectors.
  it.each([
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg=='],
    ['fooba', 'Zm9vYmE='],
    ['foobar', 'Zm9vYmFy'],
  ])('RFC 4648 vector %j <-> %j', (plain, encoded) => {
    expect(encodeBase64(bytesOf(plain))).toBe(encoded);
    expect(decodeBase64(encoded)).toEqual(bytesOf(plain));
  });

  it('uses + and / for the high sextets', () => {
    expect(encodeBase64(new Uint8Array([0xfb, 0xff, 0xbf]))).toBe('+/+/');
    expect(decodeBase64('+/+/')).toEqual(new Uint8Array([0xfb, 0xff, 0xbf]));
  });

  it.each([0, 1, 2, 3, 100, 32_767, 32_768, 98_305, 1_000_001])('round-trips %i pseudo-random bytes and agrees with Node', (length) => {
    let seed = length + 1;
    const bytes = Uint8Array.from({ length }, () => {
      seed = (seed * 1_103_515_245 + 12_345) >>> 0;
      return seed >>> 24;
    });
    const encoded = encodeBase64(bytes);
    expect(encoded).toBe(Buffer.from(bytes).toString('base64'));
    expect(decodeBase64(encoded)).toEqual(bytes);
  });

  it.each([
    ['a length that is not a multiple of 4', 'Zm9', 'Base64 length must be a multiple of 4, got 3.'],
    ['a character outside the alphabet', 'Zm9v!A==', 'Invalid base64 character at position 4.'],
    ['URL-safe characters', 'ab-_', 'Invalid base64 character at position 2.'],
    ['whitespace', 'Zm9v Zm9v', 'Base64 length must be a multiple of 4, got 9.'],
    ['padding in the middle', 'Zg==Zm9v', 'Invalid base64 character at position 2.'],
    ['three padding characters', 'Z===', 'Invalid base64 character at position 1.'],
    ['a non-ASCII character', 'Zm9\u00e9', 'Invalid base64 character at position 3.'],
  ])('rejects %s', (_name, text, message) => {
    expect(() => decodeBase64(text)).toThrow(Base64Error);
    expect(() => decodeBase64(text)).toThrow(message);
  });

  it('encodes and decodes 20 MB in well under the time a user waits for a file', () => {
    const bytes = new Uint8Array(20 * 1024 * 1024);
    for (let index = 0; index < bytes.length; index += 1) bytes[index] = (index * 31) & 255;
    const started = performance.now();
    const encoded = encodeBase64(bytes);
    const decoded = decodeBase64(encoded);
    const elapsed = performance.now() - started;
    console.info(`base64: 20 MB encoded and decoded in ${Math.round(elapsed)} ms`);
    expect(decoded.length).toBe(bytes.length);
    expect(decoded[12_345_678]).toBe(bytes[12_345_678]);
    expect(elapsed).toBeLessThan(5_000);
  });
});
