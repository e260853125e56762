import { describe, expect, it } from 'vitest';
import { createStringLimiter, createTokenBytes } from './string-limits';

/**
 * A small byte-level vocabulary: ASCII pieces stand for themselves, `Ġ` is the space byte, and
 * `Ã` `©` are the two bytes of "é" (C3 A9).
 */
const PIECES = ['{"', 'name', '":"', 'a', 'bc', 'defgh', '"', '","', '"}', 'Ġx', 'xyz"', '"]', 'name":"', 'sub', '":["', 'Ã', '©', 'Ã©', '©"'];
const id = (piece: string) => PIECES.indexOf(piece);

/** Pieces masked after `accepted`, with these limits. */
function masked(limits: Record<string, number>, accepted: string[]): string[] {
  const limiter = createStringLimiter(limits, createTokenBytes(PIECES));
  for (const piece of accepted) limiter.accept(id(piece));
  const logits = new Float32Array(PIECES.length).fill(1);
  limiter.apply(logits);
  return PIECES.filter((_, index) => logits[index] === Number.NEGATIVE_INFINITY);
}

const startingWithQuote = PIECES.filter((piece) => piece.startsWith('"'));

describe('string limits', () => {
  it('decodes byte-level pieces', () => {
    const bytes = createTokenBytes(PIECES).bytes;
    expect([...bytes(id('Ġx'))]).toEqual([0x20, 0x78]);
    expect([...bytes(id('Ã©'))]).toEqual([0xc3, 0xa9]);
  });

  it('does nothing outside strings and inside keys', () => {
    expect(masked({ name: 2 }, [])).toEqual([]);
    expect(masked({ name: 2 }, ['{"'])).toEqual([]);
    expect(masked({ name: 2 }, ['{"', 'name'])).toEqual([]);
  });

  it('masks tokens that would pass the limit (bytes) of the current field', () => {
    // limit 3, 1 byte used: pieces adding 3 or more bytes go.
    expect(masked({ name: 3 }, ['{"', 'name', '":"', 'a'])).toEqual(['name', 'defgh', 'xyz"', 'name":"', 'sub']);
  });

  it('counts only the part of a token before its closing quote', () => {
    // 'xyz"' adds 3 bytes and closes the string: fits with 3 left, not with 2.
    expect(masked({ name: 4 }, ['{"', 'name', '":"', 'a'])).not.toContain('xyz"');
    expect(masked({ name: 3 }, ['{"', 'name', '":"', 'a'])).toContain('xyz"');
  });

  it('at the limit leaves only tokens that start with a quote', () => {
    const left = PIECES.filter((piece) => !masked({ name: 3 }, ['{"', 'name', '":"', 'a', 'bc']).includes(piece));
    expect(left).toEqual(startingWithQuote);
  });

  it('lets a started multi-byte character finish past the limit', () => {
    // limit 2: "a" then the lead byte of "é" use it up, but one more byte stays allowed (the
    // grammar admits only a continuation byte there), alone or before the quote.
    const left = PIECES.filter((piece) => !masked({ name: 2 }, ['{"', 'name', '":"', 'a', 'Ã']).includes(piece));
    expect(left).toContain('©');
    expect(left).toContain('©"');
    expect(left).not.toContain('Ã©');
    expect(left).not.toContain('bc');
    // Once the character is complete, the budget applies again.
    const after = PIECES.filter((piece) => !masked({ name: 2 }, ['{"', 'name', '":"', 'a', 'Ã', '©']).includes(piece));
    expect(after).toEqual(startingWithQuote);
  });

  it('applies an array key to every item and resets per string', () => {
    expect(masked({ sub: 2 }, ['{"', 'sub', '":["', 'bc'])).toHaveLength(PIECES.length - startingWithQuote.length);
    expect(masked({ sub: 2 }, ['{"', 'sub', '":["', 'bc', '","'])).toEqual(['name', 'defgh', 'xyz"', 'name":"', 'sub']);
  });

  it('leaves strings of fields without a limit alone', () => {
    expect(masked({ other: 1 }, ['{"', 'name', '":"', 'defgh'])).toEqual([]);
  });
});
