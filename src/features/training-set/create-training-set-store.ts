/**
 * The training-set builder's state and the only way components change it: import (files or zips,
 * matched to jobs by name, probed in the pixel worker, stored in IndexedDB), assignment by hand,
 * descriptions, caption settings, checks and the zip export.
 */
import { batch, untrack } from 'solid-js';
import { createStore, produce, unwrap, type SetStoreFunction } from 'solid-js/store';
import type { Project } from '../../domain/project';
import type { CaptionSettings } from '../../domain/training-set/captions';
import type { TrainingSetCheck } from '../../domain/training-set/check-training-set';
import { planTrainingZip, trainingZipName, type TrainingLayout } from '../../domain/training-set/export-layouts';
import { rematchByFileName } from '../../domain/training-set/match-images';
import { descriptionOf, type TrainingImage } from '../../domain/training-set/training-image';
import type { JobListing, TrainingJob } from '../../domain/training-set/training-jobs';
import { CancelledError, toErrorInfo, type ErrorInfo } from '../../errors';
import type { PaletteClient } from '../../analysis/palette-client';
import type { ImageCaptioner } from './image-captioner';
import { importImages, type ImportSummary } from './import-images';
import type { TrainingSetRepository } from '../../storage/training-set-repository';
import { readTrainingSetSettings, type TrainingSetSettings } from '../../domain/training-set/training-set-settings';
import { writeTrainingZip } from './write-training-zip';
import { exportOrder } from '../../domain/training-set/export-order';
import { createTrainingSetDerived, type WaitingImage } from './training-set-derived';

export type TrainingTask = { kind: 'import' | 'export' | 'caption'; done: number; total: number };

export interface TrainingSetState {
  status: 'loading' | 'ready' | 'failed';
  images: TrainingImage[];
  /** Object URLs of the stored thumbnails, by image id. */
  thumbnails: Record<string, string>;
  settings: TrainingSetSettings;
  task: TrainingTask | null;
  lastImport: ImportSummary | null;
  error: ErrorInfo | null;
  captionerAvailable: boolean;
  readonly listing: JobListing;
  readonly jobsByKey: ReadonlyMap<string, TrainingJob>;
  readonly check: TrainingSetCheck | null;
  /** Images with no job (or whose job left the plan), with the matcher's suggestions. */
  readonly unassigned: WaitingImage[];
}

export interface TrainingSetActions {
  load(): Promise<void>;
  importFiles(files: File[]): Promise<void>;
  assignJob(imageId: string, jobKey: string | null): Promise<void>;
  setDescription(imageId: string, description: string | null): Promise<void>;
  removeImages(ids: string[]): Promise<void>;
  updateCaptions(patch: Partial<CaptionSettings>): void;
  setLayout(layout: TrainingLayout): void;
  setRepeats(repeats: number): void;
  exportZip(): Promise<{ fileName: string; blob: Blob } | null>;
  captionUnassigned(): Promise<void>;
  cancel(): void;
  dispose(): void;
}

export interface TrainingSetDeps {
  project: () => Project;
  repository: TrainingSetRepository;
  pixels: Pick<PaletteClient, 'probe'>;
  captioner?: ImageCaptioner | undefined;
  /** Stores a project not saved yet, so its training set is never an orphan. */
  ensureProjectStored?: () => Promise<void>;
}

const SETTINGS_SAVE_DELAY_MS = 300;

export function createTrainingSetStore(deps: TrainingSetDeps): [TrainingSetState, TrainingSetActions] {
  // Bound for the store's lifetime (the view makes one store per project): a task still running
  // when the user switches project keeps writing to the project it started in, never the new one.
  const boundProjectId = untrack(() => deps.project().id);
  const projectId = () => boundProjectId;
  const [state, setState]: [TrainingSetState, SetStoreFunction<TrainingSetState>] = createStore<TrainingSetState>({
    status: 'loading',
    images: [],
    thumbnails: {},
    settings: readTrainingSetSettings(null, deps.project().name),
    task: null,
    lastImport: null,
    error: null,
    captionerAvailable: false,
    get listing(): JobListing {
      return derived.listing();
    },
    get jobsByKey(): ReadonlyMap<string, TrainingJob> {
      return derived.jobsByKey();
    },
    get check(): TrainingSetCheck | null {
      return derived.check();
    },
    get unassigned(): TrainingSetState['unassigned'] {
      return derived.unassigned();
    },
  });
  const derived = createTrainingSetDerived(deps.project, state);
  const { listing, jobsByKey, check, unassigned } = derived;

  let controller: AbortController | null = null;
  let settingsTimer: ReturnType<typeof setTimeout> | undefined;

  const fail = (error: unknown) => {
    const info = toErrorInfo(error);
    setState('error', info.kind === 'Cancelled' ? null : info);
  };

  const startTask = (kind: TrainingTask['kind'], total: number): AbortSignal => {
    controller?.abort();
    controller = new AbortController();
    setState({ task: { kind, done: 0, total }, error: null });
    return controller.signal;
  };
  const endTask = () => {
    controller = null;
    setState('task', null);
  };

  const persistImages = async (changed: TrainingImage[]) => {
    if (changed.length === 0) return;
    const byId = new Map(changed.map((image) => [image.id, image]));
    setState('images', (images) => images.map((image) => byId.get(image.id) ?? image));
    await deps.repository.updateImages(projectId(), changed);
  };

  /** Re-matches every image not assigned by hand: the spec may have changed since the import. */
  const rematch = () => persistImages(rematchByFileName(state.images, listing().jobs));

  const scheduleSettingsSave = () => {
    clearTimeout(settingsTimer);
    // unwrap: IndexedDB clones plain objects, not store proxies.
    settingsTimer = setTimeout(() => void deps.repository.saveSettings(projectId(), unwrap(state.settings)).catch(fail), SETTINGS_SAVE_DELAY_MS);
  };

  const actions: TrainingSetActions = {
    async load() {
      try {
        const [images, settings] = await Promise.all([deps.repository.loadImages(projectId()), deps.repository.loadSettings(projectId())]);
        const thumbnails: Record<string, string> = {};
        for (const image of images) {
          const thumbnail = await deps.repository.readThumbnail(image.id);
          if (thumbnail) thumbnails[image.id] = URL.createObjectURL(thumbnail);
        }
        images.sort((x, y) => x.addedAt - y.addedAt);
        batch(() => {
          setState({ images, thumbnails, settings: readTrainingSetSettings(settings, deps.project().name), status: 'ready' });
        });
        await rematch();
        setState('captionerAvailable', (await deps.captioner?.isAvailable().catch(() => false)) ?? false);
      } catch (error) {
        setState('status', 'failed');
        fail(error);
      }
    },

    async importFiles(files) {
      if (files.length === 0) return;
      const signal = startTask('import', files.length);
      try {
        await deps.ensureProjectStored?.();
        const summary = await importImages(files, {
          projectId: projectId(),
          existing: state.images,
          jobs: listing().jobs,
          repository: deps.repository,
          pixels: deps.pixels,
          signal,
          onProgress: (done, total) => setState('task', { kind: 'import', done, total }),
          onStored: (stored) =>
            setState(
              produce((draft) => {
                for (const { image, thumbnail } of stored) {
                  draft.images.push(image);
                  draft.thumbnails[image.id] = URL.createObjectURL(thumbnail);
                }
              }),
            ),
        });
        setState('lastImport', summary);
        // The user name is recognised across all names: matching improves as more images arrive.
        await rematch();
      } catch (error) {
        fail(error);
      } finally {
        endTask();
      }
    },

    async assignJob(imageId, jobKey) {
      const image = state.images.find((candidate) => candidate.id === imageId);
      if (!image) return;
      await persistImages([{ ...image, jobKey, assignedBy: jobKey ? 'hand' : null }]).catch(fail);
    },

    async setDescription(imageId, description) {
      const image = state.images.find((candidate) => candidate.id === imageId);
      if (!image) return;
      const text = description?.trim() ?? '';
      await persistImages([{ ...image, description: text === '' ? null : text }]).catch(fail);
    },

    async removeImages(ids) {
      const removed = new Set(ids);
      try {
        await deps.repository.removeImages(ids);
        for (const id of ids) if (state.thumbnails[id]) URL.revokeObjectURL(state.thumbnails[id] as string);
        setState(
          produce((draft) => {
            draft.images = draft.images.filter((image) => !removed.has(image.id));
            for (const id of ids) delete draft.thumbnails[id];
          }),
        );
      } catch (error) {
        fail(error);
      }
    },

    updateCaptions(patch) {
      setState('settings', 'captions', (captions) => ({ ...captions, ...patch }));
      scheduleSettingsSave();
    },

    setLayout(layout) {
      setState('settings', 'layout', layout);
      scheduleSettingsSave();
    },

    setRepeats(repeats) {
      if (!Number.isFinite(repeats)) return;
      setState('settings', 'repeats', Math.min(1000, Math.max(1, Math.round(repeats))));
      scheduleSettingsSave();
    },

    async exportZip() {
      const report = check();
      if (!report?.canExport) return null;
      const items = exportOrder(state.images, jobsByKey()).map((image) => ({ imageId: image.id, type: image.type, description: descriptionOf(image, jobsByKey()) }));
      const { layout, captions, repeats } = state.settings;
      const entries = planTrainingZip(items, { layout, captions, repeats });
      const signal = startTask('export', entries.length);
      try {
        const blob = await writeTrainingZip(entries, (id) => deps.repository.readImage(id), {
          signal,
          onProgress: ({ done, total }) => setState('task', { kind: 'export', done, total }),
        });
        return { fileName: trainingZipName(deps.project().name, layout), blob };
      } catch (error) {
        fail(error);
        return null;
      } finally {
        endTask();
      }
    },

    async captionUnassigned() {
      const captioner = deps.captioner;
      const targets = unassigned().map(({ image }) => image).filter((image) => image.description === null);
      if (!captioner || targets.length === 0) return;
      const signal = startTask('caption', targets.length);
      try {
        for (const [index, image] of targets.entries()) {
          if (signal.aborted) throw new CancelledError('Captioning');
          const text = await captioner.caption(await deps.repository.readImage(image.id), signal);
          await actions.setDescription(image.id, text);
          setState('task', { kind: 'caption', done: index + 1, total: targets.length });
        }
      } catch (error) {
        fail(error);
      } finally {
        endTask();
      }
    },

    cancel() {
      controller?.abort();
    },

    dispose() {
      controller?.abort();
      clearTimeout(settingsTimer);
      for (const url of Object.values(state.thumbnails)) URL.revokeObjectURL(url);
    },
  };
  return [state, actions];
}
