/** One models store per page: downloads keep running (and reporting) while the user navigates away from Settings. */
import { createModelsStore } from './create-models-store';

let shared: ReturnType<typeof createModelsStore> | undefined;
const readyListeners = new Set<() => void>();

/** Runs `listener` whenever a model is (or becomes) ready on this device. */
export function onModelReady(listener: () => void): () => void {
  readyListeners.add(listener);
  return () => readyListeners.delete(listener);
}

export function sharedModelsStore(): ReturnType<typeof createModelsStore> {
  return (shared ??= createModelsStore({ onModelReady: () => readyListeners.forEach((listener) => listener()) }));
}
