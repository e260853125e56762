/** The memory verdict on a model card: for a recorded manifest, or for a set the worker refused. */
import { assessMemoryFit, type MemoryFit } from '../../models/memory-budget';
import { totalBytes, type ModelManifest } from '../../models/model-manifest';
import { normalizeHost, type DtypeSet, type ModelSource } from '../../models/registry';
import type { ModelCardState } from './models-state';

export const sourceKey = (source: ModelSource) => `${normalizeHost(source.host)}|${source.repo}|${source.revision}`;

/** The same budget the download worker and the inference worker check (memory-budget.ts). */
export function manifestFit(manifest: ModelManifest, deviceMemoryGb: number | undefined): MemoryFit {
  return assessMemoryFit({ device: manifest.device, dtype: manifest.dtype, weightBytes: totalBytes(manifest), deviceMemoryGb: deviceMemoryGb ?? null });
}

/** The card fields for a set the download worker refused (will not fit), remembered for its source. */
export function refusal(result: { refused?: { dtype: DtypeSet; totalBytes: number; fit: MemoryFit } }, source: ModelSource): Partial<ModelCardState> {
  return result.refused ? { ...result.refused, refusedFor: sourceKey(source) } : {};
}
