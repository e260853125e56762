/**
 * Test helper: file names the way Midjourney downloads write them, for unit tests and the e2e
 * journey. `user_a_fox_resting_in_tall_grass_--sref_3141592653_<uuid>_2.png`: prompt lower-cased,
 * every run of other characters an underscore, cut after `truncateAt` characters.
 */
export interface DownloadNameOptions {
  userName?: string;
  /** Characters of the prompt part kept (Midjourney cuts long prompts). */
  truncateAt?: number;
  /** 0-3 for a split grid image, null for an upscale. */
  gridIndex?: number | null;
  /** Seed for the deterministic UUID. */
  seed?: number;
  extension?: string;
}

export function midjourneyDownloadName(prompt: string, options: DownloadNameOptions = {}): string {
  const promptPart = prompt
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, options.truncateAt ?? 200)
    .replace(/_+$/, '');
  const index = options.gridIndex === undefined ? 0 : options.gridIndex;
  const suffix = index === null ? '' : `_${index}`;
  return `${options.userName ?? 'pixelsmith'}_${promptPart}_${fakeUuid(options.seed ?? prompt.length)}${suffix}.${options.extension ?? 'png'}`;
}

/** A well-formed UUID from a seed (not random: tests stay reproducible). */
export function fakeUuid(seed: number): string {
  let state = (seed * 2654435761) >>> 0;
  const hex = Array.from({ length: 32 }, () => {
    state = (state * 1103515245 + 12345) >>> 0;
    return (state >>> 28).toString(16);
  }).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
