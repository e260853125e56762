/**
 * The current project: its images, sref, spec and step, and the only way components change them.
 * Storage (autosave, other tabs, the unsaved journal) is the session's job (project-session.ts);
 * a new project is stored only once it holds something (no empty "Untitled project" left behind).
 */
import { unwrap } from 'solid-js/store';
import * as batchEdits from '../../domain/batch-edits';
import { MAX_IMAGES, type AnalysisInfo, type ImageMeta, type Project, type ProjectStep } from '../../domain/project';
import type { DatasetSpecification, PermutationBatch } from '../../domain/schema';
import type { ProjectRepository } from '../../storage/project-repository';
import { ImageProcessingError } from '../../errors';
import { intakeImage } from '../upload/image-intake';
import { newProject, type ProjectImage } from './project-images';
import { createProjectSession, type LeaveOptions, type ProjectState } from './project-session';

export { newProject, type ProjectImage } from './project-images';
export type { LeaveOptions, ProjectState, SaveState } from './project-session';

export interface AddFilesOutcome {
  added: number;
  rejected: { name: string; error: unknown }[];
}

export interface ProjectActions {
  restore(): Promise<void>;
  create(name?: string, options?: LeaveOptions): Promise<void>;
  open(id: string, options?: LeaveOptions): Promise<void>;
  /** Opens a project brought in from outside (file, example): stored with fresh ids. */
  adopt(project: Project, images: { meta: ImageMeta; blob: Blob }[], options?: LeaveOptions): Promise<void>;
  /** Stores a new project now (before work that other records will point at, like a training set). */
  ensureStored(): Promise<void>;
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
  /** Saves pending changes now; throws if they could not be saved. */
  flush(): Promise<void>;
  retrySave(): Promise<void>;
  /** After a conflict or a delete elsewhere: load the stored version, or keep this copy as a new project. */
  resolveConflict(choice: 'load-stored' | 'keep-as-new'): Promise<void>;
  /** After a recovered copy could not be applied: keep it as a new project, or drop it. */
  resolveRecovered(choice: 'keep-as-new' | 'discard'): Promise<void>;
}

export function createProjectStore(repository: ProjectRepository, onSaveError: (error: unknown) => void): [ProjectState, ProjectActions] {
  const session = createProjectSession(repository, onSaveError);
  const { state, setState, mutate, show, leave } = session;

  const mutateSpec = (change: (spec: DatasetSpecification) => void) =>
    mutate((project) => {
      if (project.spec) change(project.spec);
    });

  /** A copy of a project this tab cannot save (conflict, deleted elsewhere), stored as a new one. */
  const keepAsNew = (project: Project, images: readonly ProjectImage[]) =>
    session.storeAsNew(
      { ...structuredClone(unwrap(project)), name: `${project.name} (copy)`.slice(0, 120) },
      images.map((image) => ({ meta: image.meta, blob: image.blob })),
    );

  const actions: ProjectActions = {
    async restore() {
      const id = await repository.lastProjectId();
      if (id && (await session.openById(id))) return;
      show(newProject(), 0, new Map());
    },
    async create(name, options) {
      await leave(options);
      show(newProject(name), 0, new Map());
    },
    async open(id, options) {
      await leave(options);
      if (!(await session.openById(id))) throw new Error('That project no longer exists.');
    },
    async adopt(project, images, options) {
      await leave(options);
      await session.storeAsNew(project, images);
    },
    async ensureStored() {
      if (!state.project || state.revision > 0) return;
      mutate(() => undefined, { immediate: true });
      await session.flush();
    },
    rename(name) {
      const trimmed = name.trim();
      if (trimmed) mutate((project) => void (project.name = trimmed.slice(0, 120)));
    },
    setSref(text) {
      mutate((project) => void (project.srefCode = text.slice(0, 500)));
    },
    setStep(step) {
      mutate((project) => void (project.step = step), { content: false });
    },
    async addFiles(files) {
      const outcome: AddFilesOutcome = { added: 0, rejected: [] };
      const project = state.project;
      if (!project) return outcome;
      for (const file of files) {
        if (state.project?.id !== project.id) break;
        if (state.images.length >= MAX_IMAGES) {
          outcome.rejected.push({ name: file.name, error: new ImageProcessingError(file.name || 'image', `was not added: a project holds at most ${MAX_IMAGES} images.`) });
          continue;
        }
        try {
          const accepted = await intakeImage(file);
          if (state.project?.id !== project.id) break;
          await repository.putImage(project.id, state.revision, accepted.meta.id, accepted.blob);
          setState('images', (images) => [...images, { ...accepted, url: URL.createObjectURL(accepted.blob) }]);
          mutate((p) => void p.images.push(accepted.meta), { immediate: true });
          outcome.added += 1;
        } catch (error) {
          outcome.rejected.push({ name: file.name, error });
        }
      }
      return outcome;
    },
    async removeImage(id) {
      const project = state.project;
      const image = state.images.find((candidate) => candidate.meta.id === id);
      if (!project || !image) return;
      setState('images', (images) => images.filter((candidate) => candidate.meta.id !== id));
      mutate((p) => void (p.images = p.images.filter((meta) => meta.id !== id)), { immediate: true });
      // The bytes go only once the project no longer lists them (else a failed save would leave a hole).
      try {
        await session.flush();
        await repository.removeImages(project.id, [id]);
        URL.revokeObjectURL(image.url);
      } catch {
        // Not saved yet: the bytes stay (the "Not saved" state tells the user); a later sweep removes them.
      }
    },
    setAnalysis(spec, info) {
      // Saved at once: an analysis is minutes of work, and the tab may close right after it.
      mutate(
        (project) => {
          project.spec = structuredClone(spec);
          project.analysis = info;
          project.isExample = false;
        },
        { immediate: true },
      );
    },
    updateBatch: (index, patch) => mutateSpec((spec) => batchEdits.updateBatch(spec, index, patch)),
    addBatch: () => mutateSpec((spec) => batchEdits.addBatch(spec, state.project?.srefCode ?? '')),
    duplicateBatch: (index) => mutateSpec((spec) => batchEdits.duplicateBatch(spec, index)),
    removeBatch: (index) => mutateSpec((spec) => batchEdits.removeBatch(spec, index)),
    moveBatch: (index, offset) => mutateSpec((spec) => batchEdits.moveBatch(spec, index, offset)),
    updateSpec: (change) => mutateSpec(change),
    flush: () => session.flush(),
    async retrySave() {
      await session.flush().catch(() => undefined);
    },
    async resolveConflict(choice) {
      const project = state.project;
      if (!project) return;
      if (choice === 'keep-as-new') return keepAsNew(project, state.images);
      if (!(await session.openById(project.id))) show(newProject(), 0, new Map());
    },
    async resolveRecovered(choice) {
      const recovered = state.recovered;
      setState('recovered', null);
      if (!recovered || choice === 'discard') return;
      await keepAsNew(recovered, state.images.filter((image) => recovered.images.some((meta) => meta.id === image.meta.id)));
    },
  };

  return [state, actions];
}
