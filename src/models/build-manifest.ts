/**
 * Turns a Hub listing into a manifest: chooses the dtype per session for the device from the
 * listed sizes (dtype-selection.ts), selects the files to download, and pins per file the size
 * and the hash to check (see FileCheck).
 */
import { planDtypes } from './dtype-selection';
import type { HubTreeEntry } from './hub-client';
import { createModelKey, type ManifestFile, type ModelManifest } from './model-manifest';
import { selectModelFiles, type InferenceDevice, type ModelSource } from './registry';
import { ModelSourceError } from '../errors';

export interface BuildManifestInput {
  variantId: string;
  source: ModelSource;
  commit: string;
  device: InferenceDevice;
  hasShaderF16: boolean;
  entries: HubTreeEntry[];
  now: number;
}

export function buildManifest(input: BuildManifestInput): ModelManifest {
  const byPath = new Map(input.entries.filter((entry) => entry.type === 'file').map((entry) => [entry.path, entry]));
  const paths = [...byPath.keys()];
  if (!paths.some((path) => path.startsWith('onnx/') && path.endsWith('.onnx'))) {
    throw new ModelSourceError(`${input.source.repo} has no onnx/ folder (not a transformers.js export)`);
  }
  const listed = [...byPath.values()].map((entry) => ({ path: entry.path, size: entry.lfs?.size ?? entry.size }));
  const { dtype } = planDtypes(input.device, input.hasShaderF16, listed);
  const files = selectModelFiles(paths, dtype).map((path) => toManifestFile(byPath.get(path)!));
  return {
    ...input.source,
    key: createModelKey(input.source, dtype),
    variantId: input.variantId,
    commit: input.commit,
    device: input.device,
    dtype,
    files,
    state: 'paused',
    createdAt: input.now,
    updatedAt: input.now,
  };
}

function toManifestFile(entry: HubTreeEntry): ManifestFile {
  const base = { path: entry.path, size: entry.lfs?.size ?? entry.size, state: 'pending' as const, bytesDone: 0 };
  if (entry.lfs) return { ...base, sha256: entry.lfs.oid, check: { kind: 'sha256' } };
  if (!/^[0-9a-f]{40}$/.test(entry.oid)) throw new ModelSourceError(`the Hub gave no hash for ${entry.path}`);
  return { ...base, sha256: '', check: { kind: 'git-blob-sha1', oid: entry.oid } };
}
