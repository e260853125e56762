/**
 * Runs the benchmark's TypeScript in Node (v20 cannot strip types): a Vite server in middleware
 * mode with no HMR and no watcher, and its SSR module runner, the same machinery vitest uses.
 * Dependencies in node_modules are imported natively (transformers.js gets its Node build).
 */
import { fileURLToPath } from 'node:url';
import { createServer, createServerModuleRunner } from 'vite';

export const root = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');

/** Imports `relativePath` (from the repo root); call `close()` when done so the process can exit. */
export async function importTypeScript(relativePath) {
  const server = await createServer({
    configFile: false,
    root,
    logLevel: 'warn',
    appType: 'custom',
    server: { middlewareMode: true, hmr: false, ws: false, watch: null },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  const runner = createServerModuleRunner(server.environments.ssr, { hmr: false });
  const close = async () => {
    await runner.close();
    await server.close();
  };
  try {
    return { module: await runner.import(`${root}/${relativePath}`), close };
  } catch (error) {
    await close();
    throw error;
  }
}
