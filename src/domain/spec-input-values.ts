/**
 * Single values written in other shapes than ours, for spec-input.ts: numbers written as text
 * ("40", "30%", "1,200 images"), colours written as text ("#1E3A8A", "navy (#1E3A8A)", "#abc"),
 * and {category: share} maps. Anything unreadable is returned as it came, for the schema to report.
 */
import { nameColour } from './palette/colour-names';
import { hexToOklab } from './palette/oklab';

/** A number, or a number written as text with an optional % or trailing unit word ("120 images"). */
export function readNumber(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const match = /^\s*(-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|-?\.\d+)\s*(?:%|[a-z]+)?\s*$/i.exec(value);
  return match ? Number(match[1]!.replace(/,/g, '')) : value;
}

/**
 * A hex code alone ("#1e3a8a", "#abc", "1E3A8A") or a `#` code anywhere in the text ("navy
 * (#1E3A8A)"). Without its `#` a code must be six characters in capitals or with a digit, so a
 * word made of the letters a-f ("facade") is not read as a colour.
 */
const HASHED_HEX = /^\s*#([0-9a-f]{6}|[0-9a-f]{3})\s*$/i;
const UNHASHED_HEX = /^\s*((?=[0-9a-fA-F]*[0-9])[0-9a-fA-F]{6}|[0-9A-F]{6})\s*$/;
const EMBEDDED_HEX = /#([0-9a-f]{6}|[0-9a-f]{3})(?![0-9a-z])/i;
/** What is left around a hex code once it is cut out: brackets, colons, dashes, commas. */
const NAME_PUNCTUATION = /^[\s()[\]:,\-–—=]+|[\s()[\]:,\-–—=]+$/g;

export interface ColourText {
  hex: string;
  /** The name written beside the code, or null when there was none. */
  name: string | null;
}

/** "#1E3A8A", "navy blue (#1e3a8a)", "#fff: white" -> hex in #RRGGBB upper case and any name. */
export function readColourText(text: string): ColourText | null {
  const bare = HASHED_HEX.exec(text) ?? UNHASHED_HEX.exec(text);
  if (bare) return { hex: canonicalHex(bare[1]!), name: null };
  const embedded = EMBEDDED_HEX.exec(text);
  if (!embedded) return null;
  const name = (text.slice(0, embedded.index) + ' ' + text.slice(embedded.index + embedded[0].length)).replace(/\s+/g, ' ').replace(NAME_PUNCTUATION, '');
  return { hex: canonicalHex(embedded[1]!), name: name === '' ? null : name };
}

/** A readable name measured from the colour itself (the same namer as the pixel palette). */
export function nameFromHex(hex: string): string {
  return nameColour(hexToOklab(hex));
}

function canonicalHex(digits: string): string {
  const six = digits.length === 3 ? [...digits].map((digit) => digit + digit).join('') : digits;
  return `#${six.toUpperCase()}`;
}
