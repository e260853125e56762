/**
 * Models feature store: the only thing the model cards use. It reads ModelStore for status and
 * usage, drives the download worker through its client, asks for persistent storage before a
 * large download, and resumes interrupted downloads (or relays another tab's) when created.
 */
import { createStore } from 'solid-js/store';
import { toErrorInfo } from '../../errors';
import type { DownloadClient } from '../../models/download-client';
import type { DownloadEvent, DownloadOutcome } from '../../models/download-api';
import { detectDeviceProfile, type DeviceProfile } from '../../models/device-profile';
import { bytesDone, totalBytes, type ModelKey, type ModelManifest } from '../../models/model-manifest';
import { createModelStore, type ModelStore } from '../../models/model-store';
import { MODEL_VARIANTS, findVariant, isDtypeSetUsable, normalizeHost, variantSource, type ModelSource } from '../../models/registry';
import { cardPatchFor, errorMessage, outcomeMessage } from './card-events';
import { manifestFit, refusal, sourceKey } from './card-fit';
import { formatDtypeSet } from './format-dtype';
import { formatBytes } from './format-transfer';
import type { CardMessage, ModelCardState, ModelsActions, ModelsState, SourceSettings } from './models-state';

export interface ModelsStoreDeps {
  store?: ModelStore;
  createClient?: () => DownloadClient;
  detectDevice?: () => Promise<DeviceProfile>;
  storageManager?: Pick<StorageManager, 'persist' | 'persisted'>;
  deviceMemoryGb?: number;
  /** Called whenever a model is found ready (after a download or import, or on refresh). */
  onModelReady?: () => void;
}

/** Any model download is large enough to be worth protecting from eviction. */
const PERSIST_FROM_BYTES = 10 * 1024 * 1024;

export function createModelsStore(deps: ModelsStoreDeps = {}): [ModelsState, ModelsActions] {
  const store = deps.store ?? createModelStore();
  let client: DownloadClient | undefined;
  const getClient = async () => (client ??= deps.createClient ? deps.createClient() : (await import('../../models/download-client')).createDownloadClient());
  const storage = deps.storageManager ?? globalThis.navigator?.storage;
  const deviceMemoryGb = deps.deviceMemoryGb ?? (globalThis.navigator as { deviceMemory?: number } | undefined)?.deviceMemory;

  const [state, setState] = createStore<ModelsState>({
    cards: Object.fromEntries(MODEL_VARIANTS.map((variant) => [variant.id, { status: { kind: 'not-downloaded' }, busy: false, elsewhere: false }])),
    stored: [],
    persistence: 'unknown',
    ...(deviceMemoryGb === undefined ? {} : { deviceMemoryGb }),
  });
  /** Keys with a download call in flight from this tab (own download or relayed). */
  const following = new Set<ModelKey>();
  let device: Promise<DeviceProfile> | undefined;
  const deviceProfile = () =>
    (device ??= (deps.detectDevice ?? detectDeviceProfile)().then((profile) => {
      setState('device', profile);
      return profile;
    }));

  const patchCard = (variantId: string, patch: Partial<ModelCardState>) => setState('cards', variantId, (card) => ({ ...card, ...patch }));
  const variantsOf = (key: ModelKey) => Object.keys(state.cards).filter((id) => state.cards[id]?.key === key);

  /** The recorded manifest for a variant's source: one usable on this device first, then the latest. */
  async function manifestFor(source: ModelSource | undefined): Promise<ModelManifest | undefined> {
    if (!source) return undefined;
    const profile = await deviceProfile();
    const host = normalizeHost(source.host);
    const candidates = (await store.manifests()).filter((manifest) => manifest.host === host && manifest.repo === source.repo && manifest.revision === source.revision);
    const usable = (manifest: ModelManifest) => isDtypeSetUsable(manifest.dtype, profile.device, profile.hasShaderF16);
    return candidates.sort((a, b) => Number(usable(b)) - Number(usable(a)) || b.updatedAt - a.updatedAt)[0];
  }

  function sourceFor(variantId: string, settings: SourceSettings): ModelSource | undefined {
    const variant = findVariant(variantId);
    if (!variant) return undefined;
    // The one user-supplied source belongs to whichever of 7B / Custom is selected.
    if ((variant.source.kind === 'user-repo' || variant.source.kind === 'custom') && settings.offlineVariant !== variantId) return undefined;
    return variantSource(variant, settings);
  }

  async function refreshUsage(): Promise<void> {
    const [usage, manifests] = await Promise.all([store.usage(), store.manifests()]);
    setState({
      usage,
      stored: manifests.map((manifest) => ({
        key: manifest.key,
        repo: manifest.repo,
        revision: manifest.revision,
        host: manifest.host,
        dtype: formatDtypeSet(manifest.dtype),
        bytes: totalBytes(manifest),
        state: manifest.state,
      })),
    });
  }

  async function refreshCard(variantId: string, settings: SourceSettings): Promise<ModelManifest | undefined> {
    const source = sourceFor(variantId, settings);
    const manifest = await manifestFor(source);
    if (!manifest) {
      // A set refused for this source (will not fit) stays on the card; another source's does not.
      const refusedFor = state.cards[variantId]?.refusedFor;
      const stale = refusedFor !== undefined && (source === undefined || refusedFor !== sourceKey(source));
      const cleared = stale ? { totalBytes: undefined, dtype: undefined, fit: undefined, refusedFor: undefined, message: undefined } : {};
      patchCard(variantId, { key: undefined, status: { kind: 'not-downloaded' }, progress: undefined, ...cleared });
      return undefined;
    }
    const status = await store.status(manifest.key);
    patchCard(variantId, {
      key: manifest.key,
      status,
      totalBytes: totalBytes(manifest),
      dtype: manifest.dtype,
      fit: manifestFit(manifest, state.deviceMemoryGb),
      ...(status.kind === 'ready' ? { progress: undefined } : {}),
    });
    return manifest;
  }

  function applyEvent(event: DownloadEvent): void {
    const patch = cardPatchFor(event);
    if (patch) for (const variantId of variantsOf(event.key)) patchCard(variantId, patch);
  }

  async function follow(key: ModelKey, settings: SourceSettings, run: (onEvent: (event: DownloadEvent) => void) => Promise<DownloadOutcome>): Promise<void> {
    if (following.has(key)) return;
    following.add(key);
    for (const id of variantsOf(key)) patchCard(id, { busy: true });
    try {
      const outcome = await run(applyEvent);
      await refreshAll(settings);
      if (outcome.status === 'ready') deps.onModelReady?.();
      for (const id of variantsOf(key)) patchCard(id, { elsewhere: false, message: outcomeMessage(outcome) });
    } catch (error) {
      for (const id of variantsOf(key)) patchCard(id, { message: errorMessage(toErrorInfo(error)) });
    } finally {
      following.delete(key);
      for (const id of variantsOf(key)) patchCard(id, { busy: false });
      await refreshUsage();
    }
  }

  async function refreshAll(settings: SourceSettings): Promise<void> {
    for (const variant of MODEL_VARIANTS) await refreshCard(variant.id, settings);
    await refreshUsage();
  }

  async function askPersistence(bytes: number): Promise<void> {
    if (!storage?.persist) return void setState('persistence', 'unsupported');
    try {
      if (await storage.persisted()) return void setState('persistence', 'granted');
      if (bytes < PERSIST_FROM_BYTES) return;
      setState('persistence', (await storage.persist()) ? 'granted' : 'denied');
    } catch {
      setState('persistence', 'unknown');
    }
  }

  const actions: ModelsActions = {
    async refresh(settings) {
      await refreshAll(settings);
      if (state.stored.some((model) => model.state === 'ready')) deps.onModelReady?.();
      if (storage?.persisted && state.persistence === 'unknown') setState('persistence', (await storage.persisted()) ? 'granted' : 'unknown');
      // Downloads left 'downloading' were interrupted (reload, closed tab) or run in another
      // tab: the worker resumes the first kind and relays the second.
      for (const variant of MODEL_VARIANTS) {
        const card = state.cards[variant.id];
        if (card?.key && (card.status.kind === 'downloading' || (card.status.kind === 'paused' && (await store.manifest(card.key))?.state === 'downloading'))) {
          const key = card.key;
          void getClient().then((worker) => follow(key, settings, (onEvent) => worker.download(key, onEvent)));
        }
      }
    },
    async download(variantId, settings) {
      const source = sourceFor(variantId, settings);
      if (!source) return patchCard(variantId, { message: { tone: 'error', text: 'Enter a repo id for this model first.' } });
      patchCard(variantId, { busy: true, message: { tone: 'info', text: 'Reading the file list from the Hub…' } });
      const profile = await deviceProfile();
      const worker = await getClient();
      // A recorded download resumes without the Hub listing (works offline, keeps its commit).
      const known = await manifestFor(source);
      let key: ModelKey;
      // Persistence is asked for, not waited on: Firefox asks the user, and an unanswered prompt
      // would hold the download forever.
      if (known && known.state !== 'ready') {
        key = known.key;
        void askPersistence(totalBytes(known) - bytesDone(known));
      } else {
        const resolved = await worker.resolve({ ...source, variantId, ...profile, deviceMemoryGb: state.deviceMemoryGb ?? null });
        if (!resolved.ok) return patchCard(variantId, { busy: false, message: errorMessage(resolved.error), ...refusal(resolved, source) });
        key = resolved.model.key;
        void askPersistence(resolved.model.totalBytes - resolved.model.bytesDone);
      }
      await refreshCard(variantId, settings);
      patchCard(variantId, { busy: false, message: undefined });
      const target = key;
      await follow(target, settings, (onEvent) => worker.download(target, onEvent));
    },
    async pause(variantId) {
      const key = state.cards[variantId]?.key;
      if (key) await (await getClient()).pause(key);
    },
    async cancel(variantId, settings) {
      const key = state.cards[variantId]?.key;
      if (!key) return;
      await (await getClient()).cancel(key);
      await refreshAll(settings);
    },
    async remove(variantId, settings) {
      const key = state.cards[variantId]?.key;
      if (key) await actions.removeStored(key, settings);
    },
    async removeStored(key, settings) {
      try {
        const freed = await store.clear(key);
        setState('storageMessage', { tone: 'success', text: `Deleted: ${formatBytes(freed)} freed.` });
      } catch (error) {
        setState('storageMessage', errorMessage(toErrorInfo(error)));
      }
      await refreshAll(settings);
    },
    async clearAll(settings) {
      try {
        const freed = await store.clearAll();
        setState('storageMessage', { tone: 'success', text: `All models deleted: ${formatBytes(freed)} freed.` });
      } catch (error) {
        setState('storageMessage', errorMessage(toErrorInfo(error)));
      }
      await refreshAll(settings);
    },
    async importFiles(variantId, settings, files) {
      const source = sourceFor(variantId, settings);
      if (!source) return patchCard(variantId, { message: { tone: 'error', text: 'Enter a repo id for this model first.' } });
      patchCard(variantId, { busy: true, message: { tone: 'info', text: `Checking ${files.length} files against the model's checksums…` } });
      const worker = await getClient();
      let key = (await manifestFor(source))?.key;
      if (!key) {
        const resolved = await worker.resolve({ ...source, variantId, ...(await deviceProfile()), deviceMemoryGb: state.deviceMemoryGb ?? null });
        if (!resolved.ok) return patchCard(variantId, { busy: false, message: errorMessage(resolved.error), ...refusal(resolved, source) });
        key = resolved.model.key;
      }
      await refreshCard(variantId, settings);
      const outcome = await worker.importFiles(key, files, applyEvent);
      await refreshAll(settings);
      const message: CardMessage =
        outcome.status === 'ready'
          ? { tone: 'success', text: `Imported and verified ${outcome.imported.length} files: the model is ready.` }
          : outcome.status === 'partial'
            ? { tone: 'warning', text: `Imported and verified ${outcome.imported.length} files; still missing: ${outcome.missing.join(', ')}.`, action: 'Import the missing files, or press Download for the rest.' }
            : errorMessage(outcome.error);
      patchCard(variantId, { busy: false, message });
    },
    memoryWarning(variantId) {
      const variant = findVariant(variantId);
      const memory = state.deviceMemoryGb;
      if (!variant || memory === undefined || memory >= variant.memoryNeededGb) return undefined;
      // deviceMemory is rounded down to a power of two (and capped), so this is a hint, not a verdict.
      return `This model needs about ${variant.memoryNeededGb} GB of memory; this device reports ${memory} GB (browsers round this down). It may fail to load or be very slow.`;
    },
  };
  return [state, actions];
}
