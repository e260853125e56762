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
  load(): Promise<BenchItem>;
}

export const ITEMS: readonly ItemEntry[] = [
  { name: 'offline-browser', items: [1, 2, 4], load: () => import('../items/offline-browser') },
  { name: 'first-paint', items: [7], load: () => import('../items/first-paint') },
  { name: 'download-throughput', items: [3], load: () => import('../items/download-throughput') },
  { name: 'offline-node', items: [1, 2], load: () => import('../items/offline-node') },
  { name: 'jump-forward', items: [2], load: () => import('../items/jump-forward') },
  { name: 'palette', items: [5], load: () => import('../items/palette') },
  { name: 'domain', items: [6], load: () => import('../items/domain') },
];

export function findItem(name: string): ItemEntry {
  const entry = ITEMS.find((candidate) => candidate.name === name);
  if (!entry) throw new Error(`Unknown benchmark item "${name}". Known: ${ITEMS.map((item) => item.name).join(', ')}.`);
  return entry;
}
