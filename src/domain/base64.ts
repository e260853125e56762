/**
 * Standard base64 (RFC 4648, with padding) in pure TypeScript: the domain may not use
 * atob/btoa (DOM) or Buffer (Node). Table-driven, works on 150 MB inputs: the output string is
 * built in chunks so no call exceeds the engine's argument limit.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const ENCODE = Uint8Array.from(ALPHABET, (char) => char.charCodeAt(0));
const PAD = '='.charCodeAt(0);
/** Indexed by any UTF-16 code unit; 255 marks a character outside the alphabet. */
const DECODE = (() => {
  const table = new Uint8Array(65_536).fill(255);
  for (let index = 0; index < ALPHABET.length; index += 1) table[ALPHABET.charCodeAt(index)] = index;
  return table;
})();
const STRING_CHUNK = 0x8000;

export class Base64Error extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Base64Error';
  }
}

export function encodeBase64(bytes: Uint8Array): string {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  let o = 0;
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const triple = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out[o++] = ENCODE[triple >>> 18] as number;
    out[o++] = ENCODE[(triple >>> 12) & 63] as number;
    out[o++] = ENCODE[(triple >>> 6) & 63] as number;
    out[o++] = ENCODE[triple & 63] as number;
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const triple = ((bytes[i] as number) << 16) | (rest === 2 ? (bytes[i + 1] as number) << 8 : 0);
    out[o++] = ENCODE[triple >>> 18] as number;
    out[o++] = ENCODE[(triple >>> 12) & 63] as number;
    out[o++] = rest === 2 ? (ENCODE[(triple >>> 6) & 63] as number) : PAD;
    out[o++] = PAD;
  }
  return asciiToString(out);
}

/** Strict: no whitespace, padding required, only at the end. Throws Base64Error. */
export function decodeBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new Base64Error(`Base64 length must be a multiple of 4, got ${text.length}.`);
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  const sextet = (index: number): number => {
    const value = DECODE[text.charCodeAt(index)] as number;
    if (value === 255) throw new Base64Error(`Invalid base64 character at position ${index}.`);
    return value;
  };
  let o = 0;
  const fullQuads = padding === 0 ? text.length : text.length - 4;
  for (let i = 0; i < fullQuads; i += 4) {
    const a = DECODE[text.charCodeAt(i)] as number;
    const b = DECODE[text.charCodeAt(i + 1)] as number;
    const c = DECODE[text.charCodeAt(i + 2)] as number;
    const d = DECODE[text.charCodeAt(i + 3)] as number;
    // Valid sextets are below 64, the invalid marker has bit 7 set: one test for all four.
    if ((a | b | c | d) & 0x80) for (let j = i; j < i + 4; j += 1) sextet(j);
    const quad = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = quad >>> 16;
    out[o++] = (quad >>> 8) & 255;
    out[o++] = quad & 255;
  }
  if (padding > 0) {
    const i = text.length - 4;
    const quad = (sextet(i) << 18) | (sextet(i + 1) << 12) | (padding === 1 ? sextet(i + 2) << 6 : 0);
    out[o++] = quad >>> 16;
    if (padding === 1) out[o++] = (quad >>> 8) & 255;
  }
  return out;
}

function asciiToString(codes: Uint8Array): string {
  const pieces: string[] = [];
  // apply() with a plain array is several times faster than with a typed array (or a spread).
  const buffer: number[] = new Array<number>(Math.min(STRING_CHUNK, codes.length));
  for (let start = 0; start < codes.length; start += STRING_CHUNK) {
    const length = Math.min(STRING_CHUNK, codes.length - start);
    if (length < buffer.length) buffer.length = length;
    for (let index = 0; index < length; index += 1) buffer[index] = codes[start + index] as number;
    pieces.push(String.fromCharCode.apply(null, buffer));
  }
  return pieces.join('');
}
