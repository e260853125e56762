/**
 * Limits for unpacking an untrusted zip, checked while it inflates so a zip bomb stops early
 * (a 1.5 MB zip can declare, and inflate to, gigabytes). Images are already compressed, so an
 * archive of images inflates to about its own size: far more than that is a bomb, not a dataset.
 */
import { formatBytes } from '../../errors';

export interface ArchiveLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  /** Inflated bytes per compressed byte read, checked once `ratioGraceBytes` have inflated. */
  maxRatio: number;
  ratioGraceBytes: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntries: 10_000,
  // A 8192 x 8192 RGBA PNG that did not compress at all is 256 MB.
  maxEntryBytes: 256 * 1024 * 1024,
  maxTotalBytes: 4 * 1024 * 1024 * 1024,
  maxRatio: 50,
  // Images do not compress (a PNG is deflated already): over 1 MB, a high ratio is never an image.
  ratioGraceBytes: 1024 * 1024,
};

export interface InflationGuard {
  /** A new entry; its declared size (when the zip gives it) is checked before any byte inflates. */
  entry(name: string, declaredBytes?: number): string | null;
  /** Bytes inflated for an entry so far; returns the reason to stop, or null. */
  inflated(name: string, entryBytes: number, addedBytes: number): string | null;
  /** Compressed bytes read from the archive so far. */
  read(bytes: number): void;
}

export function createInflationGuard(limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): InflationGuard {
  let entries = 0;
  let total = 0;
  let compressed = 0;
  return {
    entry(name, declaredBytes) {
      entries += 1;
      if (entries > limits.maxEntries) return `it holds more than ${limits.maxEntries.toLocaleString('en-US')} files`;
      if (declaredBytes !== undefined && declaredBytes > limits.maxEntryBytes) return `${name} would unpack to ${formatBytes(declaredBytes)}, more than the ${formatBytes(limits.maxEntryBytes)} allowed per file`;
      return null;
    },
    inflated(name, entryBytes, addedBytes) {
      total += addedBytes;
      if (entryBytes > limits.maxEntryBytes) return `${name} unpacks to more than the ${formatBytes(limits.maxEntryBytes)} allowed per file`;
      if (total > limits.maxTotalBytes) return `it unpacks to more than ${formatBytes(limits.maxTotalBytes)} in all`;
      if (total > limits.ratioGraceBytes && total > compressed * limits.maxRatio) {
        return `it unpacks to more than ${limits.maxRatio} times its size (a "zip bomb"), which no archive of images does`;
      }
      return null;
    },
    read(bytes) {
      compressed += bytes;
    },
  };
}
