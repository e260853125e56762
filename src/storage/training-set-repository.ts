/**
 * Where a project's training set lives: its own IndexedDB database ('lora-training-sets'), so
 * hundreds of generated images never slow down or bloat the projects database. Image records,
 * their bytes and thumbnails, and the set's settings are separate stores: listing a set never
 * loads the full-size images.
 */
import type { DBSchema, IDBPDatabase } from 'idb';
import type { TrainingImage } from '../domain/training-set/training-image';
import { guardedWrite } from './app-db';
import { createDatabaseHandle } from './open-database';
import type { ProjectDependent } from './project-repository';
import type { TrainingSetSettings } from '../domain/training-set/training-set-settings';

export interface StoredTrainingImage extends TrainingImage {
  projectId: string;
}

interface StoredFile {
  id: string;
  blob: Blob;
  thumbnail: Blob;
}

interface StoredSettings extends TrainingSetSettings {
  projectId: string;
}

interface TrainingSetDbSchema extends DBSchema {
  images: { key: string; value: StoredTrainingImage; indexes: { projectId: string } };
  files: { key: string; value: StoredFile };
  settings: { key: string; value: StoredSettings };
}

const DB_NAME = 'lora-training-sets';
const DB_VERSION = 1;

export interface NewTrainingImage {
  image: TrainingImage;
  blob: Blob;
  thumbnail: Blob;
}

export interface TrainingSetRepository extends ProjectDependent {
  loadImages(projectId: string): Promise<TrainingImage[]>;
  loadSettings(projectId: string): Promise<TrainingSetSettings | null>;
  addImages(projectId: string, entries: readonly NewTrainingImage[]): Promise<void>;
  updateImages(projectId: string, images: readonly TrainingImage[]): Promise<void>;
  removeImages(ids: readonly string[]): Promise<void>;
  saveSettings(projectId: string, settings: TrainingSetSettings): Promise<void>;
  readImage(id: string): Promise<Blob>;
  readThumbnail(id: string): Promise<Blob | null>;
}

export function createTrainingSetRepository(): TrainingSetRepository {
  const handle = createDatabaseHandle<TrainingSetDbSchema>(DB_NAME, DB_VERSION, (database) => {
    database.createObjectStore('images', { keyPath: 'id' }).createIndex('projectId', 'projectId');
    database.createObjectStore('files', { keyPath: 'id' });
    database.createObjectStore('settings', { keyPath: 'projectId' });
  });
  const db = () => handle.get();

  return {
    async loadImages(projectId) {
      const stored = await (await db()).getAllFromIndex('images', 'projectId', projectId);
      return stored.map(({ projectId: _projectId, ...image }) => image);
    },

    async loadSettings(projectId) {
      const stored = await (await db()).get('settings', projectId);
      if (!stored) return null;
      const { projectId: _projectId, ...settings } = stored;
      return settings;
    },

    addImages(projectId, entries) {
      return guardedWrite(async () => {
        const tx = (await db()).transaction(['images', 'files'], 'readwrite');
        // add(), not put(): an image id already stored (for any project) is an error, never an overwrite.
        for (const { image, blob, thumbnail } of entries) {
          void tx.objectStore('images').add({ ...image, projectId });
          void tx.objectStore('files').add({ id: image.id, blob, thumbnail });
        }
        await tx.done;
      });
    },

    updateImages(projectId, images) {
      return guardedWrite(async () => {
        const tx = (await db()).transaction('images', 'readwrite');
        // Only records this project still owns: an image removed (or a project deleted) meanwhile stays gone.
        const owned = await Promise.all(images.map(async (image) => ((await tx.store.get(image.id))?.projectId === projectId ? image : null)));
        for (const image of owned) if (image) void tx.store.put({ ...image, projectId });
        await tx.done;
      });
    },

    removeImages(ids) {
      return guardedWrite(async () => {
        const tx = (await db()).transaction(['images', 'files'], 'readwrite');
        for (const id of ids) {
          void tx.objectStore('images').delete(id);
          void tx.objectStore('files').delete(id);
        }
        await tx.done;
      });
    },

    saveSettings(projectId, settings) {
      return guardedWrite(async () => {
        await (await db()).put('settings', { ...settings, projectId });
      });
    },

    async readImage(id) {
      const file = await (await db()).get('files', id);
      if (!file) throw new Error(`The image ${id} is missing from this browser's storage.`);
      return file.blob;
    },

    async removeProject(projectId) {
      await guardedWrite(async () => {
        const tx = (await db()).transaction(['images', 'files', 'settings'], 'readwrite');
        const ids = await tx.objectStore('images').index('projectId').getAllKeys(projectId);
        for (const id of ids) {
          void tx.objectStore('images').delete(id);
          void tx.objectStore('files').delete(id);
        }
        void tx.objectStore('settings').delete(projectId);
        await tx.done;
      });
    },

    async projectIds() {
      const database = await db();
      const [imageOwners, settingsOwners] = await Promise.all([uniqueIndexKeys(database), database.getAllKeys('settings')]);
      return [...new Set([...imageOwners, ...settingsOwners])];
    },

    async readThumbnail(id) {
      return (await (await db()).get('files', id))?.thumbnail ?? null;
    },
  };
}

/** Distinct project ids of the stored images, read from the index without loading any record. */
async function uniqueIndexKeys(database: IDBPDatabase<TrainingSetDbSchema>): Promise<string[]> {
  const ids: string[] = [];
  const index = database.transaction('images').store.index('projectId');
  for (let cursor = await index.openKeyCursor(null, 'nextunique'); cursor; cursor = await cursor.continue()) ids.push(cursor.key);
  return ids;
}
