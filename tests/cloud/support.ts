/** Shared setup for the cloud tests: real PNG style images, a key, a sref, progress recording. */
import { encodePng } from '../../e2e/support/png';
import type { AnalysisProgress, PreparedImage } from '../../src/analysis/types';

export const TEST_KEY = 'sk-ant-api03-test-secret-0123456789abcdef';
export const TEST_SREF = '2468013579';

/** Small deterministic PNGs (diagonal colour bands), as image-prep would pass them through. */
export function styleImages(count: number, size = 48): PreparedImage[] {
  return Array.from({ length: count }, (_, index) => {
    const rgb = new Uint8Array(size * size * 3);
    for (let y = 0; y < size; y += 1) {
      for (let x = 0; x < size; x += 1) {
        const band = Math.floor((x + y + index * 7) / 8) % 3;
        rgb.set(band === 0 ? [47, 72, 88] : band === 1 ? [246, 174, 45] : [232, 220, 196], (y * size + x) * 3);
      }
    }
    return { name: `style-${index + 1}.png`, mediaType: 'image/png', base64: encodePng(size, size, rgb).toString('base64'), width: size, height: size };
  });
}

export function recordProgress(): { events: AnalysisProgress[]; onProgress: (progress: AnalysisProgress) => void } {
  const events: AnalysisProgress[] = [];
  return { events, onProgress: (progress) => events.push(progress) };
}

/** Awaits a promise expected to reject and returns what it rejected with. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}
