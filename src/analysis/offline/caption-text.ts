/**
 * Tidies what the model wrote for a caption: the first non-empty line, without surrounding quotes,
 * list markers or a final full stop, whitespace collapsed, cut at a word boundary to fit.
 */
export const MAX_CAPTION_CHARS = 160;

const WRAPPING_QUOTES = /^["'“”‘’`«»]+|["'“”‘’`«»]+$/g;
const LEADING_MARKERS = /^(?:[-*•]\s+|\d+[.)]\s+|caption:\s*)/i;

export function tidyCaption(raw: string, maxChars = MAX_CAPTION_CHARS): string {
  const line = raw.split(/\r?\n/).map((part) => part.trim()).find((part) => part.length > 0) ?? '';
  let text = line.replace(/\s+/g, ' ').replace(LEADING_MARKERS, '').replace(WRAPPING_QUOTES, '').trim();
  text = text.replace(/\.+$/, '').trim();
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars);
  const lastSpace = cut.lastIndexOf(' ');
  // A word boundary unless that would throw away most of the text (one very long "word").
  return (lastSpace > maxChars / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:-]+$/, '');
}
