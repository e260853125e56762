/**
 * A seeded random soak of two tabs on one app (issue 9): create, rename, edit batches, start and
 * cancel analyses, save and open project files, delete, reload, storage-full moments, with every
 * conflict resolved as a user might. After every step the stored records are checked:
 * - every project's listed images are stored for it (integrityProblems);
 * - a project has a spec only if an analysis of it was started (or it is a copy of one that had
 *   one), and the spec is for its own sref (each project lineage has its own sref);
 * - no deleted project is back;
 * - the last acknowledged ("Saved") name of each project is what is stored.
 * The CI share: 40 actions, or fewer once 60 s have passed (never fewer than 10). SOAK_ACTIONS,
 * SOAK_SECONDS and SOAK_SEED change the run; failures print the seed and the last steps. A long run: SOAK_ACTIONS=300 npx playwright test e2e/two-tab-soak.spec.ts
 */
import type { Page } from '@playwright/test';
import { chooseImages, enterSref, exportAs, goToStep, openApp, useCloud } from './support/app';
import { installStorageFullSwitch, integrityProblems, readStorage, setStorageFull, type StorageSnapshot } from './support/project-storage';
import { reply, type ClaudeStandIn } from './fixtures/claude-server';
import { expect, styleImages, test, TEST_API_KEY } from './support/test';
import { createSeededRandom } from '../src/domain/palette/seeded-random';

const ACTIONS = Number(process.env.SOAK_ACTIONS ?? 40);
/** The CI share is bounded in time (a loaded machine runs fewer actions); a SOAK_ACTIONS run is not, unless SOAK_SECONDS says so. */
const BUDGET_MS = process.env.SOAK_SECONDS ? Number(process.env.SOAK_SECONDS) * 1000 : process.env.SOAK_ACTIONS ? Number.POSITIVE_INFINITY : 60_000;
const MIN_ACTIONS = Math.min(10, ACTIONS);
// A step that cannot happen fails within this, with its place in the sequence, instead of hanging.
test.use({ actionTimeout: 20_000 });
const SEED = Number(process.env.SOAK_SEED ?? 9_2026_12_02);

interface Model {
  /** Project ids deleted by the soak: never to be seen again. */
  deleted: Set<string>;
  /** Project ids that asked for a spec (an analysis started, or a copy of such a project). */
  asked: Set<string>;
  /** Last name acknowledged as saved, per project id. */
  acked: Map<string, string>;
  counter: number;
}

test('two tabs, random actions: nothing lost, nothing misfiled', async ({ context, claude }) => {
  test.setTimeout(60_000 + ACTIONS * 8_000);
  const random = createSeededRandom(SEED);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  await installStorageFullSwitch(context);
  const tabs = [await context.newPage(), await context.newPage()] as const;
  await openApp(tabs[0]);
  await useCloud(tabs[0], { apiKey: TEST_API_KEY, endpoint: claude.url });
  await openApp(tabs[1]);
  const model: Model = { deleted: new Set(), asked: new Set(), acked: new Map(), counter: 0 };
  const steps: string[] = [];
  let checks = 0;

  const check = async (page: Page) => {
    const snapshot = await readStorage(page);
    // Four rules per stored project (images, spec asked for, spec's sref, acknowledged name) plus resurrection.
    checks += snapshot.projects.length * 4 + model.deleted.size;
    const problems = [...integrityProblems(snapshot), ...modelProblems(snapshot, model)];
    expect(problems, `seed ${SEED}, after ${steps.length} steps:\n${steps.slice(-12).join('\n')}`).toEqual([]);
    return snapshot;
  };

  const started = Date.now();
  let actions = 0;
  for (; actions < ACTIONS && (actions < MIN_ACTIONS || Date.now() - started < BUDGET_MS); actions += 1) {
    const tabIndex = random() < 0.5 ? 0 : 1;
    const page = tabs[tabIndex];
    const snapshot = await readStorage(page);
    const live = snapshot.projects.filter((project) => !project.isExample);
    const action: Action = live.length === 0 ? 'create' : pick(ACTION_MIX);
    steps.push(`tab ${tabIndex}: ${action}`);
    await runAction(action, { page, live, model, pick, chance: (p) => random() < p, claude });
    await resolveNotices(page, model, random);
    await check(page);
  }
  // Every tab reloaded: what each shows is what is stored, and the invariants still hold.
  for (const page of tabs) {
    await page.reload();
    await expect(page.getByRole('tab', { name: '1. Images' })).toBeVisible();
  }
  const final = await check(tabs[0]);
  console.log(`soak: seed ${SEED}, ${actions} actions in ${Math.round((Date.now() - started) / 1000)} s, ${checks} invariant checks, 0 violations; ${final.projects.length} projects left, ${model.deleted.size} deleted, ${model.asked.size} analysed or copied`);
});

type Action = 'create' | 'rename' | 'edit' | 'analyse' | 'open' | 'file' | 'delete' | 'reload' | 'full';
/** How often each action comes up (repeats weigh more). */
const ACTION_MIX: readonly Action[] = ['create', 'rename', 'rename', 'edit', 'analyse', 'analyse', 'open', 'open', 'file', 'delete', 'reload', 'full'];

interface ActionContext {
  page: Page;
  live: StorageSnapshot['projects'];
  model: Model;
  pick: <T>(items: readonly T[]) => T;
  chance: (probability: number) => boolean;
  claude: ClaudeStandIn;
}

async function runAction(action: Action, { page, live, model, pick, chance, claude }: ActionContext): Promise<void> {
  switch (action) {
    case 'create': {
      model.counter += 1;
      await openProjects(page);
      await page.getByRole('button', { name: 'New project' }).click();
      if (await unsavedDialog(page)) return;
      await goToStep(page, '1. Images');
      const name = uniqueName(model);
      await rename(page, name, model);
      await enterSref(page, String(1_000_000_000 + model.counter * 7919));
      await chooseImages(page, styleImages(3));
      await expect(page.getByRole('list', { name: 'Style images' }).getByRole('listitem')).toHaveCount(3);
      await acknowledge(page, name, model);
      return;
    }
    case 'rename': {
      if (!(await onProject(page))) return;
      const name = uniqueName(model);
      await rename(page, name, model);
      await acknowledge(page, name, model);
      return;
    }
    case 'edit': {
      if (!(await onProject(page))) return;
      await goToStep(page, '3. Batches');
      const prompt = page.getByLabel('Permutation prompt').first();
      if (!(await prompt.isVisible().catch(() => false))) return;
      await prompt.fill((await prompt.inputValue()).replace('{', '{an edited subject, '));
      return;
    }
    case 'analyse': {
      if (!(await onProject(page))) return;
      await goToStep(page, '2. Analysis');
      const start = page.getByRole('button', { name: /Analyse (style|again)/ });
      if (!(await start.isEnabled().catch(() => false))) return;
      const id = await currentProjectId(page);
      if (id) model.asked.add(id);
      // A slow answer: the user may switch project, reload or cancel while it runs.
      claude.enqueue(reply.delay(1_500, reply.spec()));
      await start.click();
      if (chance(0.3)) await page.getByRole('button', { name: /Cancel (analysis|that analysis)/ }).click().catch(() => undefined);
      return;
    }
    case 'open': {
      const target = pick(live);
      await openProjects(page);
      const open = page.getByRole('button', { name: `Open ${target.name}`, exact: true });
      if ((await open.count()) === 0) return;
      await open.click();
      await unsavedDialog(page);
      return;
    }
    case 'file': {
      if (!(await onProject(page))) return;
      await goToStep(page, '4. Export');
      const save = page.getByRole('button', { name: 'Save project file', exact: true });
      if (!(await save.isVisible().catch(() => false))) return;
      const sourceId = await currentProjectId(page);
      const file = await exportAs(page, 'Save project file');
      await openProjects(page);
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Open project file…' }).click();
      await (await chooser).setFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text) });
      if (await unsavedDialog(page)) return;
      await expect(page.getByRole('tab', { name: '1. Images' })).toBeVisible();
      const copyId = await currentProjectId(page);
      if (copyId && sourceId && model.asked.has(sourceId)) model.asked.add(copyId);
      if (copyId && sourceId) {
        // The copy has the source's name: give it its own, acknowledged.
        await goToStep(page, '1. Images');
        const name = uniqueName(model);
        await rename(page, name, model);
        await acknowledge(page, name, model);
      }
      return;
    }
    case 'delete': {
      const target = pick(live);
      await openProjects(page);
      const remove = page.getByRole('button', { name: `Delete ${target.name}`, exact: true });
      if ((await remove.count()) === 0) return;
      await remove.click();
      await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
      await expect(page.getByRole('button', { name: `Delete ${target.name}`, exact: true })).toHaveCount(0);
      model.deleted.add(target.id);
      model.acked.delete(target.id);
      return;
    }
    case 'reload': {
      await page.reload();
      await expect(page.getByRole('tab', { name: '1. Images' })).toBeVisible();
      return;
    }
    case 'full': {
      if (!(await onProject(page))) return;
      await setStorageFull(page, true);
      const name = uniqueName(model);
      await rename(page, name, model);
      await expect(page.getByRole('status').filter({ hasText: 'Not saved' })).toBeVisible();
      await setStorageFull(page, false);
      const retry = page.getByRole('button', { name: 'Retry' });
      // The automatic retry may already have saved it.
      if (await retry.isVisible().catch(() => false)) await retry.click({ timeout: 2_000 }).catch(() => undefined);
      await acknowledge(page, name, model);
      return;
    }
  }
}

function uniqueName(model: Model): string {
  model.counter += 1;
  return `Soak ${model.counter}`;
}

async function openProjects(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Projects' }).click();
  await expect(page.getByRole('heading', { name: 'Projects' })).toBeVisible();
}

/** On the workspace of a stored project (not a conflict), ready for edits. */
async function onProject(page: Page): Promise<boolean> {
  await goToStep(page, '1. Images');
  if (await page.getByRole('alert').filter({ hasText: 'in another tab' }).isVisible().catch(() => false)) return false;
  return (await page.getByLabel('Project name').inputValue()) !== 'Untitled project';
}

async function rename(page: Page, name: string, _model: Model): Promise<void> {
  await goToStep(page, '1. Images');
  const field = page.getByLabel('Project name');
  await field.fill(name);
  await field.press('Enter');
}

/** Waits for "Saved" after a rename; records the name as acknowledged for the open project. */
async function acknowledge(page: Page, name: string, model: Model): Promise<void> {
  const conflict = page.getByRole('alert').filter({ hasText: 'in another tab' });
  const state = async () => ((await conflict.isVisible().catch(() => false)) ? 'conflict' : ((await page.locator('.save-state').textContent().catch(() => '')) ?? ''));
  await expect.poll(state, { timeout: 30_000, message: `saving “${name}”` }).toMatch(/^(Saved|conflict)$/);
  if ((await state()) !== 'Saved') return;
  const id = await currentProjectId(page);
  if (id && (await page.getByLabel('Project name').inputValue()) === name) model.acked.set(id, name);
}

async function currentProjectId(page: Page): Promise<string | null> {
  return page.evaluate(() => sessionStorage.getItem('lora-current-project-id'));
}

/** Answers the leave dialog by retrying, then discarding; true if one was shown. */
async function unsavedDialog(page: Page): Promise<boolean> {
  const dialog = page.getByRole('alertdialog', { name: 'Your latest changes are not saved' });
  if (!(await dialog.isVisible().catch(() => false))) return false;
  await dialog.getByRole('button', { name: 'Discard changes and continue' }).click();
  return true;
}

/** Conflicts and deletes seen in this tab are resolved as a user would, at random. */
async function resolveNotices(page: Page, model: Model, random: () => number): Promise<void> {
  await goToStep(page, '1. Images').catch(() => undefined);
  const conflict = page.getByRole('alert').filter({ hasText: 'in another tab' });
  if (!(await conflict.isVisible().catch(() => false))) return;
  const sourceId = await currentProjectId(page);
  const keep = conflict.getByRole('button', { name: /Keep this tab's copy as a new project/ });
  if (random() < 0.5) {
    await keep.click();
    await expect(page.getByLabel('Project name')).toHaveValue(/\(copy\)$/);
    const copyId = await currentProjectId(page);
    if (copyId && sourceId && model.asked.has(sourceId)) model.asked.add(copyId);
    const name = uniqueName(model);
    await rename(page, name, model);
    await acknowledge(page, name, model);
  } else {
    await conflict.getByRole('button', { name: /Load the other tab's version|Close it/ }).click();
  }
}

function modelProblems(snapshot: StorageSnapshot, model: Model): string[] {
  const problems: string[] = [];
  for (const project of snapshot.projects) {
    if (model.deleted.has(project.id)) problems.push(`deleted project “${project.name}” is back`);
    if (project.specSref !== null && !project.isExample) {
      if (!model.asked.has(project.id)) problems.push(`“${project.name}” has a spec it never asked for`);
      if (project.specSref !== project.srefCode.trim()) problems.push(`“${project.name}” (sref ${project.srefCode}) holds a spec for sref ${project.specSref}`);
    }
    const acked = model.acked.get(project.id);
    if (acked !== undefined && acked !== project.name) problems.push(`“${acked}” was acknowledged as saved but “${project.name}” is stored`);
  }
  return problems;
}
