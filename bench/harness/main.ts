/**
 * The orchestrator behind `npm run bench`: runs each item in its own process, prints the table,
 * writes bench/results.json, and exits non-zero only when the harness broke.
 */
import { spawn, execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromiumPath } from '../../e2e/support/chromium';
import type { BenchReport, ItemOutcome } from './figure';
import { repoRoot } from './item-process';
import { ITEMS, findItem, type ItemEntry } from './item-registry';
import { formatReportTable } from './report-table';

export interface BenchOptions {
  smoke: boolean;
  items: readonly ItemEntry[];
}

/**
 * A hung item (a browser that never answers) must not hang CI. Full runs get room for a
 * machine shared by several builds: items ran up to 10x slower than on a quiet machine (a full
 * palette or download item took 8-12 minutes at load average 15 on 2 cores).
 */
const ITEM_TIMEOUT_MS = { smoke: 3 * 60_000, full: 30 * 60_000 };
/**
 * Full runs measure one item at a time. Smoke runs only prove the harness works, and their
 * numbers are not read, so two items run at once to keep CI short.
 */
const CONCURRENCY = { smoke: 2, full: 1 };

/** Runs `work` over `entries`, at most `concurrency` at a time, keeping their order in the result. */
export async function runPool<Entry, Result>(entries: readonly Entry[], concurrency: number, work: (entry: Entry) => Promise<Result>): Promise<Result[]> {
  const results = new Array<Result>(entries.length);
  let next = 0;
  const lane = async () => {
    while (next < entries.length) {
      const index = next;
      next += 1;
      results[index] = await work(entries[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, entries.length)) }, lane));
  return results;
}

export function parseBenchOptions(argv: readonly string[], env: Record<string, string | undefined>): BenchOptions {
  let smoke = env.BENCH_SMOKE !== undefined && env.BENCH_SMOKE !== '' && env.BENCH_SMOKE !== '0';
  let items: readonly ItemEntry[] = ITEMS;
  for (const arg of argv) {
    if (arg === '--smoke') smoke = true;
    else if (arg.startsWith('--only=')) items = arg.slice('--only='.length).split(',').map((name) => findItem(name.trim()));
    else throw new Error(`Unknown argument "${arg}". Use --smoke and/or --only=<item,...>.`);
  }
  return { smoke, items };
}

async function runInChildProcess(entry: ItemEntry, smoke: boolean, runId: string): Promise<ItemOutcome> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'bench-item-'));
  const outcomeFile = path.join(folder, 'outcome.json');
  const started = performance.now();
  try {
    // Own process group, so a timeout also ends the browsers and servers the item started.
    const child = spawn(process.execPath, ['bench/run-item.mjs', entry.name, outcomeFile, ...(smoke ? ['--smoke'] : [])], {
      cwd: repoRoot,
      env: { ...process.env, BENCH_RUN_ID: runId },
      stdio: ['ignore', 2, 2],
      detached: true,
    });
    const timeoutMs = smoke ? ITEM_TIMEOUT_MS.smoke : ITEM_TIMEOUT_MS.full;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    }, timeoutMs);
    const exitCode = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    clearTimeout(timer);
    try {
      return JSON.parse(await readFile(outcomeFile, 'utf8')) as ItemOutcome;
    } catch {
      const error = timedOut ? `timed out after ${timeoutMs / 1000} s` : `the item process exited with code ${exitCode} before writing its outcome`;
      return { name: entry.name, items: entry.items, status: 'failed', seconds: (performance.now() - started) / 1000, figures: [], error };
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

async function chromiumVersion(): Promise<string | undefined> {
  try {
    const { stdout } = await promisify(execFile)(chromiumPath, ['--version']);
    return stdout.trim();
  } catch {
    return undefined;
  }
}

/**
 * What to tell the user when items that need Chromium are asked for and it is not there (null:
 * nothing missing). Without this check a browser item waits for its page until the item timeout.
 */
export function missingBrowserMessage(items: readonly ItemEntry[], chromiumVersion: string | undefined): string | null {
  const needBrowser = items.filter((entry) => entry.browser).map((entry) => entry.name);
  if (chromiumVersion || needBrowser.length === 0) return null;
  return `Chromium was not found at ${chromiumPath}; it is needed by ${needBrowser.join(', ')}. Install it (apt-get install chromium) or set CHROMIUM_PATH.`;
}

export async function main(argv: readonly string[], env: Record<string, string | undefined>): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseBenchOptions(argv, env);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const chromium = await chromiumVersion();
  const missing = missingBrowserMessage(options.items, chromium);
  if (missing) {
    process.stderr.write(`${missing}\n`);
    return 2;
  }
  const runId = `${Date.now()}-${process.pid}`;
  const outcomes = await runPool(options.items, options.smoke ? CONCURRENCY.smoke : CONCURRENCY.full, async (entry) => {
    process.stderr.write(`\n== ${entry.name} (item ${entry.items.join(', ')})${options.smoke ? ' [smoke]' : ''}\n`);
    const outcome = await runInChildProcess(entry, options.smoke, runId);
    process.stderr.write(`== ${entry.name}: ${outcome.status} in ${outcome.seconds.toFixed(1)} s\n`);
    return outcome;
  });
  const report: BenchReport = {
    generatedAt: new Date().toISOString(),
    mode: options.smoke ? 'smoke' : 'full',
    machine: { platform: `${os.platform()} ${os.arch()}`, cpus: os.cpus().length, node: process.versions.node, ...(chromium ? { chromium } : {}) },
    outcomes,
  };
  process.stdout.write(`\n${formatReportTable(report)}\n`);
  const resultsFile = path.join(repoRoot, 'bench/results.json');
  await writeFile(resultsFile, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`\nWritten to ${path.relative(process.cwd(), resultsFile)}\n`);
  return outcomes.every((outcome) => outcome.status === 'ok') ? 0 : 1;
}
