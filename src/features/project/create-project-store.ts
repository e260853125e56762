/**
 * The current project: its images, sref, spec and step, saved to IndexedDB as it changes so a
 * reload restores exactly where the user was. Components change projects only through these actions.
 */
import { batch as solidBatch } from 'solid-js';
import { createStore, produce, reconcile, unwrap } from 'solid-js/store';
import { MAX_IMAGES, type AnalysisInfo, type ImageMeta, type Project, type ProjectStep } from '../../domain/project';
import type { DatasetSpecification, PermutationBatch } from '../../domain/schema';
import type { ProjectRepository } from '../../storage/project-repository';
import { ImageProcessingError } from '../../errors';
import { intakeImage } from '../upload/image-intake';

export interface ProjectImage {
  meta: ImageMeta;
  blob: Blob;
  /** Object URL for thumbnails; revoked when the image leaves the view. */
  url: string;
}

export type SaveState = 'saved' | 'saving' | 'error';

export interface ProjectState {
  project: Project | null;
  images: ProjectImage[];
  saveState: SaveState;
}

export interface AddFilesOutcome {
  added: number;
  rejected: { name: string; error: unknown }[];
}

export interface ProjectActions {
  restore(): Promise<void>;
  create(name?: string): Promise<void>;
  open(id: string): Promise<void>;
  adopt(project: Project, images: { meta: ImageMeta; blob: Blob }[]): Promise<void>;
  rename(name: string): void;
  setSref(text: string): void;
  setStep(step: ProjectStep): void;
  addFiles(files: File[]): Promise<AddFilesOutcome>;
  removeImage(id: string): Promise<void>;
  setAnalysis(spec: DatasetSpecification, info: AnalysisInfo): void;
  updateBatch(index: number, patch: Partial<PermutationBatch>): void;
  addBatch(): void;
  duplicateBatch(index: number): void;
  removeBatch(index: number): void;
  moveBatch(index: number, offset: -1 | 1): void;
  updateSpec(mutate: (spec: DatasetSpecification) => void): void;
  flush(): Promise<void>;
}

const SAVE_DELAY_MS = 250;

export function newProject(name = 'Untitled project'): Project {
  const now = Date.now();
  return {
    id: crypto.randomUUID(),
    name,
    createdAt: now,
    updatedAt: now,
    srefCode: '',
    images: [],
    spec: null,
    analysis: null,
    step: 'upload',
    isExample: false,
  };
}

export function createProjectStore(
  repository: ProjectRepository,
  onSaveError: (error: unknown) => void,
): [ProjectState, ProjectActions] {
  const [state, setState] = createStore<ProjectState>({ project: null, images: [], saveState: 'saved' });
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  let pendingSave: Promise<void> = Promise.resolve();

  const save = async () => {
    saveTimer = undefined;
    const project = state.project;
    if (!project) return;
    setState('saveState', 'saving');
    try {
      await repository.save(structuredClone(unwrap(project)));
      setState('saveState', 'saved');
    } catch (error) {
      setState('saveState', 'error');
      onSaveError(error);
    }
  };

  const scheduleSave = () => {
    setState('saveState', 'saving');
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      pendingSave = save();
    }, SAVE_DELAY_MS);
  };

  /** Every change to the project goes through here: stamp, then autosave. */
  const mutate = (change: (project: Project) => void) => {
    if (!state.project) return;
    setState(
      'project',
      produce((project) => {
        if (!project) return;
        change(project);
        project.updatedAt = Date.now();
      }),
    );
    scheduleSave();
  };

  const mutateSpec = (change: (spec: DatasetSpecification) => void) =>
    mutate((project) => {
      if (project.spec) change(project.spec);
    });

  const show = (project: Project, blobs: Map<string, Blob>) => {
    for (const image of state.images) URL.revokeObjectURL(image.url);
    solidBatch(() => {
      setState('project', reconcile(project));
      setState(
        'images',
        project.images.flatMap((meta) => {
          const blob = blobs.get(meta.id);
          return blob ? [{ meta, blob, url: URL.createObjectURL(blob) }] : [];
        }),
      );
      setState('saveState', 'saved');
    });
  };

  const openById = async (id: string): Promise<boolean> => {
    const project = await repository.get(id);
    if (!project) return false;
    const stored = await repository.images(id);
    show(project, new Map(stored.map((image) => [image.id, image.blob])));
    await repository.setCurrentProjectId(id);
    return true;
  };

  const actions: ProjectActions = {
    async restore() {
      const id = await repository.currentProjectId();
      if (id && (await openById(id))) return;
      await actions.create();
    },
    async create(name) {
      await actions.flush();
      const project = newProject(name);
      await repository.save(project);
      await repository.setCurrentProjectId(project.id);
      show(project, new Map());
    },
    async open(id) {
      await actions.flush();
      if (!(await openById(id))) throw new Error('That project no longer exists.');
    },
    async adopt(project, images) {
      await actions.flush();
      await repository.saveWithImages(project, images);
      await repository.setCurrentProjectId(project.id);
      show(project, new Map(images.map((image) => [image.meta.id, image.blob])));
    },
    rename(name) {
      const trimmed = name.trim();
      if (trimmed) mutate((project) => void (project.name = trimmed.slice(0, 120)));
    },
    setSref(text) {
      mutate((project) => void (project.srefCode = text.slice(0, 500)));
    },
    setStep(step) {
      mutate((project) => void (project.step = step));
    },
    async addFiles(files) {
      const outcome: AddFilesOutcome = { added: 0, rejected: [] };
      const project = state.project;
      if (!project) return outcome;
      for (const file of files) {
        if (state.images.length >= MAX_IMAGES) {
          outcome.rejected.push({ name: file.name, error: new ImageProcessingError(file.name || 'image', `was not added: a project holds at most ${MAX_IMAGES} images.`) });
          continue;
        }
        try {
          const accepted = await intakeImage(file);
          await repository.putImage({ id: accepted.meta.id, projectId: project.id, blob: accepted.blob });
          setState('images', (images) => [...images, { ...accepted, url: URL.createObjectURL(accepted.blob) }]);
          mutate((p) => void p.images.push(accepted.meta));
          outcome.added += 1;
        } catch (error) {
          outcome.rejected.push({ name: file.name, error });
        }
      }
      return outcome;
    },
    async removeImage(id) {
      const image = state.images.find((candidate) => candidate.meta.id === id);
      if (image) URL.revokeObjectURL(image.url);
      setState('images', (images) => images.filter((candidate) => candidate.meta.id !== id));
      mutate((project) => void (project.images = project.images.filter((meta) => meta.id !== id)));
      await repository.removeImage(id);
    },
    setAnalysis(spec, info) {
      mutate((project) => {
        project.spec = structuredClone(spec);
        project.analysis = info;
        project.isExample = false;
      });
    },
    updateBatch(index, patch) {
      mutateSpec((spec) => {
        const target = spec.permutation_batches[index];
        if (target) Object.assign(target, patch);
      });
    },
    addBatch() {
      mutateSpec((spec) => {
        const number = Math.max(0, ...spec.permutation_batches.map((b) => b.batch_number)) + 1;
        spec.permutation_batches.push({
          batch_number: number,
          batch_name: `Batch ${number}`,
          category: 'general',
          image_count: 1,
          prompt: `{subject} --sref ${state.project?.srefCode.trim() || 'CODE'}`,
          priority: 'medium',
          notes: '',
        });
      });
    },
    duplicateBatch(index) {
      mutateSpec((spec) => {
        const source = spec.permutation_batches[index];
        if (!source) return;
        const number = Math.max(0, ...spec.permutation_batches.map((b) => b.batch_number)) + 1;
        spec.permutation_batches.splice(index + 1, 0, { ...structuredClone(unwrap(source)), batch_number: number, batch_name: `${source.batch_name} (copy)`.slice(0, 80) });
      });
    },
    removeBatch(index) {
      mutateSpec((spec) => void spec.permutation_batches.splice(index, 1));
    },
    moveBatch(index, offset) {
      mutateSpec((spec) => {
        const target = index + offset;
        const list = spec.permutation_batches;
        if (target < 0 || target >= list.length) return;
        const [moved] = list.splice(index, 1);
        if (moved) list.splice(target, 0, moved);
      });
    },
    updateSpec(change) {
      mutateSpec(change);
    },
    async flush() {
      if (saveTimer) {
        clearTimeout(saveTimer);
        pendingSave = save();
      }
      await pendingSave;
    },
  };

  // Nothing lost on tab close: write pending changes when the page is hidden.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void actions.flush();
  });

  return [state, actions];
}
