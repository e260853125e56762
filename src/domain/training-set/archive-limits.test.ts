import { describe, expect, it } from 'vitest';
import { createInflationGuard, type ArchiveLimits } from './archive-limits';

const MB = 1024 * 1024;
const limits: ArchiveLimits = { maxEntries: 3, maxEntryBytes: 10 * MB, maxTotalBytes: 25 * MB, maxRatio: 50, ratioGraceBytes: 2 * MB };

describe('inflation guard', () => {
  it('accepts an archive of already-compressed images (about 1:1)', () => {
    const guard = createInflationGuard(limits);
    for (const name of ['a.png', 'b.png', 'c.png']) {
      expect(guard.entry(name, 8 * MB)).toBeNull();
      guard.read(8 * MB);
      expect(guard.inflated(name, 8 * MB, 8 * MB)).toBeNull();
    }
  });

  it.each([
    ['too many entries', (guard: ReturnType<typeof createInflationGuard>) => ['a', 'b', 'c', 'd'].map((name) => guard.entry(name)).at(-1), 'more than 3 files'],
    ['a declared size over the per-file limit', (guard: ReturnType<typeof createInflationGuard>) => guard.entry('huge.png', 11 * MB), 'would unpack to 11 MB'],
    ['an entry inflating past the per-file limit', (guard: ReturnType<typeof createInflationGuard>) => (guard.read(11 * MB), guard.inflated('liar.png', 11 * MB, 11 * MB)), 'allowed per file'],
    [
      'the total over its limit',
      (guard: ReturnType<typeof createInflationGuard>) => {
        guard.read(30 * MB);
        guard.inflated('a.png', 9 * MB, 9 * MB);
        guard.inflated('b.png', 9 * MB, 9 * MB);
        return guard.inflated('c.png', 9 * MB, 9 * MB);
      },
      'more than 25 MB in all',
    ],
    ['a zip bomb (40 KB read, 3 MB out)', (guard: ReturnType<typeof createInflationGuard>) => (guard.read(40 * 1024), guard.inflated('bomb.png', 3 * MB, 3 * MB)), 'zip bomb'],
  ])('stops on %s', (_label, run, reason) => {
    expect(run(createInflationGuard(limits))).toContain(reason);
  });

  it('allows a high ratio below the grace size (a small text file compresses well)', () => {
    const guard = createInflationGuard(limits);
    guard.read(1024);
    expect(guard.inflated('notes.txt', MB, MB)).toBeNull();
  });
});
