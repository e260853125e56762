/**
 * Settings and the Claude API key. The key is kept only in this browser's IndexedDB, under its own
 * record, so settings can be shown, logged or exported without it.
 */
import { readSettings, type Settings } from '../domain/settings';
import { guardedWrite, openAppDb } from './app-db';

const SETTINGS_KEY = 'settings';
const API_KEY_KEY = 'claude-api-key';

export interface SettingsRepository {
  load(): Promise<Settings>;
  save(settings: Settings): Promise<void>;
  apiKey(): Promise<string | null>;
  setApiKey(key: string | null): Promise<void>;
}

export function createSettingsRepository(): SettingsRepository {
  return {
    async load() {
      return readSettings(await (await openAppDb()).get('kv', SETTINGS_KEY));
    },
    async save(settings) {
      const db = await openAppDb();
      await guardedWrite(() => db.put('kv', settings, SETTINGS_KEY));
    },
    async apiKey() {
      const value = await (await openAppDb()).get('kv', API_KEY_KEY);
      return typeof value === 'string' && value.length > 0 ? value : null;
    },
    async setApiKey(key) {
      const db = await openAppDb();
      if (key === null || key.trim() === '') await db.delete('kv', API_KEY_KEY);
      else await guardedWrite(() => db.put('kv', key.trim(), API_KEY_KEY));
    },
  };
}
