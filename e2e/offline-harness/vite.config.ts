/** Builds the offline harness page (e2e only): `vite build --config e2e/offline-harness/vite.config.ts`. */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'warn',
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // Each Playwright worker builds into its own folder (harness-fixture.ts).
    outDir: process.env.HARNESS_OUT_DIR ?? fileURLToPath(new URL('../../.fixtures/offline-harness-dist', import.meta.url)),
    emptyOutDir: true,
    // The ONNX runtime and xgrammar are large by nature; not worth a warning here.
    chunkSizeWarningLimit: 30_000,
  },
});
