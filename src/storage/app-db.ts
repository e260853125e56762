/**
 * The app's IndexedDB database: projects, their style images, settings and the API key.
 * Model files have their own store (src/models), so clearing one never touches the other.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Project } from '../domain/project';
import { QuotaExceededError, StorageError } from '../errors';

export interface StoredImage {
  id: string;
  projectId: string;
  blob: Blob;
}

interface AppDbSchema extends DBSchema {
  projects: { key: string; value: Project; indexes: { updatedAt: number } };
  images: { key: string; value: StoredImage; indexes: { projectId: string } };
  /** Small key/value records: settings, the current project id, the API key. */
  kv: { key: string; value: unknown };
}

export type AppDb = IDBPDatabase<AppDbSchema>;

const DB_NAME = 'lora-dataset-generator';
const DB_VERSION = 1;

let dbPromise: Promise<AppDb> | undefined;

export function openAppDb(): Promise<AppDb> {
  dbPromise ??= openDB<AppDbSchema>(DB_NAME, DB_VERSION, {
    upgrade(db) {
      const projects = db.createObjectStore('projects', { keyPath: 'id' });
      projects.createIndex('updatedAt', 'updatedAt');
      const images = db.createObjectStore('images', { keyPath: 'id' });
      images.createIndex('projectId', 'projectId');
      db.createObjectStore('kv');
    },
  });
  return dbPromise;
}

/** Runs a write and turns browser storage failures into named errors the UI can explain. */
export async function guardedWrite<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof DOMException && error.name === 'QuotaExceededError') throw new QuotaExceededError();
    if (error instanceof DOMException) throw new StorageError(`${error.name}: ${error.message}`);
    throw error;
  }
}
