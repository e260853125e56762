/** Projects and their style images in IndexedDB. */
import type { ImageMeta, Project } from '../domain/project';
import { guardedWrite, openAppDb, type StoredImage } from './app-db';

const CURRENT_PROJECT_KEY = 'current-project-id';

export interface ProjectRepository {
  list(): Promise<Project[]>;
  get(id: string): Promise<Project | undefined>;
  save(project: Project): Promise<void>;
  /** Saves a project and all of its images in one transaction (import, example). */
  saveWithImages(project: Project, images: { meta: ImageMeta; blob: Blob }[]): Promise<void>;
  remove(id: string): Promise<void>;
  images(projectId: string): Promise<StoredImage[]>;
  putImage(image: StoredImage): Promise<void>;
  removeImage(imageId: string): Promise<void>;
  currentProjectId(): Promise<string | undefined>;
  setCurrentProjectId(id: string | undefined): Promise<void>;
}

export function createProjectRepository(): ProjectRepository {
  return {
    async list() {
      const db = await openAppDb();
      const projects = await db.getAllFromIndex('projects', 'updatedAt');
      return projects.reverse();
    },
    async get(id) {
      return (await openAppDb()).get('projects', id);
    },
    async save(project) {
      const db = await openAppDb();
      await guardedWrite(() => db.put('projects', project));
    },
    async saveWithImages(project, images) {
      const db = await openAppDb();
      await guardedWrite(async () => {
        const tx = db.transaction(['projects', 'images'], 'readwrite');
        await Promise.all([
          tx.objectStore('projects').put(project),
          ...images.map(({ meta, blob }) => tx.objectStore('images').put({ id: meta.id, projectId: project.id, blob })),
          tx.done,
        ]);
      });
    },
    async remove(id) {
      const db = await openAppDb();
      const tx = db.transaction(['projects', 'images'], 'readwrite');
      const imageKeys = await tx.objectStore('images').index('projectId').getAllKeys(id);
      await Promise.all([
        tx.objectStore('projects').delete(id),
        ...imageKeys.map((key) => tx.objectStore('images').delete(key)),
        tx.done,
      ]);
    },
    async images(projectId) {
      return (await openAppDb()).getAllFromIndex('images', 'projectId', projectId);
    },
    async putImage(image) {
      const db = await openAppDb();
      await guardedWrite(() => db.put('images', image));
    },
    async removeImage(imageId) {
      await (await openAppDb()).delete('images', imageId);
    },
    async currentProjectId() {
      const value = await (await openAppDb()).get('kv', CURRENT_PROJECT_KEY);
      return typeof value === 'string' ? value : undefined;
    },
    async setCurrentProjectId(id) {
      const db = await openAppDb();
      if (id === undefined) await db.delete('kv', CURRENT_PROJECT_KEY);
      else await guardedWrite(() => db.put('kv', id, CURRENT_PROJECT_KEY));
    },
  };
}
