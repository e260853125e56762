/**
 * Projects and their style images in IndexedDB, safe with several tabs open:
 * - every write checks the stored revision inside its transaction (a stale tab's write is refused
 *   with ProjectConflictError, a write to a deleted project with ProjectDeletedError: a deleted
 *   project never comes back), under the project's Web Lock;
 * - images are keyed by [projectId, imageId]: no project can hold another's image record;
 * - deleting a project deletes what it owns in every database (its `dependents`);
 * - other tabs hear of each save and delete (BroadcastChannel).
 */
import type { ImageMeta, Project } from '../domain/project';
import { ProjectConflictError, ProjectDeletedError } from '../errors';
import { currentAppDb, guardedWrite, openAppDb, type AppDb, type StoredImage, type StoredProject } from './app-db';
import { INTEGRITY_NOTICE_KEY, isIntegrityNotice, type IntegrityNotice } from './integrity-notice';
import { createProjectChannel, type ProjectEvent } from './project-channel';
import { withProjectLock } from './project-lock';

const LAST_PROJECT_KEY = 'current-project-id';
const TAB_PROJECT_KEY = 'lora-current-project-id';

export interface ProjectRecord {
  project: Project;
  /** The stored revision this copy was read at; 0 for a project not stored yet. */
  revision: number;
  images: StoredImage[];
}

/** Another database holding records owned by a project (the training sets). */
export interface ProjectDependent {
  removeProject(projectId: string): Promise<void>;
  projectIds(): Promise<string[]>;
}

export interface SaveOptions {
  /**
   * Page is being hidden or closed: start the transaction synchronously, without waiting for the
   * lock (the revision check inside the transaction still refuses a stale write).
   */
  urgent?: boolean;
  /**
   * Whether the write changes what the user made (false: only where the tab stands, its step).
   * Told to the other tabs, so a tab with unsaved edits is not stopped by another tab's step change.
   */
  contentChanged?: boolean;
}

export interface ProjectRepository {
  list(): Promise<Project[]>;
  load(id: string): Promise<ProjectRecord | undefined>;
  /** Stores a new project with its images in one transaction; never overwrites (ids must be fresh). */
  create(project: Project, images: readonly { meta: ImageMeta; blob: Blob }[]): Promise<number>;
  /** Stores the project if the stored revision is still `expected` (0: not stored yet). Returns the new revision. */
  save(project: Project, expected: number, options?: SaveOptions): Promise<number>;
  /** Read-modify-write of a stored project that is not open here (results of work bound to it). */
  update(id: string, change: (project: Project) => void): Promise<number>;
  /** Stores an image's bytes for a project; refused if the project was deleted. */
  putImage(projectId: string, expected: number, imageId: string, blob: Blob): Promise<void>;
  removeImages(projectId: string, imageIds: readonly string[]): Promise<void>;
  /** Deletes the project and everything it owns, in every database. */
  remove(id: string): Promise<void>;
  /** Removes records no stored project owns (left by a crash mid-delete, or a write racing one). */
  sweepOrphans(options?: { graceMs?: number }): Promise<number>;
  lastProjectId(): Promise<string | undefined>;
  setLastProjectId(id: string): Promise<void>;
  integrityNotice(): Promise<IntegrityNotice | null>;
  dismissIntegrityNotice(): Promise<void>;
  /** Saves and deletes made in other tabs. */
  subscribe(listener: (event: ProjectEvent) => void): () => void;
}

/** Unlisted images younger than this may belong to an edit not saved yet (another tab's): kept. */
const ORPHAN_GRACE_MS = 60 * 60 * 1000;

export function createProjectRepository(options: { dependents?: readonly ProjectDependent[] } = {}): ProjectRepository {
  const dependents = options.dependents ?? [];
  const channel = createProjectChannel();

  const checkedPut = async (db: AppDb, project: Project, expected: number): Promise<number> => {
    const tx = db.transaction('projects', 'readwrite');
    const stored = await tx.store.get(project.id);
    if (!stored && expected > 0) throw new ProjectDeletedError(project.name);
    if (stored && stored.revision !== expected) throw new ProjectConflictError(project.name);
    const revision = expected + 1;
    await tx.store.put({ ...project, revision });
    await tx.done;
    return revision;
  };

  const announce = (event: ProjectEvent) => channel.post(event);

  const repository: ProjectRepository = {
    async list() {
      const stored = await (await openAppDb()).getAllFromIndex('projects', 'updatedAt');
      return stored.reverse().map(withoutRevision);
    },

    async load(id) {
      const db = await openAppDb();
      const tx = db.transaction(['projects', 'project-images'], 'readonly');
      const [stored, images] = await Promise.all([tx.objectStore('projects').get(id), tx.objectStore('project-images').index('projectId').getAll(id)]);
      if (!stored) return undefined;
      return { project: withoutRevision(stored), revision: stored.revision, images };
    },

    create(project, images) {
      return withProjectLock(project.id, () =>
        guardedWrite(async () => {
          const db = await openAppDb();
          const tx = db.transaction(['projects', 'project-images'], 'readwrite');
          const addedAt = Date.now();
          // add(), not put(): a project or image id that exists already is an error, never an overwrite.
          await Promise.all([
            tx.objectStore('projects').add({ ...project, revision: 1 }),
            ...images.map(({ meta, blob }) => tx.objectStore('project-images').add({ projectId: project.id, id: meta.id, blob, addedAt })),
            tx.done,
          ]);
          announce({ kind: 'saved', projectId: project.id, revision: 1, contentChanged: true });
          return 1;
        }),
      );
    },

    async save(project, expected, saveOptions = {}) {
      const open = currentAppDb();
      const write = async (db: AppDb) => {
        const revision = await guardedWrite(() => checkedPut(db, project, expected));
        announce({ kind: 'saved', projectId: project.id, revision, contentChanged: saveOptions.contentChanged ?? true });
        return revision;
      };
      if (saveOptions.urgent && open) return write(open);
      return withProjectLock(project.id, async () => write(await openAppDb()));
    },

    update(id, change) {
      return withProjectLock(id, () =>
        guardedWrite(async () => {
          const db = await openAppDb();
          const tx = db.transaction('projects', 'readwrite');
          const stored = await tx.store.get(id);
          if (!stored) throw new ProjectDeletedError();
          const project = withoutRevision(stored);
          change(project);
          const revision = stored.revision + 1;
          await tx.store.put({ ...project, revision });
          await tx.done;
          announce({ kind: 'saved', projectId: id, revision, contentChanged: true });
          return revision;
        }),
      );
    },

    async putImage(projectId, expected, imageId, blob) {
      await guardedWrite(async () => {
        const db = await openAppDb();
        const tx = db.transaction(['projects', 'project-images'], 'readwrite');
        const stored = await tx.objectStore('projects').get(projectId);
        // Nothing written yet: leaving the transaction to finish empty is enough.
        if (!stored && expected > 0) throw new ProjectDeletedError();
        await tx.objectStore('project-images').put({ projectId, id: imageId, blob, addedAt: Date.now() });
        await tx.done;
      });
    },

    async removeImages(projectId, imageIds) {
      const db = await openAppDb();
      const tx = db.transaction('project-images', 'readwrite');
      await Promise.all([...imageIds.map((id) => tx.store.delete([projectId, id])), tx.done]);
    },

    remove(id) {
      return withProjectLock(id, async () => {
        const db = await openAppDb();
        const tx = db.transaction(['projects', 'project-images'], 'readwrite');
        const imageKeys = await tx.objectStore('project-images').index('projectId').getAllKeys(id);
        await Promise.all([tx.objectStore('projects').delete(id), ...imageKeys.map((key) => tx.objectStore('project-images').delete(key)), tx.done]);
        announce({ kind: 'deleted', projectId: id });
        // The project is gone first (what the user asked for); if this part fails, sweepOrphans finishes it.
        for (const dependent of dependents) await dependent.removeProject(id);
      });
    },

    async sweepOrphans(sweepOptions = {}) {
      const graceMs = sweepOptions.graceMs ?? ORPHAN_GRACE_MS;
      const db = await openAppDb();
      const projects = new Map((await db.getAll('projects')).map((project) => [project.id, new Set(project.images.map((image) => image.id))]));
      let removed = 0;
      const tx = db.transaction('project-images', 'readwrite');
      const now = Date.now();
      for (let cursor = await tx.store.openCursor(); cursor; cursor = await cursor.continue()) {
        const image = cursor.value;
        const listed = projects.get(image.projectId)?.has(image.id) ?? false;
        if (!listed && now - image.addedAt > graceMs) {
          await cursor.delete();
          removed += 1;
        }
      }
      await tx.done;
      for (const dependent of dependents) {
        for (const projectId of await dependent.projectIds()) {
          if (projects.has(projectId)) continue;
          // Re-checked under the lock: the project may have been stored in the meantime.
          await withProjectLock(projectId, async () => {
            if (!(await (await openAppDb()).count('projects', projectId))) await dependent.removeProject(projectId);
          });
          removed += 1;
        }
      }
      return removed;
    },

    async lastProjectId() {
      const forThisTab = readTabProjectId();
      if (forThisTab) return forThisTab;
      const value = await (await openAppDb()).get('kv', LAST_PROJECT_KEY);
      return typeof value === 'string' ? value : undefined;
    },

    async setLastProjectId(id) {
      // Per tab first (two tabs on two projects each reload their own), then the last one used anywhere.
      writeTabProjectId(id);
      const db = await openAppDb();
      await guardedWrite(() => db.put('kv', id, LAST_PROJECT_KEY));
    },

    async integrityNotice() {
      const value = await (await openAppDb()).get('kv', INTEGRITY_NOTICE_KEY);
      return isIntegrityNotice(value) ? value : null;
    },

    async dismissIntegrityNotice() {
      await (await openAppDb()).delete('kv', INTEGRITY_NOTICE_KEY);
    },

    subscribe: (listener) => channel.subscribe(listener),
  };
  return repository;
}

function withoutRevision(stored: StoredProject): Project {
  const { revision: _revision, ...project } = stored;
  return project;
}

function readTabProjectId(): string | undefined {
  try {
    return globalThis.sessionStorage?.getItem(TAB_PROJECT_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

function writeTabProjectId(id: string): void {
  try {
    globalThis.sessionStorage?.setItem(TAB_PROJECT_KEY, id);
  } catch {
    // Storage blocked: the shared record below still works.
  }
}
