/**
 * Settings and the Claude API key. The key has its own record, so settings can be shown, logged
 * or exported without it, and it lives in one of two places:
 * - remembered (the default): IndexedDB of this origin, until the user removes it;
 * - for this session only: a variable of this repository, in this tab's memory; any stored copy
 *   is deleted, so nothing survives a reload or the tab's closing.
 */
import { readSettings, type Settings } from '../domain/settings';
import { guardedWrite, openAppDb } from './app-db';

const SETTINGS_KEY = 'settings';
const API_KEY_KEY = 'claude-api-key';

/** The few key/value operations the repository needs (IndexedDB's `kv` store in the app). */
export interface KeyValueStore {
  get(key: string): Promise<unknown>;
  put(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface SettingsRepository {
  load(): Promise<Settings>;
  save(settings: Settings): Promise<void>;
  /** The key in use: this session's, else the stored one. */
  apiKey(): Promise<string | null>;
  /** Sets (or, with null, removes everywhere) the key, stored only when `remember` is true. */
  setApiKey(key: string | null, remember: boolean): Promise<void>;
  /** Moves the key in use to where `remember` says: stored, or in memory with no stored copy. */
  keepApiKey(remember: boolean): Promise<void>;
}

function appDbKeyValueStore(): KeyValueStore {
  return {
    get: async (key) => (await openAppDb()).get('kv', key),
    put: async (key, value) => {
      const db = await openAppDb();
      await guardedWrite(() => db.put('kv', value, key));
    },
    delete: async (key) => (await openAppDb()).delete('kv', key),
  };
}

export function createSettingsRepository(store: KeyValueStore = appDbKeyValueStore()): SettingsRepository {
  let sessionKey: string | null = null;

  const storedKey = async () => {
    const value = await store.get(API_KEY_KEY);
    return typeof value === 'string' && value.length > 0 ? value : null;
  };

  return {
    async load() {
      return readSettings(await store.get(SETTINGS_KEY));
    },
    async save(settings) {
      await store.put(SETTINGS_KEY, settings);
    },
    async apiKey() {
      return sessionKey ?? (await storedKey());
    },
    async setApiKey(key, remember) {
      const trimmed = key?.trim() || null;
      sessionKey = remember ? null : trimmed;
      if (remember && trimmed) await store.put(API_KEY_KEY, trimmed);
      else await store.delete(API_KEY_KEY);
    },
    async keepApiKey(remember) {
      const key = sessionKey ?? (await storedKey());
      if (key) await this.setApiKey(key, remember);
      else if (!remember) await store.delete(API_KEY_KEY);
    },
  };
}
