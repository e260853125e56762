import { describe, expect, it } from 'vitest';
import { MAX_CAPTION_CHARS, tidyCaption } from './caption-text';

describe('tidyCaption', () => {
  it('keeps the first non-empty line, trimmed, without quotes or final full stop', () => {
    expect(tidyCaption('\n  "A red fox in a snowy forest."  \nSecond line')).toBe('A red fox in a snowy forest');
    expect(tidyCaption('“a lighthouse at dusk”')).toBe('a lighthouse at dusk');
  });

  it('drops list markers and a "Caption:" label and collapses whitespace', () => {
    expect(tidyCaption('- a   cat\ton a sofa')).toBe('a cat on a sofa');
    expect(tidyCaption('1. a harbour')).toBe('a harbour');
    expect(tidyCaption('Caption: two people on a bridge')).toBe('two people on a bridge');
  });

  it('caps the length at a word boundary', () => {
    const long = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    const tidy = tidyCaption(long);
    expect(tidy.length).toBeLessThanOrEqual(MAX_CAPTION_CHARS);
    expect(long.startsWith(tidy)).toBe(true);
    expect(long.charAt(tidy.length)).toBe(' ');
  });

  it('cuts one endless word at the limit', () => {
    expect(tidyCaption('x'.repeat(500), 20)).toBe('x'.repeat(20));
  });

  it('returns an empty string when there is nothing but blanks and quotes', () => {
    expect(tidyCaption(' \n "" \n')).toBe('');
  });
});
