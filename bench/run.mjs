#!/usr/bin/env node
/**
 * `npm run bench`: every figure of issue 6 in one table, written to bench/results.json.
 *
 *   npm run bench                      full run (a few minutes on 2 cores)
 *   npm run bench -- --smoke           smoke mode (also BENCH_SMOKE=1): few iterations, for CI
 *   npm run bench -- --only=domain,palette
 *
 * Exits non-zero only when the harness breaks (an item throws or measures nothing), never
 * because a figure misses its target. See docs/performance.md.
 */
import { importTypeScript } from './typescript-runner.mjs';

const { module, close } = await importTypeScript('bench/harness/main.ts');
try {
  process.exitCode = await module.main(process.argv.slice(2), process.env);
} finally {
  await close();
}
