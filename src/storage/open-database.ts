/**
 * Every IndexedDB database of the app is opened through here, so a schema upgrade in one tab (or
 * a new service worker) never leaves another context hanging:
 * - `blocking`: a newer version wants to open while this context holds the old one: close at once
 *   (the next access reopens and fails loudly if this code is too old) and tell the page.
 * - `blocked`: this context wants to upgrade but an older one still holds the database: tell the
 *   user which action unblocks it (close the other tabs).
 * - `terminated`: the browser closed the connection abnormally (storage cleared, disk error):
 *   forget it, so the next access opens a fresh connection instead of failing forever.
 * Works in pages, dedicated workers and the service worker (no DOM needed).
 */
import { openDB, type DBSchema, type IDBPDatabase, type OpenDBCallbacks } from 'idb';

export type DatabaseNotice =
  | { kind: 'upgrade-blocked'; database: string }
  | { kind: 'closed-for-upgrade'; database: string }
  | { kind: 'terminated'; database: string };

type NoticeListener = (notice: DatabaseNotice) => void;
const listeners = new Set<NoticeListener>();

/** The page subscribes to explain these to the user; workers simply recover. */
export function onDatabaseNotice(listener: NoticeListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notify(notice: DatabaseNotice): void {
  for (const listener of listeners) listener(notice);
}

export interface DatabaseHandle<Schema extends DBSchema | unknown> {
  /** The open connection (opened on first use, and again after it was closed or terminated). */
  get(): Promise<IDBPDatabase<Schema>>;
  /** The connection if it is open right now: lets a page-hide flush start its transaction synchronously. */
  current(): IDBPDatabase<Schema> | undefined;
}

export function createDatabaseHandle<Schema extends DBSchema | unknown>(
  name: string,
  version: number,
  upgrade: OpenDBCallbacks<Schema>['upgrade'],
): DatabaseHandle<Schema> {
  let opening: Promise<IDBPDatabase<Schema>> | undefined;
  let open: IDBPDatabase<Schema> | undefined;
  const forget = () => {
    opening = undefined;
    open = undefined;
  };
  return {
    get() {
      opening ??= openDB<Schema>(name, version, {
        ...(upgrade ? { upgrade } : {}),
        blocked: () => notify({ kind: 'upgrade-blocked', database: name }),
        blocking: () => {
          open?.close();
          forget();
          notify({ kind: 'closed-for-upgrade', database: name });
        },
        terminated: () => {
          forget();
          notify({ kind: 'terminated', database: name });
        },
      }).then(
        (db) => (open = db),
        (error: unknown) => {
          forget();
          throw error;
        },
      );
      return opening;
    },
    current: () => open,
  };
}
