#!/usr/bin/env node
/**
 * One benchmark item in its own process (started by bench/run.mjs), so items never share JIT
 * state, heap or native memory: `node bench/run-item.mjs <name> <outcome.json> [--smoke]`.
 */
import { importTypeScript } from './typescript-runner.mjs';

const { module, close } = await importTypeScript('bench/harness/item-process.ts');
try {
  process.exitCode = await module.runItemProcess(process.argv.slice(2));
} finally {
  await close();
}
