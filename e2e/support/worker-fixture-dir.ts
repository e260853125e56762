/**
 * A fixture folder under `.fixtures/` of this Playwright worker's own (its parallel index), so
 * specs running side by side never rewrite files another worker's server is serving. Outside
 * Playwright (the Firefox smoke run) it is the index-0 folder.
 */
import { resolve } from 'node:path';

export function workerFixtureDir(name: string): string {
  return resolve('.fixtures', `${name}-w${process.env.TEST_PARALLEL_INDEX ?? '0'}`);
}
