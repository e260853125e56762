import { describe, expect, it } from 'vitest';
import { findIntegrityProblems } from './integrity-notice';

const listing = (id: string, imageIds: string[]) => ({ id, name: `Project ${id}`, images: imageIds.map((imageId) => ({ id: imageId })) as never });

describe('findIntegrityProblems (storage version 1 -> 2)', () => {
  it('names projects whose images are gone or were taken by a copy, and only those', () => {
    // The version-1 bug: the copy opened from a file re-used the original's image ids and took the records.
    const projects = [listing('original', ['i1', 'i2']), listing('copy', ['i1', 'i2']), listing('fine', ['i3']), listing('damaged', ['i4', 'i5'])];
    const images = [
      { id: 'i1', projectId: 'copy' },
      { id: 'i2', projectId: 'copy' },
      { id: 'i3', projectId: 'fine' },
      { id: 'i4', projectId: 'damaged' },
    ];
    expect(findIntegrityProblems(projects, images)).toEqual([
      { projectId: 'original', projectName: 'Project original', missing: 0, ownedElsewhere: 2 },
      { projectId: 'damaged', projectName: 'Project damaged', missing: 1, ownedElsewhere: 0 },
    ]);
  });

  it('finds nothing in healthy storage', () => {
    expect(findIntegrityProblems([listing('a', ['x'])], [{ id: 'x', projectId: 'a' }])).toEqual([]);
  });
});
