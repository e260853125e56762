/**
 * The Cloud engine behind a dynamic import: the Claude SDK (about 93 KB gzip, measured with a Vite
 * library build of @anthropic-ai/sdk 1.14) is fetched on the first
 * analysis or key test, not with the app shell.
 */
import type { CloudEngine, CloudEngineConfig } from './cloud-engine';

export function createLazyCloudEngine(config: CloudEngineConfig): CloudEngine {
  let engine: Promise<CloudEngine> | undefined;
  const load = () => (engine ??= import('./cloud-engine').then((module) => module.createCloudEngine(config)));
  return {
    analyze: async (request) => (await load()).analyze(request),
    testKey: async (signal) => (await load()).testKey(signal),
  };
}
