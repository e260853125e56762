/**
 * The benchmark items, in the order they start. The longest (offline-browser) goes first so a
 * smoke run's two lanes finish together; first-paint builds the app before download-throughput
 * serves the same build.
 */
import type { BenchItem } from './bench-item';

export interface ItemEntry {
  name: string;
  /** Issue 6 item numbers the module measures. */
  items: number[];
  /** Runs in Chromium (Debian's, see e2e/support/chromium.ts). */
  browser: boolean;
  load(): Promise<BenchItem>;
}

export const ITEMS: readonly ItemEntry[] = [
  { name: 'offline-browser', browser: true, items: [1, 2, 4], load: () => import('../items/offline-browser') },
  { name: 'first-paint', browser: true, items: [7], load: () => import('../items/first-paint') },
  { name: 'download-throughput', browser: true, items: [3], load: () => import('../items/download-throughput') },
  { name: 'offline-node', browser: false, items: [1, 2], load: () => import('../items/offline-node') },
  { name: 'jump-forward', browser: false, items: [2], load: () => import('../items/jump-forward') },
  { name: 'palette', browser: true, items: [5], load: () => import('../items/palette') },
  { name: 'domain', browser: false, items: [6], load: () => import('../items/domain') },
];

export function findItem(name: string): ItemEntry {
  const entry = ITEMS.find((candidate) => candidate.name === name);
  if (!entry) throw new Error(`Unknown benchmark item "${name}". Known: ${ITEMS.map((item) => item.name).join(', ')}.`);
  return entry;
}
