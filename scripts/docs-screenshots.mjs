#!/usr/bin/env node
/**
 * `npm run docs:screenshots`: retakes the README's screenshots (docs/screenshots/*.png) from the
 * built app with the bundled example project, so they follow the UI instead of ageing. Needs
 * `npm run build` first and Debian's Chromium (as the e2e do). Review the images before
 * committing them.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chromium } from '@playwright/test';

const PORT = 4190;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';
const OUT = 'docs/screenshots';
const VIEWPORT = { width: 1200, height: 900 };

const server = spawn(process.execPath, ['scripts/serve-dist.mjs', '--port', String(PORT)], { stdio: ['ignore', 'pipe', 'inherit'] });
await once(server.stdout, 'data');
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-background-networking', '--no-first-run'] });
try {
  for (const scheme of ['light', 'dark']) {
    const page = await browser.newPage({ viewport: VIEWPORT, colorScheme: scheme, reducedMotion: 'reduce' });
    await page.goto(`http://127.0.0.1:${PORT}/`);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Projects', exact: true }).click();
    await page.getByRole('button', { name: 'Open the example project' }).click();
    await page.getByText('All 8 batches are valid').waitFor();
    // The "ready to work offline" notice would cover part of every picture.
    const offlineReady = page.getByRole('button', { name: 'OK' });
    await offlineReady.click({ timeout: 5_000 }).catch(() => undefined);
    const shots = scheme === 'light' ? { 'batch-editor': '3. Batches', export: '4. Export' } : { 'analysis-dark': '2. Analysis' };
    for (const [name, step] of Object.entries(shots)) {
      await page.getByRole('tab', { name: step }).click();
      await page.getByRole('status').filter({ hasText: /^Saved$/ }).waitFor();
      await page.mouse.move(0, 0);
      await page.screenshot({ path: `${OUT}/${name}.png` });
      console.log(`${OUT}/${name}.png`);
    }
    if (scheme === 'dark') {
      await nav.getByRole('link', { name: 'Settings', exact: true }).click();
      await page.getByRole('heading', { level: 2, name: 'Settings' }).waitFor();
      await page.screenshot({ path: `${OUT}/settings-dark.png` });
      console.log(`${OUT}/settings-dark.png`);
    }
    await page.close();
  }
} finally {
  await browser.close();
  server.kill();
}
