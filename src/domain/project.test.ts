import { describe, expect, it } from 'vitest';
import { withFreshIds, type Project } from './project';

function project(imageIds: string[]): Project {
  return {
    id: 'p1',
    name: 'Posters',
    createdAt: 1,
    updatedAt: 2,
    srefCode: '123',
    images: imageIds.map((id) => ({ id, name: `${id}.png`, type: 'image/png', size: 10, width: 64, height: 64 })),
    spec: null,
    analysis: null,
    step: 'upload',
    isExample: false,
  };
}

describe('withFreshIds', () => {
  let counter = 0;
  const newId = () => `new-${(counter += 1)}`;

  it('gives the project and every image new ids, keeping images matched to their metadata', () => {
    const original = project(['a', 'b', 'c']);
    const images = original.images.map((meta) => ({ meta, blob: `bytes of ${meta.id}` }));
    const fresh = withFreshIds(original, images, newId);
    const ids = [fresh.project.id, ...fresh.project.images.map((meta) => meta.id)];
    expect(new Set(ids).size).toBe(4);
    expect(ids.some((id) => ['p1', 'a', 'b', 'c'].includes(id))).toBe(false);
    expect(fresh.images.map((image) => image.meta.id)).toEqual(fresh.project.images.map((meta) => meta.id));
    expect(fresh.images.map((image) => image.blob)).toEqual(['bytes of a', 'bytes of b', 'bytes of c']);
    expect(fresh.project.images.map((meta) => meta.name)).toEqual(['a.png', 'b.png', 'c.png']);
  });

  it('leaves the original untouched', () => {
    const original = project(['a']);
    withFreshIds(original, [{ meta: original.images[0]! }], newId);
    expect(original.id).toBe('p1');
    expect(original.images[0]?.id).toBe('a');
  });
});
