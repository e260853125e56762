/**
 * String length limits, enforced while decoding instead of inside the grammar: a bounded string
 * costs xgrammar 1-2 s of compile time each, an unbounded one nothing. A small JSON lexer follows
 * the accepted tokens; inside a value string with a limit, tokens whose in-string part (the
 * bytes before their first `"`) would pass the limit are masked, so at the limit only a closing
 * quote remains.
 *
 * Counted in UTF-8 bytes. A character started within the limit may always be finished: its
 * continuation bytes (up to 3) are allowed past it, or the grammar would be left with no valid
 * token. (xgrammar admits invalid sequences too, e.g. an overlong lead: the tokenizer then writes
 * one U+FFFD per byte, so a byte is never more than one UTF-16 unit: the draft schema allows the
 * limit + 3, see CHARACTER_OVERRUN.)
 */

/** GPT-2 byte-level alphabet: each byte is written as one printable character in the vocab. */
function byteLevelDecoder(): Map<string, number> {
  const printable: number[] = [];
  for (let b = 0x21; b <= 0x7e; b += 1) printable.push(b);
  for (let b = 0xa1; b <= 0xac; b += 1) printable.push(b);
  for (let b = 0xae; b <= 0xff; b += 1) printable.push(b);
  const decoder = new Map<string, number>();
  for (const b of printable) decoder.set(String.fromCharCode(b), b);
  let shifted = 0;
  for (let b = 0; b < 256; b += 1) {
    if (printable.includes(b)) continue;
    decoder.set(String.fromCharCode(256 + shifted), b);
    shifted += 1;
  }
  return decoder;
}

const QUOTE = 0x22;
const MAX_OPEN_LENGTH = 255;

export interface TokenBytes {
  /** The token's bytes (byte-level pieces decoded; special tokens as their text). */
  bytes(tokenId: number): Uint8Array;
  /** Token ids sorted by how many bytes they add to an open string (before their first quote), longest first. */
  idsByOpenLength: Int32Array;
  /** `longerThan[n]`: how many of those ids add more than n bytes (a prefix of `idsByOpenLength`). */
  longerThan: Int32Array;
}

export function createTokenBytes(pieces: readonly string[]): TokenBytes {
  const decoder = byteLevelDecoder();
  const decode = (piece: string) => Uint8Array.from(piece, (char) => decoder.get(char) ?? char.charCodeAt(0) & 0xff);
  const groups: number[][] = Array.from({ length: MAX_OPEN_LENGTH + 1 }, () => []);
  // Byte-level pieces hold one character per byte, and `"` stands for itself: string
  // indexes are byte offsets, no decoding needed for the 151,936-entry table.
  pieces.forEach((piece, id) => {
    if (piece === '') return;
    const quote = piece.indexOf('"');
    groups[Math.min(quote < 0 ? piece.length : quote, MAX_OPEN_LENGTH)]!.push(id);
  });
  const sorted = groups.slice().reverse().flat();
  const longerThan = new Int32Array(MAX_OPEN_LENGTH + 1);
  let count = 0;
  for (let length = MAX_OPEN_LENGTH; length >= 0; length -= 1) {
    longerThan[length] = count;
    count += groups[length]!.length;
  }
  return {
    bytes: (tokenId) => decode(pieces[tokenId] ?? ''),
    idsByOpenLength: Int32Array.from(sorted),
    longerThan,
  };
}

type Container = 'object' | 'array';

export interface StringLimiter {
  /** Advances the lexer over an accepted token. */
  accept(tokenId: number): void;
  /** Masks tokens that would overflow the current string's limit (no-op outside limited strings). */
  apply(logits: Float32Array): void;
}

export function createStringLimiter(limits: Readonly<Record<string, number>>, tokens: TokenBytes): StringLimiter {
  const stack: Container[] = [];
  let expectKey = false;
  let inString = false;
  let stringIsKey = false;
  let stringLength = 0;
  /** Continuation bytes the current UTF-8 character still needs. */
  let pendingContinuation = 0;
  let keyText = '';
  let lastKey = '';

  function feed(byte: number): void {
    if (inString) {
      if (byte === QUOTE) {
        inString = false;
        if (stringIsKey) lastKey = keyText;
        return;
      }
      stringLength += 1;
      if ((byte & 0xc0) === 0x80) pendingContinuation = Math.max(0, pendingContinuation - 1);
      else pendingContinuation = byte >= 0xf0 ? 3 : byte >= 0xe0 ? 2 : byte >= 0xc0 ? 1 : 0;
      if (stringIsKey) keyText += String.fromCharCode(byte);
      return;
    }
    switch (String.fromCharCode(byte)) {
      case '{':
        stack.push('object');
        expectKey = true;
        break;
      case '[':
        stack.push('array');
        break;
      case '}':
      case ']':
        stack.pop();
        break;
      case ':':
        expectKey = false;
        break;
      case ',':
        expectKey = stack.at(-1) === 'object';
        break;
      case '"':
        inString = true;
        stringIsKey = stack.at(-1) === 'object' && expectKey;
        stringLength = 0;
        pendingContinuation = 0;
        keyText = '';
        break;
    }
  }

  return {
    accept(tokenId) {
      for (const byte of tokens.bytes(tokenId)) feed(byte);
    },
    apply(logits) {
      if (!inString || stringIsKey) return;
      const limit = limits[lastKey];
      if (limit === undefined) return;
      const room = Math.min(MAX_OPEN_LENGTH, Math.max(limit - stringLength, pendingContinuation, 0));
      const ids = tokens.idsByOpenLength;
      const end = tokens.longerThan[room]!;
      const width = logits.length;
      for (let i = 0; i < end; i += 1) {
        const id = ids[i]!;
        if (id < width) logits[id] = Number.NEGATIVE_INFINITY;
      }
    },
  };
}
