/**
 * One download per model across tabs: the downloading worker holds a Web Lock named after the
 * key; others see it held and show the progress it broadcasts instead of downloading again.
 */
import type { ModelKey } from './model-manifest';

export function downloadLockName(key: ModelKey): string {
  return `model-download:${key}`;
}

/** Whether any tab of this origin is downloading `key` right now. */
export async function isDownloadRunning(key: ModelKey): Promise<boolean> {
  const locks = globalThis.navigator?.locks;
  if (!locks) return false;
  const snapshot = await locks.query();
  return (snapshot.held ?? []).some((lock) => lock.name === downloadLockName(key));
}

/** Channel on which the downloading tab broadcasts progress and other tabs send pause/cancel. */
export const DOWNLOAD_CHANNEL = 'lora-model-downloads';
