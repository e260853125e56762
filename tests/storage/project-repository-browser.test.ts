/**
 * The project repository in real Chromium with two tabs on one origin (real IndexedDB, Web Locks
 * and BroadcastChannel): stale writes are refused, deleted projects stay deleted, images belong
 * to one project, and under concurrent writes from both tabs exactly one write per revision wins.
 */
import type { Page } from '@playwright/test';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSeededRandom } from '../../src/domain/palette/seeded-random';
import { bundleForBrowser, openBrowserHarness, type BrowserHarness } from '../cloud/browser-harness';

let harness: BrowserHarness;
let tabs: [Page, Page];

/** What a call in a tab returned: its value, or the named error it threw. */
type Outcome = { ok: true; value: unknown } | { ok: false; kind: string };

beforeAll(async () => {
  const bundle = await bundleForBrowser('tests/storage/support/repository-page.ts', 'RepositoryPage');
  harness = await openBrowserHarness([bundle]);
  const second = await harness.page.context().newPage();
  await second.goto(`${harness.origin}/`);
  tabs = [harness.page, second];
}, 120_000);
afterAll(async () => harness?.close());
beforeEach(async () => {
  await tabs[0].evaluate(() => (globalThis as never as { RepositoryPage: { reset(): Promise<void> } }).RepositoryPage.reset());
});

function call(tab: Page, method: string, ...args: unknown[]): Promise<Outcome> {
  return tab.evaluate(({ method, args }) => (globalThis as never as { RepositoryPage: { call(method: string, args: unknown[]): Promise<Outcome> } }).RepositoryPage.call(method, args), { method, args });
}

function events(tab: Page): Promise<unknown[]> {
  return tab.evaluate(() => (globalThis as never as { RepositoryPage: { events: unknown[] } }).RepositoryPage.events);
}

describe('project repository in two tabs', () => {
  it('refuses a stale save and a save to a deleted project, and tells the other tab', async () => {
    const [a, b] = tabs;
    expect(await call(a, 'createProject', 'p1', 'Posters', 2)).toEqual({ ok: true, value: 1 });
    expect(await call(b, 'saveName', 'p1', 'From B', 1)).toEqual({ ok: true, value: 2 });
    expect(await call(a, 'saveName', 'p1', 'From A (stale)', 1)).toEqual({ ok: false, kind: 'ProjectConflict' });
    await expect.poll(() => events(a)).toContainEqual({ kind: 'saved', projectId: 'p1', revision: 2, contentChanged: true });
    expect(await call(a, 'remove', 'p1')).toMatchObject({ ok: true });
    await expect.poll(() => events(b)).toContainEqual({ kind: 'deleted', projectId: 'p1' });
    expect(await call(b, 'saveName', 'p1', 'Back from the dead', 2)).toEqual({ ok: false, kind: 'ProjectDeleted' });
    expect(await call(b, 'putImage', 'p1', 2, 'late-image')).toEqual({ ok: false, kind: 'ProjectDeleted' });
    expect(await call(a, 'snapshot')).toEqual({ ok: true, value: { projects: [], images: [] } });
  });

  it('never overwrites on create, and keeps two projects holding the same image id apart', async () => {
    const [a, b] = tabs;
    await call(a, 'createProject', 'p1', 'One', 1);
    expect(await call(b, 'createProject', 'p1', 'Impostor', 1)).toMatchObject({ ok: false });
    expect(await call(b, 'putImage', 'p2', 0, 'image-0')).toMatchObject({ ok: true });
    await call(a, 'remove', 'p1');
    // p1's image-0 went with p1; p2's record with the same image id is untouched.
    expect(await call(a, 'snapshot')).toEqual({ ok: true, value: { projects: [], images: ['p2/image-0'] } });
  });

  it('under concurrent writes from both tabs, one write per revision wins and nothing deleted returns', { timeout: 120_000 }, async () => {
    const seed = 20261202;
    const random = createSeededRandom(seed);
    const ids = ['p1', 'p2', 'p3'];
    const truth = new Map<string, number | 'deleted'>();
    for (const id of ids) {
      await call(tabs[0], 'createProject', id, id, 1);
      truth.set(id, 1);
    }
    let wins = 0;
    let refusals = 0;
    for (let round = 0; round < 60; round += 1) {
      const id = ids[Math.floor(random() * ids.length)]!;
      const state = truth.get(id)!;
      if (state === 'deleted') continue;
      if (random() < 0.08) {
        // One tab deletes while the other saves: the save must not bring it back.
        const [deleted, saved] = await Promise.all([call(tabs[0], 'remove', id), call(tabs[1], 'saveName', id, `r${round}`, state)]);
        expect(deleted.ok).toBe(true);
        truth.set(id, 'deleted');
        if (saved.ok) wins += 1;
        else expect(saved).toEqual({ ok: false, kind: 'ProjectDeleted' });
        continue;
      }
      // Both tabs save on the same revision at the same moment.
      const outcomes = await Promise.all(tabs.map((tab, index) => call(tab, 'saveName', id, `round ${round} tab ${index}`, state)));
      const won = outcomes.filter((outcome) => outcome.ok);
      expect(won, `seed ${seed} round ${round}`).toHaveLength(1);
      expect(won[0]).toEqual({ ok: true, value: state + 1 });
      expect(outcomes.find((outcome) => !outcome.ok)).toEqual({ ok: false, kind: 'ProjectConflict' });
      truth.set(id, state + 1);
      wins += 1;
      refusals += 1;
    }
    const stored = (await call(tabs[1], 'revisions')) as { ok: true; value: Record<string, number> };
    const expected = Object.fromEntries([...truth].filter(([, state]) => state !== 'deleted'));
    expect(stored.value).toEqual(expected);
    expect(wins).toBeGreaterThan(20);
    expect(refusals).toBeGreaterThan(20);
  });

  it('upgrades a version-1 database: images move under their owner, affected projects are listed once', async () => {
    const fresh = await (await harness.browser.newContext()).newPage();
    await fresh.goto(`${harness.origin}/`);
    const upgraded = await fresh.evaluate(() => (globalThis as never as { RepositoryPage: { upgradeFromVersion1(): Promise<unknown> } }).RepositoryPage.upgradeFromVersion1());
    expect(upgraded).toEqual({
      images: ['copy/image-0', 'copy/image-1'],
      notice: { foundAt: expect.any(Number), projects: [{ projectId: 'original', projectName: 'Original', missing: 0, ownedElsewhere: 2 }] },
      revisions: { original: 1, copy: 1, healthy: 1 },
    });
    await fresh.context().close();
  });
});
