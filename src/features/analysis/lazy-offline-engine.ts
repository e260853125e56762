/**
 * The Offline engine as the analysis store sees it: loaded on first use (its worker, ModelStore
 * and registry code stay out of the first paint), always running the installed model of the
 * variant chosen in Settings.
 */
import type { AnalysisEngine } from '../../analysis/types';
import type { OfflineEngine } from '../../analysis/offline/offline-engine';
import type { Settings } from '../../domain/settings';

export interface LazyOfflineEngine extends AnalysisEngine {
  /** Caches the ONNX runtime files so a later offline analysis needs no network. */
  warmUp(): Promise<void>;
  unload(): Promise<void>;
}

export function createLazyOfflineEngine(getSettings: () => Settings): LazyOfflineEngine {
  let engine: Promise<OfflineEngine> | undefined;
  const load = () =>
    (engine ??= Promise.all([
      import('../../analysis/offline/offline-engine'),
      import('../../analysis/offline/installed-model'),
      import('../../models/model-store'),
      import('../../models/registry'),
    ]).then(([{ createOfflineEngine }, { createInstalledModelLookup }, { createModelStore }, { findVariant }]) =>
      createOfflineEngine({
        getModel: createInstalledModelLookup(createModelStore(), getSettings),
        keepModelLoaded: () => getSettings().keepModelLoaded,
        variantName: () => findVariant(getSettings().offlineVariant)?.name ?? getSettings().offlineVariant,
      }),
    ));
  return {
    analyze: async (request) => (await load()).analyze(request),
    warmUp: async () => (await load()).warmUp(),
    unload: async () => {
      if (engine) await (await engine).unload();
    },
  };
}
