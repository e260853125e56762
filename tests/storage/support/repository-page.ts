/**
 * Runs in the test page: the real project repository (and the app database behind it), driven by
 * the test through `call`. Errors come back as their kind, events from other tabs are recorded.
 */
import { openAppDb } from '../../../src/storage/app-db';
import { createProjectRepository } from '../../../src/storage/project-repository';
import type { Project } from '../../../src/domain/project';
import { toErrorInfo } from '../../../src/errors';

const repository = createProjectRepository();
export const events: unknown[] = [];
repository.subscribe((event) => events.push(event));

function project(id: string, name: string, imageCount: number): Project {
  return {
    id,
    name,
    createdAt: 1,
    updatedAt: 1,
    srefCode: '1',
    images: Array.from({ length: imageCount }, (_, index) => ({ id: `image-${index}`, name: `${index}.png`, type: 'image/png', size: 1, width: 64, height: 64 })),
    spec: null,
    analysis: null,
    step: 'upload',
    isExample: false,
  };
}

const methods: Record<string, (...args: never[]) => Promise<unknown>> = {
  createProject: (id: string, name: string, images: number) => {
    const created = project(id, name, images);
    return repository.create(created, created.images.map((meta) => ({ meta, blob: new Blob(['x'], { type: 'image/png' }) })));
  },
  saveName: async (id: string, name: string, expected: number) => repository.save({ ...project(id, name, 0), images: (await repository.load(id))?.project.images ?? [] }, expected),
  putImage: (id: string, expected: number, imageId: string) => repository.putImage(id, expected, imageId, new Blob(['y'])),
  remove: (id: string) => repository.remove(id),
  async snapshot() {
    const db = await openAppDb();
    return {
      projects: (await db.getAll('projects')).map((stored) => stored.id),
      images: (await db.getAll('project-images')).map((image) => `${image.projectId}/${image.id}`),
    };
  },
  async revisions() {
    return Object.fromEntries((await (await openAppDb()).getAll('projects')).map((stored) => [stored.id, stored.revision]));
  },
};

export async function call(method: string, args: unknown[]): Promise<{ ok: true; value: unknown } | { ok: false; kind: string }> {
  try {
    return { ok: true, value: await (methods[method] as (...args: unknown[]) => Promise<unknown>)(...args) };
  } catch (error) {
    return { ok: false, kind: toErrorInfo(error).kind };
  }
}

export async function reset(): Promise<void> {
  const db = await openAppDb();
  await Promise.all([db.clear('projects'), db.clear('project-images'), db.clear('kv')]);
  events.length = 0;
}

/**
 * Writes a version-1 database as the earlier app left it after "open a saved project file": the
 * copy re-used the original's image ids and the image records (keyed by image id) now name the
 * copy as owner. Then opens the app database, which upgrades it. Call in a fresh context only.
 */
export async function upgradeFromVersion1(): Promise<{ images: string[]; notice: unknown; revisions: Record<string, number> }> {
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.open('lora-dataset-generator', 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      db.createObjectStore('projects', { keyPath: 'id' }).createIndex('updatedAt', 'updatedAt');
      db.createObjectStore('images', { keyPath: 'id' }).createIndex('projectId', 'projectId');
      db.createObjectStore('kv');
      const tx = request.transaction!;
      tx.objectStore('projects').put(project('original', 'Original', 2));
      tx.objectStore('projects').put(project('copy', 'Copy', 2));
      tx.objectStore('projects').put(project('healthy', 'Healthy', 0));
      for (const id of ['image-0', 'image-1']) tx.objectStore('images').put({ id, projectId: 'copy', blob: new Blob([id]) });
    };
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
    request.onerror = () => reject(request.error);
  });
  const db = await openAppDb();
  return {
    images: (await db.getAll('project-images')).map((image) => `${image.projectId}/${image.id}`),
    notice: await repository.integrityNotice(),
    revisions: Object.fromEntries((await db.getAll('projects')).map((stored) => [stored.id, stored.revision])),
  };
}
