/**
 * The Offline engine as the analysis store sees it: loaded on first use (its worker, ModelStore
 * and registry code stay out of the first paint), always running the installed model of the
 * variant chosen in Settings.
 */
import type { AnalysisEngine, PreparedImage } from '../../analysis/types';
import type { OfflineEngine } from '../../analysis/offline/offline-engine';
import type { Settings } from '../../domain/settings';

export interface LazyOfflineEngine extends AnalysisEngine {
  /** A short plain caption of one prepared image with the installed model. */
  caption(image: PreparedImage, signal?: AbortSignal): Promise<string>;
  /** Whether an installed model runs on this device. */
  isAvailable(): Promise<boolean>;
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
    caption: async (image, signal) => (await load()).caption(image, signal),
    isAvailable: async () => (await load()).isAvailable(),
    warmUp: async () => (await load()).warmUp(),
    unload: async () => {
      if (engine) await (await engine).unload();
    },
  };
}
