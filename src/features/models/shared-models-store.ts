/** One models store per page: downloads keep running (and reporting) while the user navigates away from Settings. */
import { createModelsStore } from './create-models-store';

let shared: ReturnType<typeof createModelsStore> | undefined;

export function sharedModelsStore(): ReturnType<typeof createModelsStore> {
  return (shared ??= createModelsStore());
}
