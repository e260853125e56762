/**
 * Readable colour names: the nearest entry of a compact named-colour table (hue-led match in
 * OKLab), qualified by how much lighter, darker, greyer or more vivid the colour is than that
 * entry ("deep navy", "dusty teal"). Near-neutral colours get a grey scale word with a warm or
 * cool tint ("warm off-white", "cool grey").
 */
import { hexToOklab, toOklch, type Oklab } from './oklab';

const NAMED_COLOURS: ReadonlyArray<readonly [name: string, hex: string]> = [
  ['red', '#D0312D'], ['crimson', '#B0153A'], ['maroon', '#6E1423'], ['burgundy', '#7A1F3D'],
  ['rose', '#E07A93'], ['pink', '#F4A6C0'], ['magenta', '#C2278F'], ['fuchsia', '#D14FD1'],
  ['coral', '#F7786B'], ['salmon', '#F29B85'], ['peach', '#FFC8A2'], ['orange', '#F28C28'],
  ['burnt orange', '#C2561A'], ['rust', '#A4431C'], ['terracotta', '#C8674A'], ['brown', '#7B4A2A'],
  ['chocolate', '#4A2A1C'], ['tan', '#CDA87E'], ['beige', '#E3D5B8'], ['cream', '#F6EBC8'],
  ['ochre', '#C98A2C'], ['mustard', '#CFA118'], ['gold', '#E8B923'], ['yellow', '#F5D90A'],
  ['olive', '#6B6B1E'], ['khaki', '#BDB76B'], ['chartreuse', '#B8D430'], ['lime', '#7FCB3A'],
  ['sage', '#9CAF88'], ['moss', '#5D7A3A'], ['green', '#2E9B45'], ['forest green', '#1F5E2E'],
  ['emerald', '#12946A'], ['mint', '#98E0BE'], ['teal', '#0F7C7C'], ['turquoise', '#30C5C0'],
  ['cyan', '#00D2E0'], ['sky blue', '#87CEEB'], ['powder blue', '#B7D3E6'], ['steel blue', '#4682B4'],
  ['blue', '#2F5FD0'], ['cobalt', '#0047AB'], ['navy', '#16236B'], ['indigo', '#3F2A8C'],
  ['periwinkle', '#9DA5E8'], ['lavender', '#BCA8E0'], ['violet', '#7F4FC9'], ['purple', '#6A2C91'],
  ['plum', '#6E2F5C'], ['mauve', '#B784A7'],
];

interface NamedColour {
  name: string;
  lab: Oklab;
  L: number;
  C: number;
  h: number;
}

const TABLE: NamedColour[] = NAMED_COLOURS.map(([name, hex]) => {
  const lab = hexToOklab(hex);
  return { name, lab, ...toOklch(lab) };
});

/** Below this chroma a colour reads as a grey (possibly tinted). */
const NEUTRAL_CHROMA = 0.03;
/** Below this chroma a grey reads as untinted. */
const TINT_CHROMA = 0.008;
/** Grey words by OKLab lightness, 0.1 apart so a black-to-white ramp of 8 swatches gets 8 names. */
const NEUTRAL_SCALE: ReadonlyArray<readonly [upTo: number, name: string]> = [
  [0.12, 'black'], [0.22, 'off-black'], [0.32, 'charcoal'], [0.42, 'graphite'], [0.52, 'dark grey'],
  [0.62, 'grey'], [0.72, 'silver'], [0.82, 'light grey'], [0.92, 'pale grey'], [0.985, 'off-white'],
];
/** Lightness matters less than hue when choosing the base name; qualifiers carry it instead. */
const LIGHTNESS_WEIGHT = 0.5;
const CHROMA_WEIGHT = 0.6;
const HUE_SCALE = 0.1;

export function nameColour(lab: Oklab): string {
  const { L, C, h } = toOklch(lab);
  if (C < NEUTRAL_CHROMA) return nameNeutral(L, C, h);
  const base = nearestNamed(lab);
  // Darker shades of a colour hold less chroma by nature; only greyer-than-that counts as "muted".
  const expectedChroma = base.C * Math.min(1, L / base.L);
  const chroma = chromaWord(C / expectedChroma, L);
  // A more saturated colour looks brighter; "light" would then suggest a pastel it is not.
  const lightness = chroma === 'vivid' && L > base.L ? '' : lightnessWord(L - base.L, base.L);
  return [lightness, chroma, base.name].filter(Boolean).join(' ');
}

/** Makes repeated names in one palette distinguishable by lightness ("light sage", "dark sage"). */
export function distinguishNames(entries: ReadonlyArray<{ name: string; L: number }>): string[] {
  const names = entries.map((entry) => entry.name);
  const groups = new Map<string, number[]>();
  names.forEach((name, index) => groups.set(name, [...(groups.get(name) ?? []), index]));
  for (const [name, indices] of groups) {
    if (indices.length < 2) continue;
    const byLightness = [...indices].sort((x, y) => (entries[x]?.L ?? 0) - (entries[y]?.L ?? 0));
    const last = byLightness.length - 1;
    byLightness.forEach((index, rank) => {
      if (rank === 0) names[index] = `darker ${name}`;
      else if (rank === last) names[index] = `lighter ${name}`;
      else if (byLightness.length > 3) names[index] = `${name} ${rank}`;
    });
  }
  return names;
}

/**
 * Hue decides the family even for greyish colours (a dark slate is a muted teal, not a muted
 * green): hue difference is measured as if both colours had chroma HUE_SCALE, and lightness and
 * chroma differences count less because the qualifiers describe them.
 */
function nearestNamed(lab: Oklab): NamedColour {
  const colour = toOklch(lab);
  let best = TABLE[0] as NamedColour;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const entry of TABLE) {
    const hueGap = 2 * HUE_SCALE * Math.sin((((colour.h - entry.h) * Math.PI) / 180) / 2);
    const d = ((colour.L - entry.L) * LIGHTNESS_WEIGHT) ** 2 + ((colour.C - entry.C) * CHROMA_WEIGHT) ** 2 + hueGap ** 2;
    if (d < bestDistance) {
      bestDistance = d;
      best = entry;
    }
  }
  return best;
}

function lightnessWord(difference: number, baseLightness: number): string {
  if (difference < -0.18) return 'deep';
  if (difference < -0.09) return baseLightness < 0.45 ? 'deep' : 'dark';
  if (difference > 0.18) return 'pale';
  if (difference > 0.09) return 'light';
  return '';
}

function chromaWord(ratio: number, lightness: number): string {
  if (ratio < 0.6) return lightness < 0.45 ? 'muted' : 'dusty';
  if (ratio > 1.35) return 'vivid';
  return '';
}

function nameNeutral(L: number, C: number, h: number): string {
  const scale = NEUTRAL_SCALE.find(([upTo]) => L < upTo)?.[1] ?? 'white';
  if (C < TINT_CHROMA) return scale;
  // Warm: reds through yellows; cool: cyans through blues. Greens and purples stay untinted.
  if (h < 110 || h >= 345) return `warm ${scale}`;
  if (h >= 180 && h < 290) return `cool ${scale}`;
  return scale;
}
