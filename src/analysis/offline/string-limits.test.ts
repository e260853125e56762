import { describe, expect, it } from 'vitest';
import { createStringLimiter, createTokenBytes } from './string-limits';

/** A small byte-level vocabulary: ASCII pieces stand for themselves (`Ġ` is the space byte). */
const PIECES = ['{"', 'name', '":"', 'a', 'bc', 'defgh', '"', '","', '"}', 'Ġx', 'xyz"', '"]', 'name":"', 'sub', '":["'];
const id = (piece: string) => PIECES.indexOf(piece);

function run(limits: Record<string, number>, pieces: string[]) {
  const tokens = createTokenBytes(PIECES);
  const limiter = createStringLimiter(limits, tokens);
  for (const piece of pieces) limiter.accept(id(piece));
  const logits = new Float32Array(PIECES.length).fill(1);
  limiter.apply(logits);
  return PIECES.filter((_, index) => logits[index] === Number.NEGATIVE_INFINITY);
}

describe('string limits', () => {
  it('decodes byte-level pieces', () => {
    expect([...createTokenBytes(PIECES).bytes(id('Ġx'))]).toEqual([0x20, 0x78]);
  });

  it('does nothing outside strings and inside keys', () => {
    expect(run({ name: 1 }, [])).toEqual([]);
    expect(run({ name: 1 }, ['{"'])).toEqual([]);
    expect(run({ name: 1 }, ['{"', 'name'])).toEqual([]);
  });

  it('masks tokens that would pass the limit of the current field', () => {
    // "name" value with 1 of 3 characters used: 2 left, so every piece adding 3 or more bytes goes.
    expect(run({ name: 3 }, ['{"', 'name', '":"', 'a'])).toEqual(['name', 'defgh', 'xyz"', 'name":"', 'sub']);
  });

  it('counts only the part before a closing quote', () => {
    // 'xyz"' adds 3 bytes then closes the string: allowed with 3 left, not with 2.
    expect(run({ name: 4 }, ['{"', 'name', '":"', 'a'])).not.toContain('xyz"');
    expect(run({ name: 3 }, ['{"', 'name', '":"', 'a'])).toContain('xyz"');
  });

  it('at the limit leaves only tokens that start with a quote', () => {
    const masked = run({ name: 3 }, ['{"', 'name', '":"', 'a', 'bc']);
    const allowed = PIECES.filter((piece) => !masked.includes(piece));
    expect(allowed.every((piece) => piece.startsWith('"'))).toBe(true);
    expect(allowed).toEqual(['":"', '"', '","', '"}', '"]', '":["']);
  });

  it('applies an array key to every item and resets per string', () => {
    const quoted = PIECES.filter((piece) => piece.startsWith('"'));
    expect(run({ sub: 2 }, ['{"', 'sub', '":["', 'bc'])).toHaveLength(PIECES.length - quoted.length);
    expect(run({ sub: 2 }, ['{"', 'sub', '":["', 'bc', '","'])).toEqual(['name', 'defgh', 'xyz"', 'name":"', 'sub']);
  });

  it('leaves strings of fields without a limit alone', () => {
    expect(run({ other: 1 }, ['{"', 'name', '":"', 'defgh'])).toEqual([]);
  });
});
