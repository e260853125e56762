/**
 * Item 3: model download throughput with SHA-256 hashing and OPFS writing, against a plain
 * `fetch` of the same bytes from the same local Hub stand-in, in the same run. The measurement
 * is e2e/model-throughput.spec.ts (written with the downloader): it drives the built app in
 * Chromium, times both on the server side and writes .fixtures/model-throughput.json. This item
 * runs that spec against this run's app build and reads the figure back.
 *
 * Smoke mode only checks that Playwright still finds the spec (the full download takes about
 * 30 s; CI runs the spec itself as part of the e2e suite).
 */
import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { BenchContext } from '../harness/bench-item';
import { BenchHarnessError, createFigure, type Figure } from '../harness/figure';
import { APP_BUILD_DIR, ensureAppBuild } from '../support/app-build';

const SPEC = 'e2e/model-throughput.spec.ts';
const RESULT_FILE = '.fixtures/model-throughput.json';
const E2E_PORT = 4521;
const MB = 1024 * 1024;

/** What the spec writes (see e2e/model-throughput.spec.ts). */
interface ThroughputRecord {
  bytes: number;
  pipelineMs: number;
  pipelineMBps: number;
  fetchMs: number;
  fetchMBps: number;
  ratio: number;
}

function isThroughputRecord(value: unknown): value is ThroughputRecord {
  const record = value as Record<string, unknown> | null;
  return ['bytes', 'pipelineMs', 'pipelineMBps', 'fetchMs', 'fetchMBps', 'ratio'].every((key) => typeof record?.[key] === 'number');
}

async function playwright(context: BenchContext, args: string[]): Promise<string> {
  const env = { ...process.env, E2E_PORT: String(E2E_PORT), E2E_DIST: APP_BUILD_DIR };
  try {
    const { stdout } = await promisify(execFile)('npx', ['playwright', 'test', SPEC, '--reporter=line', ...args], { cwd: context.root, env, maxBuffer: 16 * MB });
    return stdout;
  } catch (error) {
    // Playwright's own report says what failed; keep its end.
    const output = (error as { stdout?: string }).stdout ?? '';
    throw new BenchHarnessError(`Playwright failed on ${SPEC}: ${output.slice(-2000) || String(error)}`);
  }
}

export async function run(context: BenchContext): Promise<Figure[]> {
  if (context.smoke) {
    const listing = await playwright(context, ['--list']);
    if (!listing.includes('download throughput vs plain fetch')) throw new BenchHarnessError(`Playwright no longer lists the throughput test in ${SPEC}.`);
    return [
      createFigure({
        item: 3,
        id: 'download-throughput-spec-listed',
        label: `throughput spec found (${SPEC}; smoke runs no download)`,
        value: 1,
        unit: 'spec',
        samples: 0,
      }),
    ];
  }
  await ensureAppBuild(context);
  const started = Date.now();
  context.log(`running ${SPEC} against ${APP_BUILD_DIR} on port ${E2E_PORT}`);
  await playwright(context, []);
  const file = path.join(context.root, RESULT_FILE);
  if ((await stat(file)).mtimeMs < started) throw new BenchHarnessError(`${RESULT_FILE} was not rewritten by this run.`);
  const record: unknown = JSON.parse(await readFile(file, 'utf8'));
  if (!isThroughputRecord(record)) throw new BenchHarnessError(`${RESULT_FILE} no longer has the fields this item reads.`);
  return [
    createFigure({
      item: 3,
      id: 'download-throughput',
      label: 'model download, hashing + OPFS write',
      value: record.pipelineMBps,
      unit: 'MB/s',
      samples: 1,
      reference: { label: 'plain fetch of the same bytes, same server', value: record.fetchMBps, unit: 'MB/s' },
      target: { on: 'ratio', comparison: 'at-least', limit: 0.85 },
      note: `${(record.bytes / MB).toFixed(0)} MiB in 5 files; MB = MiB here; fetch time is the mean of one fetch before and one after the download`,
      details: { ...record },
    }),
  ];
}
