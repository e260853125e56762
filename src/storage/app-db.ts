/**
 * The app's IndexedDB database: projects, their style images, settings and the API key.
 * Model files and training sets have their own databases, so clearing one never touches another.
 *
 * Version 2 (integrity): images are keyed by [projectId, imageId], so two projects can never share
 * (and steal) an image record, and every project record carries a `revision` that each write checks.
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction } from 'idb';
import type { Project } from '../domain/project';
import { QuotaExceededError, StorageError } from '../errors';
import { createDatabaseHandle } from './open-database';
import { findIntegrityProblems, INTEGRITY_NOTICE_KEY, type IntegrityNotice } from './integrity-notice';

export interface StoredProject extends Project {
  /** Incremented by every write; a write that expects another revision is refused (another tab won). */
  revision: number;
}

export interface StoredImage {
  projectId: string;
  id: string;
  blob: Blob;
  /** When the bytes were stored: unlisted images younger than a grace period are not swept. */
  addedAt: number;
}

export interface AppDbSchema extends DBSchema {
  projects: { key: string; value: StoredProject; indexes: { updatedAt: number } };
  'project-images': { key: [string, string]; value: StoredImage; indexes: { projectId: string } };
  /** Small key/value records: settings, the last project id, the API key, one-time notices. */
  kv: { key: string; value: unknown };
}

export type AppDb = IDBPDatabase<AppDbSchema>;

export const APP_DB_NAME = 'lora-dataset-generator';
export const APP_DB_VERSION = 2;

const handle = createDatabaseHandle<AppDbSchema>(APP_DB_NAME, APP_DB_VERSION, async (db, oldVersion, _newVersion, tx) => {
  if (oldVersion < 1) {
    db.createObjectStore('projects', { keyPath: 'id' }).createIndex('updatedAt', 'updatedAt');
    db.createObjectStore('kv');
  }
  db.createObjectStore('project-images', { keyPath: ['projectId', 'id'] }).createIndex('projectId', 'projectId');
  if (oldVersion === 1) await migrateFromVersion1(db, tx);
});

export function openAppDb(): Promise<AppDb> {
  return handle.get();
}

/** The open connection, when there is one (for a synchronous start of a page-hide flush). */
export function currentAppDb(): AppDb | undefined {
  return handle.current();
}

interface Version1Image {
  id: string;
  projectId: string;
  blob: Blob;
}

/**
 * Version 1 keyed images by image id alone, so opening a saved project file moved the original's
 * images to the copy. Each image record moves under its owner's key unchanged; projects that list
 * images they no longer own (or that are gone) are recorded for a one-time notice. Nothing is
 * "repaired" by guessing which project an image really belonged to.
 */
async function migrateFromVersion1(db: AppDb, tx: IDBPTransaction<AppDbSchema, ('projects' | 'project-images' | 'kv')[], 'versionchange'>) {
  // The version-1 store is not in the current schema's types.
  const legacy = (tx as unknown as { objectStore(name: 'images'): { getAll(): Promise<Version1Image[]> } }).objectStore('images');
  const images = await legacy.getAll();
  const projects = await tx.objectStore('projects').getAll();
  const now = Date.now();
  for (const image of images) await tx.objectStore('project-images').put({ projectId: image.projectId, id: image.id, blob: image.blob, addedAt: now });
  for (const project of projects) await tx.objectStore('projects').put({ ...project, revision: 1 });
  const problems = findIntegrityProblems(projects, images);
  if (problems.length > 0) {
    const notice: IntegrityNotice = { foundAt: now, projects: problems };
    await tx.objectStore('kv').put(notice, INTEGRITY_NOTICE_KEY);
  }
  db.deleteObjectStore('images' as never);
}

/** Runs a write and turns browser storage failures into named errors the UI can explain. */
export async function guardedWrite<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isQuotaError(error)) throw new QuotaExceededError();
    if (error instanceof DOMException) throw new StorageError(`${error.name}: ${error.message}`);
    throw error;
  }
}

function isQuotaError(error: unknown): boolean {
  if (!(error instanceof DOMException)) return false;
  // A transaction aborted for quota reports AbortError with the QuotaExceededError as its error.
  return error.name === 'QuotaExceededError' || (error.name === 'AbortError' && /quota/i.test(error.message));
}
