/**
 * The last unsaved copy of a project, written when the page is hidden or closed with changes not
 * saved yet. A checked save needs a read before its write, which an unloading page may never get
 * to; this is one blind put of a side record, issued synchronously and committed at once. The
 * next load applies it through the normal checked save: onto the revision it was based on, or,
 * if another version was saved since, as a conflict the user decides (never a silent overwrite).
 *
 * Entries are per tab: a tab that is still open (it holds its Web Lock) saves its own changes, so
 * only entries of tabs that are gone, or of this tab's previous page (a reload), are taken.
 */
import type { Project } from '../domain/project';
import { currentAppDb, openAppDb } from './app-db';

export interface JournalEntry {
  project: Project;
  /** The stored revision the changes were made on. */
  baseRevision: number;
  writtenAt: number;
  tabId: string;
}

const PREFIX = 'unsaved:';
const TAB_LOCK_PREFIX = 'lora-tab:';
const PREVIOUS_TAB_KEY = 'lora-previous-tab-id';
const tabId = crypto.randomUUID();
let previousTabId: string | null = null;

// This tab is alive while it holds this lock; the browser releases it when the page goes away.
if (typeof navigator !== 'undefined' && navigator.locks) {
  void navigator.locks.request(`${TAB_LOCK_PREFIX}${tabId}`, () => new Promise<never>(() => undefined)).catch(() => undefined);
}
try {
  previousTabId = globalThis.sessionStorage?.getItem(PREVIOUS_TAB_KEY) ?? null;
  globalThis.sessionStorage?.setItem(PREVIOUS_TAB_KEY, tabId);
} catch {
  // Storage blocked: entries of a reloaded page wait until its lock is seen released.
}

const entryKey = (projectId: string, tab: string) => `${PREFIX}${projectId}:${tab}`;

/** Starts (and commits) the write synchronously; false when the database is not open yet. */
export function writeJournalNow(project: Project, baseRevision: number): boolean {
  const db = currentAppDb();
  if (!db) return false;
  try {
    const tx = db.transaction('kv', 'readwrite');
    const entry: JournalEntry = { project, baseRevision, writtenAt: Date.now(), tabId };
    void tx.store.put(entry, entryKey(project.id, tabId)).catch(() => undefined);
    tx.commit();
    tx.done.catch(() => undefined);
    return true;
  } catch {
    return false;
  }
}

/** Takes (reads and removes) the newest entry for a project left by a tab that is gone. */
export async function takeJournal(projectId: string): Promise<JournalEntry | null> {
  const alive = await liveTabIds();
  const db = await openAppDb();
  const range = IDBKeyRange.bound(`${PREFIX}${projectId}:`, `${PREFIX}${projectId}:\uffff`);
  const tx = db.transaction('kv', 'readwrite');
  let newest: JournalEntry | null = null;
  for (let cursor = await tx.store.openCursor(range); cursor; cursor = await cursor.continue()) {
    const entry = cursor.value as JournalEntry;
    const gone = entry.tabId === previousTabId || (entry.tabId !== tabId && !alive.has(entry.tabId));
    if (!gone) continue;
    if (!newest || entry.writtenAt > newest.writtenAt) newest = entry;
    await cursor.delete();
  }
  await tx.done;
  return newest;
}

/** Drops this tab's entry once a normal save has made it obsolete. */
export async function clearJournal(projectId: string): Promise<void> {
  await (await openAppDb()).delete('kv', entryKey(projectId, tabId));
}

async function liveTabIds(): Promise<Set<string>> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks) return new Set();
  const { held = [] } = await locks.query();
  return new Set(held.flatMap((lock) => (lock.name?.startsWith(TAB_LOCK_PREFIX) ? [lock.name.slice(TAB_LOCK_PREFIX.length)] : [])));
}
