/** The child-process side of an item: run it, check its figures, write the outcome file. */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { BenchHarnessError, type Figure, type ItemOutcome } from './figure';
import { findItem, type ItemEntry } from './item-registry';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');

function checkFigures(entry: ItemEntry, figures: Figure[]): void {
  if (figures.length === 0) throw new BenchHarnessError(`${entry.name} measured nothing.`);
  const stray = figures.find((figure) => !entry.items.includes(figure.item));
  if (stray) throw new BenchHarnessError(`${entry.name} reported figure ${stray.id} for item ${stray.item}, which it does not own.`);
  const ids = new Set(figures.map((figure) => figure.id));
  if (ids.size !== figures.length) throw new BenchHarnessError(`${entry.name} reported the same figure id twice.`);
}

export async function runItemProcess(argv: string[]): Promise<number> {
  const [name, outcomeFile] = argv.filter((arg) => !arg.startsWith('--'));
  if (!name || !outcomeFile) throw new Error('usage: node bench/run-item.mjs <item> <outcome.json> [--smoke]');
  const entry = findItem(name);
  const smoke = argv.includes('--smoke');
  const started = performance.now();
  let outcome: ItemOutcome;
  try {
    const item = await entry.load();
    const runId = process.env.BENCH_RUN_ID ?? `standalone-${process.pid}`;
    const log = (message: string) => process.stderr.write(`[${name}] ${message}\n`);
    const figures = await item.run({ smoke, root: repoRoot, runId, log });
    checkFigures(entry, figures);
    outcome = { name, items: entry.items, status: 'ok', seconds: (performance.now() - started) / 1000, figures };
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    outcome = { name, items: entry.items, status: 'failed', seconds: (performance.now() - started) / 1000, figures: [], error: message };
  }
  await writeFile(outcomeFile, JSON.stringify(outcome));
  return outcome.status === 'ok' ? 0 : 1;
}
