/**
 * xgrammar in Node: its lib is UMD inside a `"type": "module"` package, so a plain import fails
 * (`require is not defined`). A `.cjs` copy loaded with createRequire works (FACTS.md section 5).
 */
import { copyFileSync, mkdirSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import type { XGrammarModule } from '../../../src/analysis/offline/grammar';

const require = createRequire(import.meta.url);
const copyDir = path.resolve(import.meta.dirname, '../../../.fixtures/cache');

let loaded: XGrammarModule | undefined;

export async function loadXGrammarInNode(): Promise<XGrammarModule> {
  if (loaded) return loaded;
  const source = require.resolve('@mlc-ai/web-xgrammar');
  const copy = path.join(copyDir, 'web-xgrammar.cjs');
  mkdirSync(copyDir, { recursive: true });
  // Test workers load it at the same time: each writes its own copy and renames it into place
  // (atomic), so none can require a copy another is still writing.
  const own = `${copy}.${process.pid}-${threadId}.tmp`;
  copyFileSync(source, own);
  renameSync(own, copy);
  loaded = require(copy) as XGrammarModule;
  return loaded;
}
