/**
 * Which installed model the Offline engine runs: the one of the variant chosen in Settings, in a
 * dtype set that runs on the device (ModelStore.findInstalled), most recently used first.
 */
import type { Settings } from '../../domain/settings';
import type { ModelStore } from '../../models/model-store';
import { findVariant, variantSource } from '../../models/registry';
import type { OfflineModelTarget } from './offline-engine';

export function createInstalledModelLookup(store: ModelStore, getSettings: () => Settings | Promise<Settings>) {
  return async (target: OfflineModelTarget) => {
    const settings = await getSettings();
    const variant = findVariant(settings.offlineVariant);
    const source = variant && variantSource(variant, settings);
    return source ? store.findInstalled(source, target.device, target.hasShaderF16) : undefined;
  };
}
