/**
 * Reads the app's databases from the page (as the browser stores them), for integrity checks:
 * every project with its revision and listed images, every stored image record by owner, and the
 * training-set records by owner. Read-only: tests look, the app writes.
 */
import type { BrowserContext, Page } from '@playwright/test';

export interface StoredProjectView {
  id: string;
  name: string;
  revision: number;
  srefCode: string;
  imageIds: string[];
  specSref: string | null;
  isExample: boolean;
}

export interface StorageSnapshot {
  projects: StoredProjectView[];
  /** `${projectId}/${imageId}` of every stored style image. */
  images: string[];
  /** Owner project ids of training-set image records and settings. */
  trainingOwners: string[];
}

export function readStorage(page: Page): Promise<StorageSnapshot> {
  return page.evaluate(async () => {
    const open = (name: string) =>
      new Promise<IDBDatabase | null>((resolve, reject) => {
        const request = indexedDB.open(name);
        let created = false;
        request.onupgradeneeded = () => {
          created = true;
        };
        request.onsuccess = () => {
          if (!created) return resolve(request.result);
          // The app never opened it: do not leave an empty database behind.
          request.result.close();
          indexedDB.deleteDatabase(name);
          resolve(null);
        };
        request.onerror = () => reject(request.error);
      });
    const all = <T>(db: IDBDatabase, store: string) =>
      new Promise<T[]>((resolve, reject) => {
        if (!db.objectStoreNames.contains(store)) return resolve([]);
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as T[]);
        request.onerror = () => reject(request.error);
      });
    const app = await open('lora-dataset-generator');
    type Row = { id: string; name: string; revision: number; srefCode: string; images: { id: string }[]; spec: { sref_code: string } | null; isExample: boolean };
    const projects = app ? await all<Row>(app, 'projects') : [];
    const images = app ? await all<{ projectId: string; id: string }>(app, 'project-images') : [];
    app?.close();
    const training = await open('lora-training-sets');
    const trainingImages = training ? await all<{ projectId: string }>(training, 'images') : [];
    const trainingSettings = training ? await all<{ projectId: string }>(training, 'settings') : [];
    training?.close();
    return {
      projects: projects.map((project) => ({
        id: project.id,
        name: project.name,
        revision: project.revision,
        srefCode: project.srefCode,
        imageIds: project.images.map((image) => image.id),
        specSref: project.spec?.sref_code ?? null,
        isExample: project.isExample,
      })),
      images: images.map((image) => `${image.projectId}/${image.id}`),
      trainingOwners: [...trainingImages, ...trainingSettings].map((record) => record.projectId),
    };
  });
}

/** Problems with what is stored: a project missing one of its images, or images nobody lists. */
export function integrityProblems(snapshot: StorageSnapshot): string[] {
  const problems: string[] = [];
  const stored = new Set(snapshot.images);
  const listed = new Set<string>();
  for (const project of snapshot.projects) {
    for (const imageId of project.imageIds) {
      const key = `${project.id}/${imageId}`;
      listed.add(key);
      if (!stored.has(key)) problems.push(`“${project.name}” lists image ${imageId} but it is not stored for it`);
    }
  }
  const projectIds = new Set(snapshot.projects.map((project) => project.id));
  for (const owner of snapshot.trainingOwners) if (!projectIds.has(owner)) problems.push(`training-set records of a project that does not exist (${owner})`);
  return problems;
}

/**
 * A full disk for IndexedDB. Chromium's DevTools quota override (Storage.overrideQuotaForOrigin)
 * does not reach IndexedDB once the origin has written (probed here: writes keep succeeding with a
 * 1-byte quota), so while `setStorageFull(page, true)` is on, every put/add/delete throws the
 * DOMException a full disk raises. Install before the app loads.
 */
export async function installStorageFullSwitch(target: Page | BrowserContext): Promise<void> {
  await target.addInitScript(() => {
    const full = () => (globalThis as { __storageFull?: boolean }).__storageFull === true;
    for (const method of ['put', 'add', 'delete'] as const) {
      const original = IDBObjectStore.prototype[method] as (...args: unknown[]) => IDBRequest;
      IDBObjectStore.prototype[method] = function (this: IDBObjectStore, ...args: unknown[]) {
        if (full()) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return original.apply(this, args);
      } as never;
    }
  });
}

export async function setStorageFull(page: Page, full: boolean): Promise<void> {
  await page.evaluate((value) => void ((globalThis as { __storageFull?: boolean }).__storageFull = value), full);
}
