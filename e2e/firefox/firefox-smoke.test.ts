/**
 * Smoke run in Firefox (Debian's firefox-esr over WebDriver BiDi): the journeys that lean on
 * browser features beyond the DOM, one after the other in one profile, as a user would go:
 * the app loads and its service worker takes control; a Cloud analysis against the Claude
 * stand-in, exported as JSON; a training-set zip; the offline model downloaded, paused and
 * resumed from the Hub stand-in; and one offline analysis on WASM (Firefox has no WebGPU) with
 * the tiny random-weight model.
 */
import { unzipSync } from 'fflate';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PreviewServer } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { reply, startClaudeStandIn, type ClaudeStandIn } from '../fixtures/claude-server';
import { startHubServer, type HubServer } from '../fixtures/hub-server';
import { publishTinyModel, TINY_MODEL_HUB_ROOT } from '../support/tiny-model-repo';
import { generateJobImages } from '../support/training-set-images';
import { paintStyleImage } from '../support/png';
import { TEST_API_KEY, TEST_SREF } from '../support/test-constants';
import { DatasetSpecificationSchema, type DatasetSpecification } from '../../src/domain/schema';
import { validateSpecification } from '../../src/domain/validate';
import { listTrainingJobs } from '../../src/domain/training-set/training-jobs';
import { MODEL_DB_NAME } from '../../src/models/manifest-repository';
import { byRole, chooseFiles, click, fill, goToStep, launchFirefox, openPage, serveBuiltApp, waitForDownload, waitForText, type FirefoxSession } from './firefox-session';

let app: PreviewServer;
let claude: ClaudeStandIn;
let hub: HubServer;
let firefox: FirefoxSession;
let files: string;
let exported: DatasetSpecification;

beforeAll(async () => {
  await publishTinyModel();
  [app, claude, hub, files] = await Promise.all([
    serveBuiltApp(),
    startClaudeStandIn(),
    startHubServer({ root: TINY_MODEL_HUB_ROOT }),
    mkdtemp(join(tmpdir(), 'firefox-files-')),
  ]);
  firefox = await launchFirefox(app.resolvedUrls!.local[0]!);
}, 120_000);

// A failed step leaves a screenshot and the page's text behind, as the Playwright runs do.
afterEach(async ({ task }) => {
  if (task.result?.state !== 'fail' || !firefox) return;
  const base = join('test-results', 'firefox', task.name.replace(/\W+/g, '-'));
  await mkdir(join(base, '..'), { recursive: true });
  await firefox.page.screenshot({ path: `${base}.png`, fullPage: true }).catch(() => undefined);
  await writeFile(`${base}.txt`, await firefox.page.evaluate(() => document.body.innerText).catch(String));
});

afterAll(async () => {
  await firefox?.close();
  await Promise.all([app?.close(), claude?.close(), hub?.close(), files && rm(files, { recursive: true, force: true })]);
});

describe('Firefox', () => {
  it('loads the app, and its service worker takes control after a reload', async () => {
    const { page } = firefox;
    await page.goto(firefox.appUrl);
    await page.locator(byRole('tab', '1. Images')).wait();
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(firefox.appUrl);
    await page.reload();
    await page.locator(byRole('tab', '1. Images')).wait();
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    expect(await page.evaluate(() => 'gpu' in navigator)).toBe(false);
  });

  it('runs a Cloud analysis against the Claude stand-in and exports the spec as JSON', async () => {
    const { page } = firefox;
    await openPage(page, 'Settings');
    await click(page, 'input[name="analysis-mode"][value="cloud"]');
    // A password field has no ARIA role to select it by; its id is the label's `for`.
    await fill(page, '#api-key', TEST_API_KEY);
    await click(page, byRole('button', 'Save key'));
    await waitForText(page, 'API key saved in this browser.');
    await fill(page, byRole('textbox', 'API endpoint'), claude.url);
    await page.keyboard.press('Tab');

    await goToStep(page, '1. Images');
    await fill(page, byRole('textbox', 'Style reference (--sref)'), TEST_SREF);
    const images = await Promise.all([1, 2, 3].map(async (index) => {
      const path = join(files, `style-${index}.png`);
      await writeFile(path, paintStyleImage(index));
      return path;
    }));
    await chooseFiles(page, 'Choose images…', images);
    await waitForText(page, '3 of 10 added.');
    await click(page, byRole('button', 'Continue to analysis'));
    claude.enqueue(reply.spec());
    await click(page, byRole('button', 'Analyse style'));
    // Results first, then on to the batches.
    await click(page, byRole('button', 'Next: batches'));
    await waitForText(page, 'All 8 batches are valid', 60_000);
    expect(claude.requests.filter((request) => request.path === '/v1/messages')).toHaveLength(1);

    await goToStep(page, '4. Export');
    await click(page, byRole('button', 'Download JSON'));
    exported = DatasetSpecificationSchema.parse(JSON.parse(await readFile(await waitForDownload(firefox, /\.json$/), 'utf8')));
    expect(exported.sref_code).toBe(TEST_SREF);
    expect(validateSpecification(exported, { srefCode: TEST_SREF }).errors).toEqual([]);
  });

  it('builds a training set from generated images and exports it as a zip', async () => {
    const { page } = firefox;
    const jobs = listTrainingJobs(exported).jobs.filter((job) => job.batchNumber === 1).slice(0, 4);
    const generated = await Promise.all(generateJobImages(jobs).map(async (image) => {
      const path = join(files, image.name);
      await writeFile(path, image.png);
      return { path, image };
    }));
    await openPage(page, 'Training set');
    await chooseFiles(page, 'Choose images or zip…', generated.map((entry) => entry.path));
    await waitForText(page, 'Added 4 images: 4 matched to jobs.', 60_000);
    await click(page, byRole('button', 'Export zip'));
    const zip = unzipSync(new Uint8Array(await readFile(await waitForDownload(firefox, /\.zip$/, 60_000))));
    const names = Object.keys(zip);
    expect(names.filter((name) => name.endsWith('.png'))).toHaveLength(4);
    const captions = names.filter((name) => name.endsWith('.txt')).map((name) => new TextDecoder().decode(zip[name]));
    expect(captions).toHaveLength(4);
    for (const { image } of generated) expect(captions.some((caption) => caption.includes(image.job.description))).toBe(true);
  });

  it('downloads the offline model, paused and resumed mid-way, and checks every file', async () => {
    const { page } = firefox;
    hub.setFaults({ bytesPerSecond: 2_000_000 });
    await openPage(page, 'Settings');
    const card = byRole('article', 'Qwen2-VL 2B Instruct');
    // The model manager loads with the page; its card shows a status once it has looked at storage.
    await page.locator(`${card} .model-status[data-status="not-downloaded"]`).wait();
    await fill(page, byRole('textbox', 'Hub host'), hub.url);
    await page.keyboard.press('Tab');
    // Leaving the field commits it (its change event); focus has then moved on.
    await page.waitForFunction(() => document.activeElement?.id !== 'hub-host');
    await click(page, `${card} ${byRole('button', 'Download')}`);
    // Pause once the app has recorded an offset inside a file (offsets are checkpointed about once a
    // second, and the fetch worker reads ahead of the writes, so overall progress alone is no sign).
    await page.waitForFunction(
      (dbName: string) =>
        new Promise<boolean>((resolve) => {
          const open = indexedDB.open(dbName);
          open.onerror = () => resolve(false);
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains('manifests')) return resolve(false);
            const all = db.transaction('manifests').objectStore('manifests').getAll();
            all.onsuccess = () => {
              const files = (all.result as { files: { size: number; bytesDone: number }[] }[]).flatMap((manifest) => manifest.files);
              resolve(files.some((file) => file.bytesDone > 0 && file.bytesDone < file.size));
              db.close();
            };
          };
        }),
      { timeout: 60_000, polling: 200 },
      MODEL_DB_NAME,
    );
    await click(page, `${card} ${byRole('button', 'Pause')}`);
    await page.locator('.model-status[data-status="paused"]').wait();
    hub.setFaults({});
    await click(page, `${card} ${byRole('button', 'Resume')}`);
    await page.locator('.model-status[data-status="ready"]').setTimeout(90_000).wait();
    await waitForText(page, 'Downloaded and verified: every file matches its SHA-256.');
    // The resume asked only for the rest of a file it had started.
    const resumed = hub.requests.filter((request) => /^bytes=[1-9]\d*-$/.test(request.range ?? ''));
    expect(resumed.length).toBeGreaterThan(0);
  });

  it('analyses offline on WASM with the tiny model', async () => {
    const { page } = firefox;
    await click(page, 'input[name="analysis-mode"][value="offline"]');
    await goToStep(page, '2. Analysis');
    await click(page, byRole('button', 'Analyse again'));
    // The new results name the device they were made on.
    await waitForText(page, 'wasm', 150_000);
    await click(page, byRole('button', 'Next: batches'));
    await waitForText(page, /All (8|9|10) batches are valid/);
    expect(firefox.pageErrors).toEqual([]);
  });
});
