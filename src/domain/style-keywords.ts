/**
 * Words that describe a style. In a prompt run with `--sref`, the style reference carries the
 * style; style words pull against it, so the validator warns about them.
 */

export const DEFAULT_STYLE_KEYWORDS: readonly string[] = [
  'in the style of',
  'style of',
  'art style',
  'watercolor',
  'watercolour',
  'anime',
  'manga',
  'oil painting',
  'acrylic painting',
  'digital art',
  'digital painting',
  'concept art',
  'illustration',
  'illustrated',
  'cartoon',
  'pixel art',
  'vector art',
  'line art',
  'cel shaded',
  'photorealistic',
  'hyperrealistic',
  'realistic',
  'cinematic',
  '3d render',
  'octane render',
  'unreal engine',
  'artstation',
  'studio ghibli',
  'impressionist',
  'impressionism',
  'art nouveau',
  'art deco',
  'ukiyo-e',
  'pencil sketch',
  'charcoal drawing',
];

/**
 * A finder for the given keywords (case-insensitive, whole words), compiled once into one
 * regular expression so checking thousands of prompts stays fast. Returns each keyword found
 * once, lower-cased, in order of first appearance.
 */
export function createStyleKeywordFinder(keywords: readonly string[]): (text: string) => string[] {
  const cleaned = [...new Set(keywords.map((keyword) => keyword.trim().toLowerCase()).filter(Boolean))]
    // Longest first so "oil painting" wins over a shorter overlapping keyword.
    .sort((a, b) => b.length - a.length);
  if (cleaned.length === 0) return () => [];
  const alternatives = cleaned.map((keyword) => keyword.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'));
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  return (text) => {
    const found = new Set<string>();
    for (const match of text.matchAll(pattern)) found.add(match[0].toLowerCase().replace(/\s+/g, ' '));
    return [...found];
  };
}
