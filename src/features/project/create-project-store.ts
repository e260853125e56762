/**
 * The current project: its images, sref, spec and step. Every change is saved to IndexedDB
 * (autosave, checked against the stored revision), so nothing the user makes is lost or misfiled:
 * - a failed save is retried and shown ("Not saved"), and leaving the project while unsaved asks
 *   first (UnsavedChangesError for the caller to confirm);
 * - changes still pending when the page is hidden or closed go to the unsaved journal at once;
 * - another tab's save reloads this copy (or, with changes here, offers a choice); a project
 *   deleted elsewhere is never written back;
 * - a new project is stored only once it holds something (no empty "Untitled project" left behind).
 * Components change projects only through these actions.
 */
import { batch as solidBatch } from 'solid-js';
import { createStore, produce, reconcile, unwrap } from 'solid-js/store';
import * as batchEdits from '../../domain/batch-edits';
import { MAX_IMAGES, withFreshIds, type AnalysisInfo, type ImageMeta, type Project, type ProjectStep } from '../../domain/project';
import type { DatasetSpecification, PermutationBatch } from '../../domain/schema';
import type { ProjectRepository } from '../../storage/project-repository';
import { clearJournal, writeJournalNow } from '../../storage/unsaved-journal';
import { ImageProcessingError, ProjectConflictError, ProjectDeletedError, UnsavedChangesError, toErrorInfo, type ErrorInfo } from '../../errors';
import { intakeImage } from '../upload/image-intake';
import { createSaveQueue } from './save-queue';
import { loadProjectRecord } from './load-project-record';
import { newProject, type ProjectImage } from './project-images';

export { newProject, type ProjectImage } from './project-images';

/** 'conflict': another tab saved a newer version; 'deleted': the project was deleted elsewhere. */
export type SaveState = 'saved' | 'saving' | 'error' | 'conflict' | 'deleted';

export interface ProjectState {
  project: Project | null;
  /** The stored revision this copy is based on (0: not stored yet). */
  revision: number;
  images: ProjectImage[];
  /** Changes not stored yet. */
  dirty: boolean;
  saveState: SaveState;
  saveError: ErrorInfo | null;
  /** Set when changes kept from the last visit could not be applied (another version was saved since). */
  recovered: Project | null;
}

export interface AddFilesOutcome {
  added: number;
  rejected: { name: string; error: unknown }[];
}

export interface LeaveOptions {
  /** The user chose to drop changes that could not be saved. */
  discardUnsaved?: boolean;
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

const SAVE_DELAY_MS = 250;

export function createProjectStore(repository: ProjectRepository, onSaveError: (error: unknown) => void): [ProjectState, ProjectActions] {
  const [state, setState] = createStore<ProjectState>({
    project: null,
    revision: 0,
    images: [],
    dirty: false,
    saveState: 'saved',
    saveError: null,
    recovered: null,
  });
  /** Counts changes, so a save that ran while the user kept editing leaves the project dirty. */
  let changeCount = 0;
  /** Unsaved changes beyond the step shown (which is this tab's view, not work to protect). */
  let unsavedContent = false;
  let journalWritten = false;

  const queue = createSaveQueue({
    debounceMs: SAVE_DELAY_MS,
    write: async () => {
      const project = state.project;
      if (!project || !state.dirty || state.saveState === 'conflict' || state.saveState === 'deleted') return true;
      const savedChange = changeCount;
      // While a failure is being retried, "Not saved" stays up (with its Retry) until a write succeeds.
      if (state.saveState !== 'error') setState({ saveState: 'saving' });
      const revision = await repository.save(structuredClone(unwrap(project)), state.revision);
      if (state.project?.id !== project.id) return true;
      const clean = savedChange === changeCount;
      if (clean) unsavedContent = false;
      setState({ revision, dirty: !clean, saveState: clean ? 'saved' : 'saving', saveError: null });
      if (journalWritten && clean) {
        journalWritten = false;
        void clearJournal(project.id).catch(() => undefined);
      }
      return clean;
    },
    isRetryable: (error) => !(error instanceof ProjectConflictError || error instanceof ProjectDeletedError),
    onError: (error) => {
      // Only the step was unsaved: take the other tab's version, staying on this tab's step.
      if (error instanceof ProjectConflictError && !unsavedContent) return void reloadKeepingStep();
      const saveState: SaveState = error instanceof ProjectConflictError ? 'conflict' : error instanceof ProjectDeletedError ? 'deleted' : 'error';
      setState({ saveState, saveError: toErrorInfo(error) });
      if (saveState === 'error') onSaveError(error);
    },
  });

  /** Every change to the project goes through here: stamp, mark dirty, autosave. */
  const mutate = (change: (project: Project) => void, options: { immediate?: boolean; content?: boolean } = {}) => {
    if (!state.project) return;
    setState(
      'project',
      produce((project) => {
        if (!project) return;
        change(project);
        project.updatedAt = Date.now();
      }),
    );
    // A step change alone does not make an unsaved new project worth keeping.
    if (options.content === false && state.revision === 0 && !state.dirty) return;
    if (options.content !== false) unsavedContent = true;
    changeCount += 1;
    setState('dirty', true);
    if (state.saveState === 'saved') setState('saveState', 'saving');
    queue.schedule({ immediate: options.immediate ?? false });
  };

  const mutateSpec = (change: (spec: DatasetSpecification) => void) =>
    mutate((project) => {
      if (project.spec) change(project.spec);
    });

  const show = (project: Project, revision: number, blobs: Map<string, Blob>, options: { dirty?: boolean } = {}) => {
    queue.cancel();
    for (const image of state.images) URL.revokeObjectURL(image.url);
    unsavedContent = options.dirty ?? false;
    solidBatch(() => {
      setState('project', reconcile(project));
      setState({
        revision,
        images: project.images.flatMap((meta) => {
          const blob = blobs.get(meta.id);
          return blob ? [{ meta, blob, url: URL.createObjectURL(blob) }] : [];
        }),
        dirty: options.dirty ?? false,
        saveState: options.dirty ? 'saving' : 'saved',
        saveError: null,
      });
    });
    changeCount += 1;
    if (options.dirty) queue.schedule({ immediate: true });
    void repository.setLastProjectId(project.id).catch(() => undefined);
  };

  /** Shows the stored version of the open project (saved by another tab), on this tab's step. */
  const reloadKeepingStep = async () => {
    const project = state.project;
    if (!project) return;
    const step = project.step;
    const loaded = await loadProjectRecord(repository, project.id);
    if (!loaded || state.project?.id !== project.id || unsavedContent) return;
    show({ ...loaded.project, step }, loaded.revision, loaded.blobs);
  };

  /** Saves what is pending before another project replaces this one; refuses to drop unsaved work silently. */
  const leave = async (options: LeaveOptions = {}) => {
    if (!state.project || !state.dirty) return;
    if (options.discardUnsaved) {
      queue.cancel();
      // A copy this tab journalled must not come back later as "changes from your last visit".
      if (journalWritten) void clearJournal(state.project.id).catch(() => undefined);
      journalWritten = false;
      return;
    }
    try {
      await queue.flush();
    } catch (error) {
      throw new UnsavedChangesError(state.project.name, error);
    }
    if (state.dirty) throw new UnsavedChangesError(state.project.name, state.saveError ?? new Error('The changes were not saved.'));
  };

  const openById = async (id: string): Promise<boolean> => {
    const loaded = await loadProjectRecord(repository, id);
    if (!loaded) return false;
    show(loaded.project, loaded.revision, loaded.blobs, { dirty: loaded.applyJournal });
    setState('recovered', loaded.conflictingJournal);
    return true;
  };

  /** Keeps a copy of the current (unsavable) project as a new stored project, with fresh ids. */
  const keepAsNew = async (project: Project, images: readonly ProjectImage[]) => {
    const fresh = withFreshIds(
      { ...structuredClone(unwrap(project)), name: `${project.name} (copy)`.slice(0, 120), updatedAt: Date.now() },
      images.map((image) => ({ meta: image.meta, blob: image.blob })),
      () => crypto.randomUUID(),
    );
    await repository.create(fresh.project, fresh.images);
    show(fresh.project, 1, new Map(fresh.images.map((image) => [image.meta.id, image.blob])));
  };

  const actions: ProjectActions = {
    async restore() {
      const id = await repository.lastProjectId();
      if (id && (await openById(id))) return;
      show(newProject(), 0, new Map());
    },
    async create(name, options) {
      await leave(options);
      show(newProject(name), 0, new Map());
    },
    async open(id, options) {
      await leave(options);
      if (!(await openById(id))) throw new Error('That project no longer exists.');
    },
    async adopt(project, images, options) {
      await leave(options);
      const fresh = withFreshIds({ ...project, updatedAt: Date.now() }, images, () => crypto.randomUUID());
      await repository.create(fresh.project, fresh.images);
      show(fresh.project, 1, new Map(fresh.images.map((image) => [image.meta.id, image.blob])));
    },
    async ensureStored() {
      if (!state.project || state.revision > 0) return;
      mutate(() => undefined, { immediate: true });
      await queue.flush();
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
        await queue.flush();
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
    flush: () => queue.flush(),
    async retrySave() {
      await queue.flush().catch(() => undefined);
    },
    async resolveConflict(choice) {
      const project = state.project;
      if (!project) return;
      if (choice === 'keep-as-new') return keepAsNew(project, state.images);
      if (!(await openById(project.id))) show(newProject(), 0, new Map());
    },
    async resolveRecovered(choice) {
      const recovered = state.recovered;
      setState('recovered', null);
      if (!recovered || choice === 'discard') return;
      await keepAsNew(recovered, state.images.filter((image) => recovered.images.some((meta) => meta.id === image.meta.id)));
    },
  };

  // Another tab saved or deleted the project shown here.
  repository.subscribe((event) => {
    const project = state.project;
    if (!project || event.projectId !== project.id) return;
    if (event.kind === 'deleted') {
      queue.cancel();
      setState({ saveState: 'deleted', saveError: toErrorInfo(new ProjectDeletedError(project.name)) });
      return;
    }
    if (event.revision <= state.revision) return;
    if (state.dirty && unsavedContent) {
      queue.cancel();
      setState({ saveState: 'conflict', saveError: toErrorInfo(new ProjectConflictError(project.name)) });
      return;
    }
    // Nothing unsaved here: show the newer version.
    void reloadKeepingStep();
  });

  // Changes still pending when the page is hidden or closed: journal them synchronously.
  const onPageHide = () => {
    const project = state.project;
    if (!project || !state.dirty || state.saveState === 'conflict' || state.saveState === 'deleted') return;
    if (writeJournalNow(structuredClone(unwrap(project)), state.revision)) journalWritten = true;
    void queue.flush().catch(() => undefined);
  };
  if (typeof window !== 'undefined') {
    window.addEventListener('pagehide', onPageHide);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') onPageHide();
    });
    // Ask before closing only when the work is really at risk (the journal covers a pending save).
    window.addEventListener('beforeunload', (event) => {
      if (state.dirty && state.saveState !== 'saving') event.preventDefault();
    });
  }

  return [state, actions];
}
