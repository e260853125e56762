/**
 * A second deploy of the app for specs that change files as a new release would: a copy of
 * dist/ in a temporary folder, served by `scripts/serve-dist.mjs` (its own process, any free
 * port, the same sub-path), removed afterwards.
 */
import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';

export interface DistCopyServer {
  /** The app's URL (with the sub-path). */
  url: string;
  /** The served copy of dist/. */
  dir: string;
  close(): Promise<void>;
}

export async function serveDistCopy(basePath: string): Promise<DistCopyServer> {
  const dir = await mkdtemp(join(tmpdir(), 'dist-copy-'));
  await cp('dist', dir, { recursive: true, filter: (source) => !source.endsWith('.map') });
  const server = spawn(process.execPath, ['scripts/serve-dist.mjs', '--dir', dir, '--port', '0', '--base', basePath], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  for await (const chunk of server.stdout) {
    output += String(chunk);
    if (/http:\/\/\S+/.test(output)) break;
  }
  const url = /http:\/\/\S+/.exec(output)?.[0];
  if (!url) throw new Error(`serve-dist did not start: ${output}`);
  return {
    url,
    dir,
    async close() {
      server.kill();
      await once(server, 'exit');
      await rm(dir, { recursive: true, force: true });
    },
  };
}
