/**
 * The one way text becomes comparable words, for prompts and file names alike: lower case,
 * accents removed ("café" -> "cafe"), split on anything that is not a letter or digit.
 * Midjourney writes file names the same way (lower case, underscores for everything else).
 */
export function toWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}
