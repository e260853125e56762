import { describe, expect, it } from 'vitest';
import { hrefFor, routeFromHash } from './router';

describe('routeFromHash', () => {
  it.each([
    ['', 'workspace'],
    ['#', 'workspace'],
    ['#/', 'workspace'],
    ['#/settings', 'settings'],
    ['#settings', 'settings'],
    ['#/projects?x=1', 'projects'],
    ['#/training/extra', 'training'],
    ['#/nowhere', 'workspace'],
  ] as const)('%s -> %s', (hash, route) => {
    expect(routeFromHash(hash)).toBe(route);
  });

  it('round-trips every route through its href', () => {
    for (const route of ['workspace', 'projects', 'settings', 'training'] as const) {
      expect(routeFromHash(hrefFor(route))).toBe(route);
    }
  });
});
