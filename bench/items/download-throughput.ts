/**
 * Item 3: model download throughput against what this machine allows (issue 13). The measurement
 * is e2e/model-throughput.spec.ts: it drives the built app in Chromium (fresh persistent profile
 * per round) and, on the same bytes from the same server, times each stage alone (fetch,
 * SHA-256 with hash-wasm, OPFS sync-handle writes) before and after every download. The ceiling
 * is the lower of the slowest stage and the stages' summed work over the cores
 * (bench/support/throughput-ceiling.ts). This item runs that spec for ROUNDS rounds against this
 * run's app build and reads .fixtures/model-throughput.json back.
 *
 * Smoke mode only checks that Playwright still finds the spec (a round takes 15-60 s here;
 * CI runs the spec itself, one round, as part of the e2e suite).
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
/** Download rounds (each: stages, download, stages) in a full run; medians are reported. */
const ROUNDS = 3;

/** What the spec writes (see e2e/model-throughput.spec.ts); MB = MiB there. */
interface ThroughputRecord {
  bytes: number;
  files: number;
  cores: number;
  rounds: number;
  pipelineMBps: number;
  fetchMBps: number;
  sha256MBps: number;
  opfsWriteMBps: number;
  ceilingMBps: number;
  ceilingBounds: string[];
  parallelCores: number;
  measuredCeilingMBps: number;
  roundRatiosToCeiling: number[];
  roundRatiosToFetch: number[];
}

const NUMBERS = ['bytes', 'files', 'cores', 'rounds', 'pipelineMBps', 'fetchMBps', 'sha256MBps', 'opfsWriteMBps', 'ceilingMBps', 'parallelCores', 'measuredCeilingMBps'] as const;

function isThroughputRecord(value: unknown): value is ThroughputRecord {
  const record = value as Record<string, unknown> | null;
  return NUMBERS.every((key) => typeof record?.[key] === 'number') && ['ceilingBounds', 'roundRatiosToCeiling', 'roundRatiosToFetch'].every((key) => Array.isArray(record?.[key]));
}

async function playwright(context: BenchContext, args: string[]): Promise<string> {
  const env = { ...process.env, E2E_PORT: String(E2E_PORT), E2E_DIST: APP_BUILD_DIR, THROUGHPUT_ROUNDS: String(ROUNDS), THROUGHPUT_FULL: '1' };
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
  return throughputFigures(record);
}

/** The pipeline against its ceiling and against plain fetch, and each stage alone, from one run. */
export function throughputFigures(record: ThroughputRecord): Figure[] {
  const fetch = { label: 'plain fetch of the same bytes (worker, same server)', value: record.fetchMBps, unit: 'MB/s' };
  const rounds = `median of ${record.rounds} round(s); ${(record.bytes / MB).toFixed(0)} MiB in ${record.files} files; MB = MiB`;
  const stages = `fetch ${record.fetchMBps.toFixed(0)}, SHA-256 ${record.sha256MBps.toFixed(0)}, OPFS write ${record.opfsWriteMBps.toFixed(0)} MB/s, ${record.cores} cores`;
  return [
    createFigure({
      item: 3,
      id: 'download-throughput',
      label: 'model download (fetch worker, OPFS write, SHA-256)',
      value: record.pipelineMBps,
      unit: 'MB/s',
      samples: record.rounds,
      reference: { label: 'same-run ceiling: min(slowest stage, stage work / cores)', value: record.ceilingMBps, unit: 'MB/s' },
      target: { on: 'ratio', comparison: 'at-least', limit: 0.85 },
      note: `${rounds}; stages alone: ${stages}; bound per round: ${[...new Set(record.ceilingBounds)].join(' / ')}; per-round ratios ${record.roundRatiosToCeiling.map((ratio) => ratio.toFixed(2)).join(', ')}`,
      details: { ...record },
    }),
    createFigure({
      item: 3,
      id: 'download-throughput-vs-fetch',
      label: 'model download against plain fetch',
      value: record.pipelineMBps,
      unit: 'MB/s',
      samples: record.rounds,
      reference: fetch,
      target: { on: 'ratio', comparison: 'at-least', limit: 0.5 },
      note: `${rounds}; per-round ratios ${record.roundRatiosToFetch.map((ratio) => ratio.toFixed(2)).join(', ')}`,
    }),
    createFigure({
      item: 3,
      id: 'download-throughput-vs-measured-ceiling',
      label: 'model download against the ceiling at the measured parallelism',
      value: record.pipelineMBps,
      unit: 'MB/s',
      samples: record.rounds,
      reference: { label: `ceiling with the ${record.parallelCores.toFixed(2)} cores the workers got (parallel SHA-256 probe)`, value: record.measuredCeilingMBps, unit: 'MB/s' },
      note: `context for the target row: on a shared machine the browser gets fewer cores than it has (${record.cores})`,
    }),
    createFigure({
      item: 3,
      id: 'download-ceiling',
      label: 'download ceiling (computed from the stages alone)',
      value: record.ceilingMBps,
      unit: 'MB/s',
      samples: record.rounds,
      reference: fetch,
      note: `${stages}`,
    }),
    createFigure({
      item: 3,
      id: 'download-stage-sha256',
      label: 'stage alone: SHA-256 (hash-wasm, worker, 1 MiB pieces)',
      value: record.sha256MBps,
      unit: 'MB/s',
      samples: 2 * record.rounds,
      reference: fetch,
    }),
    createFigure({
      item: 3,
      id: 'download-stage-opfs-write',
      label: 'stage alone: OPFS write (sync handle, 1 MiB pieces, flush per file)',
      value: record.opfsWriteMBps,
      unit: 'MB/s',
      samples: 2 * record.rounds,
      reference: fetch,
    }),
  ];
}
