/**
 * Nothing the user makes is lost or misfiled (issue 9): each reviewer's reproduction, as a user
 * would act, with the stored records checked after each step.
 */
import type { Page } from '@playwright/test';
import { analyze, chooseImages, enterSref, exportAs, goToStep, openApp, useCloud } from './support/app';
import { installStorageFullSwitch, integrityProblems, readStorage, setStorageFull } from './support/project-storage';
import { reply } from './fixtures/claude-server';
import { expect, styleImages, test, TEST_API_KEY } from './support/test';
import { EXAMPLE_SREF } from '../src/domain/example-spec';

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
  await openApp(page);
  await newProjectWithImages(page, 'Shared', '2222222222');
  const other = await context.newPage();
  await openApp(other);
  await openProjectNamed(other, 'Shared');

  // An edit in one tab shows in the other (nothing unsaved there).
  await goToStep(page, '1. Images');
  await enterSref(page, '3333333333');
  await goToStep(other, '1. Images');
  await expect(other.getByLabel('Style reference (--sref)')).toHaveValue('3333333333');
  // Both tabs settled (each has saved where it stands, and reloaded the other's save) before the race below.
  const storedRevision = async () => (await readStorage(page)).projects.find((project) => project.name === 'Shared')!.revision;
  await expect
    .poll(async () => {
      const first = await storedRevision();
      await new Promise((resolve) => setTimeout(resolve, 700));
      return (await storedRevision()) === first;
    })
    .toBe(true);

  // Both tabs edit before either saves: the later save is refused and the user chooses.
  await page.clock.install();
  await other.clock.install();
  await enterSref(page, '4444444444');
  await enterSref(other, '5555555555');
  await page.clock.runFor(1_000);
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  await other.clock.runFor(1_000);
  await expect(other.getByText('This project was changed in another tab.')).toBeVisible();
  await other.getByRole('button', { name: 'Keep this tab\'s copy as a new project' }).click();
  await expect(other.getByLabel('Project name')).toHaveValue('Shared (copy)');
  await expect(other.getByLabel('Style reference (--sref)')).toHaveValue('5555555555');
  await expect(other.getByRole('list', { name: 'Style images' }).getByRole('listitem')).toHaveCount(3);

  // Tab 2 goes back to the original; tab 1 deletes it; tab 2's edits never bring it back.
  await openProjectNamed(other, 'Shared');
  await openProjects(page);
  await page.getByRole('button', { name: 'Delete Shared', exact: true }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
  await expect(other.getByText('This project was deleted in another tab.')).toBeVisible();
  await goToStep(other, '1. Images');
  await enterSref(other, '6666666666');
  await other.clock.runFor(5_000);
  await other.reload();
  const stored = await readStorage(page);
  expect(stored.projects.map((project) => project.name).sort()).toEqual(['Shared (copy)']);
  expect(stored.projects[0]?.srefCode).toBe('5555555555');
  expect(integrityProblems(stored)).toEqual([]);
});

test('another tab moving to another step never stops this tab\'s unsaved edits', async ({ page, context }) => {
  await openApp(page);
  await newProjectWithImages(page, 'Steps', '2222222222');
  const other = await context.newPage();
  await openApp(other);
  await openProjectNamed(other, 'Steps');
  await goToStep(page, '1. Images');
  const revision = async () => (await readStorage(page)).projects.find((project) => project.name === 'Steps')!.revision;
  const before = await revision();

  await page.clock.install(); // this tab's edit stays unsaved until the test lets its clock run
  await enterSref(page, '7777777777');
  await goToStep(other, '2. Analysis'); // the other tab saves where it stands
  await expect.poll(revision).toBe(before + 1);
  await page.clock.runFor(1_000);
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  await expect(page.getByText('This project was changed in another tab.')).toHaveCount(0);
  expect((await readStorage(page)).projects.find((project) => project.name === 'Steps')?.srefCode).toBe('7777777777');
});

test('a change that cannot be saved is shown, retried, and never dropped by switching project', async ({ page }) => {
  await installStorageFullSwitch(page);
  // Fake timers: the automatic retries wait for the test, so the user's Retry is the one that saves.
  await page.clock.install();
  await openApp(page);
  await newProjectWithImages(page, 'Unsaved work', '7777777777');
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

  // Room again: Retry saves it (unless a save on leaving the page beat it to it), and switching goes ahead.
  await setStorageFull(page, false);
  await page.getByRole('button', { name: 'Retry' }).click({ timeout: 5_000 }).catch(() => undefined);
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  await openProjects(page);
  await page.getByRole('button', { name: 'New project' }).click();
  await expect(page.getByLabel('Project name')).toHaveValue('Untitled project');
  expect((await readStorage(page)).projects.find((project) => project.name === 'Unsaved work')?.srefCode).toBe('8888888888');
});

test('switching while unsaved can discard the changes on purpose', async ({ page }) => {
  await installStorageFullSwitch(page);
  // Fake timers: the test can show that no retry of the discarded change is left waiting.
  await page.clock.install();
  await openApp(page);
  await newProjectWithImages(page, 'Drop me', '1313131313');
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
