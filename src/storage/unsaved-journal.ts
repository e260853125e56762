/**
 * The last unsaved copy of a project, written when the page is hidden or closed with changes not
 * saved yet. A checked save needs a read before its write, which an unloading page may never get
 * to; this is one blind put of a side record, issued synchronously and committed at once. The
 * next load applies it through the normal checked save: onto the revision it was based on, or,
 * if another tab saved since, as a conflict the user decides (never a silent overwrite).
 */
import type { Project } from '../domain/project';
import { currentAppDb, openAppDb } from './app-db';

export interface JournalEntry {
  project: Project;
  /** The stored revision the changes were made on. */
  baseRevision: number;
  writtenAt: number;
}

const journalKey = (projectId: string) => `unsaved:${projectId}`;

/** Starts (and commits) the write synchronously; false when the database is not open yet. */
export function writeJournalNow(project: Project, baseRevision: number): boolean {
  const db = currentAppDb();
  if (!db) return false;
  try {
    const tx = db.transaction('kv', 'readwrite');
    const entry: JournalEntry = { project, baseRevision, writtenAt: Date.now() };
    void tx.store.put(entry, journalKey(project.id)).catch(() => undefined);
    tx.commit();
    tx.done.catch(() => undefined);
    return true;
  } catch {
    return false;
  }
}

/** Reads and removes the journal entry of a project, if any. */
export async function takeJournal(projectId: string): Promise<JournalEntry | null> {
  const db = await openAppDb();
  const tx = db.transaction('kv', 'readwrite');
  const value = (await tx.store.get(journalKey(projectId))) as JournalEntry | undefined;
  if (value) await tx.store.delete(journalKey(projectId));
  await tx.done;
  return value && typeof value === 'object' && 'project' in value ? value : null;
}

/** Drops a journal entry made obsolete by a successful save. */
export async function clearJournal(projectId: string): Promise<void> {
  await (await openAppDb()).delete('kv', journalKey(projectId));
}
