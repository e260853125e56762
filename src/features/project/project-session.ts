/**
 * The open project's session with storage: what is shown, what is not saved yet, and the one way
 * it changes (mutate). Saves are debounced, checked against the stored revision and retried;
 * changes still pending when the page is hidden or closed go to the unsaved journal at once;
 * another tab's save reloads this copy (or, with changes here, becomes a conflict the user
 * decides); a project deleted elsewhere is never written back.
 */
import { batch as solidBatch } from 'solid-js';
import { createStore, produce, reconcile, unwrap, type SetStoreFunction } from 'solid-js/store';
import { withFreshIds, type ImageMeta, type Project } from '../../domain/project';
import type { ProjectRepository } from '../../storage/project-repository';
import { clearJournal, writeJournalNow } from '../../storage/unsaved-journal';
import { ProjectConflictError, ProjectDeletedError, UnsavedChangesError, toErrorInfo, type ErrorInfo } from '../../errors';
import { createSaveQueue } from './save-queue';
import { loadProjectRecord } from './load-project-record';
import type { ProjectImage } from './project-images';

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

export interface LeaveOptions {
  /** The user chose to drop changes that could not be saved. */
  discardUnsaved?: boolean;
}

export interface MutateOptions {
  /** Save now rather than after the debounce (results that took minutes to make). */
  immediate?: boolean;
  /** false: only this tab's view changed (the step), not work to protect. */
  content?: boolean;
}

export interface ProjectSession {
  state: ProjectState;
  setState: SetStoreFunction<ProjectState>;
  /** Every change to the project goes through here: stamp, mark dirty, autosave. */
  mutate(change: (project: Project) => void, options?: MutateOptions): void;
  /** Shows a project; `dirty`: it holds changes not stored yet (a journal's copy). */
  show(project: Project, revision: number, blobs: Map<string, Blob>, options?: { dirty?: boolean }): void;
  /** Loads a stored project (with what its journal kept); false if it does not exist. */
  openById(id: string): Promise<boolean>;
  /** Stores a project brought in from outside (with fresh ids) and shows it. */
  storeAsNew(project: Project, images: readonly { meta: ImageMeta; blob: Blob }[]): Promise<void>;
  /** Saves what is pending before another project replaces this one; refuses to drop unsaved work silently. */
  leave(options?: LeaveOptions): Promise<void>;
  /** Saves pending changes now; throws if they could not be saved. */
  flush(): Promise<void>;
}

const SAVE_DELAY_MS = 250;

export function createProjectSession(repository: ProjectRepository, onSaveError: (error: unknown) => void): ProjectSession {
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
      const revision = await repository.save(structuredClone(unwrap(project)), state.revision, { contentChanged: unsavedContent });
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
  const mutate = (change: (project: Project) => void, options: MutateOptions = {}) => {
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

  const storeAsNew = async (project: Project, images: readonly { meta: ImageMeta; blob: Blob }[]) => {
    const fresh = withFreshIds({ ...project, updatedAt: Date.now() }, images, () => crypto.randomUUID());
    await repository.create(fresh.project, fresh.images);
    show(fresh.project, 1, new Map(fresh.images.map((image) => [image.meta.id, image.blob])));
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
    if (state.dirty && unsavedContent && !event.contentChanged) {
      // The other tab only moved to another step: nothing of ours is at odds with it. Our next save
      // builds on its revision (and keeps this tab's step).
      setState('revision', event.revision);
      return;
    }
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

  return { state, setState, mutate, show, openById, storeAsNew, leave, flush: () => queue.flush() };
}
