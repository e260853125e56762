/**
 * Nothing the user makes is lost or misfiled (issue 9): each reviewer's reproduction, as a user
 * would act, with the stored records checked after each step.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { analyze, chooseImages, enterSref, exportAs, goToStep, openApp, useCloud } from './support/app';
import { freezeClock } from './support/frozen-clock';
import { installStorageFullSwitch, integrityProblems, readStorage, setStorageFull } from './support/project-storage';
import { reply } from './fixtures/claude-server';
import { expect, styleImages, test, TEST_API_KEY } from './support/test';
import { EXAMPLE_SREF } from '../src/domain/example-spec';

async function storedRevision(page: Page, name: string): Promise<number> {
  return (await readStorage(page)).projects.find((project) => project.name === name)!.revision;
}

/** Waits until the tabs have settled (each saved where it stands and reloaded the others' saves): the revision holds for 700 ms. */
async function settled(page: Page, name: string): Promise<number> {
  let revision = 0;
  await expect
    .poll(async () => {
      revision = await storedRevision(page, name);
      await new Promise((resolve) => setTimeout(resolve, 700));
      return (await storedRevision(page, name)) === revision;
    })
    .toBe(true);
  return revision;
}

/** A new project with images in `page`, opened in a second tab of the same context too; returns that tab. */
async function openInTwoTabs(page: Page, context: BrowserContext, name: string): Promise<Page> {
  await openApp(page);
  await newProjectWithImages(page, name, '2222222222');
  const other = await context.newPage();
  await openApp(other);
  await openProjectNamed(other, name);
  return other;
}

async function openProjects(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Projects' }).click();
  await expect(page.getByRole('heading', { name: 'Projects' })).toBeVisible();
}

async function newProjectWithImages(page: Page, name: string, sref: string, images = 3): Promise<void> {
  await openProjects(page);
  await page.getByRole('button', { name: 'New project' }).click();
  await goToStep(page, '1. Images');
  const nameField = page.getByLabel('Project name');
  await nameField.fill(name);
  await nameField.press('Enter');
  await enterSref(page, sref);
  await chooseImages(page, styleImages(images));
  await expect(page.getByRole('list', { name: 'Style images' }).getByRole('listitem')).toHaveCount(images);
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
}

async function openProjectNamed(page: Page, name: string): Promise<void> {
  await openProjects(page);
  await page.getByRole('button', { name: `Open ${name}`, exact: true }).click();
  await expect(page.getByLabel('Project name')).toHaveValue(name);
}

test('an analysis finishing after the user opened another project lands in the project that asked for it', async ({ page, claude }) => {
  await openApp(page);
  await useCloud(page, { apiKey: TEST_API_KEY, endpoint: claude.url });
  await newProjectWithImages(page, 'Coastal posters', '1111111111');
  // Slow enough that the user has surely left the project before it answers, even on a loaded machine.
  claude.enqueue(reply.delay(12_000, reply.spec()));
  await analyze(page);
  await expect(page.getByRole('button', { name: 'Cancel analysis' })).toBeVisible();

  await openProjects(page);
  await page.getByRole('button', { name: 'Open the example project' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Analysis of “Coastal posters” complete' })).toBeVisible({ timeout: 30_000 });
  // The example keeps its own specification...
  await goToStep(page, '2. Analysis');
  await expect(page.getByText('Example specification.')).toBeVisible();
  await goToStep(page, '3. Batches');
  await expect(page.getByLabel('Permutation prompt').first()).toHaveValue(new RegExp(`--sref ${EXAMPLE_SREF}`));

  // ...and the analysed project has its result.
  await openProjectNamed(page, 'Coastal posters');
  await goToStep(page, '3. Batches');
  await expect(page.getByLabel('Permutation prompt').first()).toHaveValue(/--sref 1111111111/);
  const stored = await readStorage(page);
  expect(stored.projects.find((project) => project.name === 'Coastal posters')?.specSref).toBe('1111111111');
  expect(stored.projects.find((project) => project.isExample)?.specSref).toBe(EXAMPLE_SREF);
  expect(integrityProblems(stored)).toEqual([]);
});

test('opening a saved project file makes a copy with its own images; deleting the copy leaves the original whole', async ({ page }) => {
  await openApp(page);
  await openProjects(page);
  await page.getByRole('button', { name: 'Open the example project' }).click();
  await expect(page.getByText('All 8 batches are valid')).toBeVisible();
  await goToStep(page, '4. Export');
  const saved = await exportAs(page, 'Save project file');

  await openProjects(page);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open project file…' }).click();
  await (await chooser).setFiles({ name: saved.name, mimeType: 'application/json', buffer: Buffer.from(saved.text) });
  await expect(page.getByRole('status').filter({ hasText: 'Opened “Example: retro travel posters”' })).toBeVisible();

  const [original, copy] = (await readStorage(page)).projects.sort((a, b) => a.revision - b.revision || a.id.localeCompare(b.id));
  expect(original && copy).toBeTruthy();
  expect(new Set([...original!.imageIds, ...copy!.imageIds]).size).toBe(8);
  expect(integrityProblems(await readStorage(page))).toEqual([]);

  // Delete the copy (the one open now); the original still shows its four images.
  await openProjects(page);
  await page.getByRole('button', { name: 'Delete Example: retro travel posters' }).first().click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'Example: retro travel posters' })).toHaveCount(1);
  await page.getByRole('button', { name: 'Open Example: retro travel posters' }).click();
  await goToStep(page, '1. Images');
  await expect(page.getByRole('list', { name: 'Style images' }).getByRole('listitem')).toHaveCount(4);
  const after = await readStorage(page);
  expect(after.projects).toHaveLength(1);
  expect(after.images).toHaveLength(4);
  expect(integrityProblems(after)).toEqual([]);
});

test('two tabs on one project: a save reloads the other tab, simultaneous edits ask, a deleted project never comes back', async ({ page, context }) => {
  const other = await openInTwoTabs(page, context, 'Shared');

  // An edit in one tab shows in the other (nothing unsaved there).
  await goToStep(page, '1. Images');
  await enterSref(page, '3333333333');
  await goToStep(other, '1. Images');
  await expect(other.getByLabel('Style reference (--sref)')).toHaveValue('3333333333');
  await settled(page, 'Shared');

  // Both tabs edit before either saves (their shared clock stopped), then both saves run at once:
  // one lands, the other is refused, and that tab's user keeps their copy. Nothing is lost.
  await freezeClock(page);
  const tabs = [
    { tab: page, sref: '4444444444' },
    { tab: other, sref: '5555555555' },
  ];
  for (const { tab, sref } of tabs) await enterSref(tab, sref);
  await page.clock.runFor(1_000);
  const conflicts = () => Promise.all(tabs.map(({ tab }) => tab.getByText('This project was changed in another tab.').count()));
  await expect.poll(async () => (await conflicts()).join()).toMatch(/^(1,0|0,1)$/);
  const [pageConflict] = await conflicts();
  const [loser, winner] = pageConflict === 1 ? [tabs[0]!, tabs[1]!] : [tabs[1]!, tabs[0]!];
  await expect(winner.tab.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  expect((await readStorage(page)).projects.find((project) => project.name === 'Shared')?.srefCode).toBe(winner.sref);
  await page.clock.resume();
  await loser.tab.getByRole('button', { name: 'Keep this tab\'s copy as a new project' }).click();
  await expect(loser.tab.getByLabel('Project name')).toHaveValue('Shared (copy)');
  await expect(loser.tab.getByLabel('Style reference (--sref)')).toHaveValue(loser.sref);
  await expect(loser.tab.getByRole('list', { name: 'Style images' }).getByRole('listitem')).toHaveCount(3);

  // The losing tab goes back to the original; the other deletes it; the losing tab's edits never bring it back.
  await openProjectNamed(loser.tab, 'Shared');
  await openProjects(winner.tab);
  await winner.tab.getByRole('button', { name: 'Delete Shared', exact: true }).click();
  await winner.tab.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
  await expect(loser.tab.getByText('This project was deleted in another tab.')).toBeVisible();
  await goToStep(loser.tab, '1. Images');
  await enterSref(loser.tab, '6666666666');
  await loser.tab.clock.runFor(5_000);
  await loser.tab.reload();
  const stored = await readStorage(winner.tab);
  expect(stored.projects.map((project) => project.name).sort()).toEqual(['Shared (copy)']);
  expect(stored.projects[0]?.srefCode).toBe(loser.sref);
  expect(integrityProblems(stored)).toEqual([]);
});

test('another tab moving to another step never stops this tab\'s unsaved edits', async ({ page, context }) => {
  const other = await openInTwoTabs(page, context, 'Steps');
  await goToStep(page, '1. Images');
  const revision = () => storedRevision(page, 'Steps');
  const before = await settled(page, 'Steps');

  // The tabs share one clock, stopped here: the other tab's step save is due at +250 ms; this tab's
  // edit, made at +100 ms, is due at +350 ms, so the step save lands while the edit is unsaved.
  await freezeClock(page);
  await goToStep(other, '2. Analysis');
  await page.clock.runFor(100);
  await enterSref(page, '7777777777');
  await page.clock.runFor(200);
  await expect.poll(revision).toBe(before + 1);
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toHaveCount(0);
  await page.clock.runFor(1_000);
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  await expect(page.getByText('This project was changed in another tab.')).toHaveCount(0);
  expect((await readStorage(page)).projects.find((project) => project.name === 'Steps')).toMatchObject({ srefCode: '7777777777', revision: before + 2 });
});

test('a change that cannot be saved is shown, retried, and never dropped by switching project', async ({ page }) => {
  await installStorageFullSwitch(page);
  await page.clock.install();
  await openApp(page);
  await newProjectWithImages(page, 'Unsaved work', '7777777777');
  // Time stopped: the automatic retries wait for the test, so the user's Retry is the one that saves.
  await freezeClock(page, { installed: true });
  await setStorageFull(page, true);
  await enterSref(page, '8888888888');
  await page.clock.runFor(500);
  await expect(page.getByRole('status').filter({ hasText: 'Not saved: The browser ran out of storage space' })).toBeVisible();

  await openProjects(page);
  await page.getByRole('button', { name: 'New project' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Your latest changes are not saved' });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await goToStep(page, '1. Images');
  await expect(page.getByLabel('Project name')).toHaveValue('Unsaved work');
  await expect(page.getByLabel('Style reference (--sref)')).toHaveValue('8888888888');

  // Room again: Retry saves it, and switching goes ahead.
  await setStorageFull(page, false);
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  await openProjects(page);
  await page.getByRole('button', { name: 'New project' }).click();
  await expect(page.getByLabel('Project name')).toHaveValue('Untitled project');
  expect((await readStorage(page)).projects.find((project) => project.name === 'Unsaved work')?.srefCode).toBe('8888888888');
});

test('switching while unsaved can discard the changes on purpose', async ({ page }) => {
  await installStorageFullSwitch(page);
  await page.clock.install();
  await openApp(page);
  await newProjectWithImages(page, 'Drop me', '1313131313');
  // Time stopped: the test can show that no retry of the discarded change is left waiting.
  await freezeClock(page, { installed: true });
  await setStorageFull(page, true);
  await enterSref(page, '1414141414');
  await page.clock.runFor(500);
  await expect(page.getByRole('status').filter({ hasText: 'Not saved' })).toBeVisible();
  await openProjects(page);
  await page.getByRole('button', { name: 'New project' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Your latest changes are not saved' });
  await dialog.getByRole('button', { name: 'Try saving again' }).click();
  await expect(dialog.getByText('Tried again: still not saved.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Discard changes and continue' }).click();
  await expect(page.getByLabel('Project name')).toHaveValue('Untitled project');
  // With room again, nothing of the discarded change is written later (no retry left running).
  await setStorageFull(page, false);
  await page.clock.runFor(120_000);
  expect((await readStorage(page)).projects.find((project) => project.name === 'Drop me')?.srefCode).toBe('1313131313');
});

test('an edit followed at once by a reload is kept', async ({ page }) => {
  await openApp(page);
  await newProjectWithImages(page, 'Quick edit', '1212121212');
  await enterSref(page, '3434343434');
  await page.reload();
  await goToStep(page, '1. Images');
  await expect(page.getByLabel('Style reference (--sref)')).toHaveValue('3434343434');
  await expect(page.getByLabel('Project name')).toHaveValue('Quick edit');
});
