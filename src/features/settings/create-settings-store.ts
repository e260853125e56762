/** Settings feature store: the only way components read or change settings and the API key. */
import { createStore } from 'solid-js/store';
import { DEFAULT_SETTINGS, readSettings, type Settings } from '../../domain/settings';
import type { SettingsRepository } from '../../storage/settings-repository';

export interface SettingsState {
  settings: Settings;
  hasApiKey: boolean;
  loaded: boolean;
}

export interface SettingsActions {
  load(): Promise<void>;
  update(patch: Partial<Settings>): Promise<void>;
  setApiKey(key: string | null): Promise<void>;
  apiKey(): Promise<string | null>;
}

export function createSettingsStore(repository: SettingsRepository): [SettingsState, SettingsActions] {
  const [state, setState] = createStore<SettingsState>({ settings: { ...DEFAULT_SETTINGS }, hasApiKey: false, loaded: false });

  const actions: SettingsActions = {
    async load() {
      const [settings, key] = await Promise.all([repository.load(), repository.apiKey()]);
      setState({ settings, hasApiKey: key !== null, loaded: true });
    },
    async update(patch) {
      const next = readSettings({ ...state.settings, ...patch });
      setState('settings', next);
      await repository.save(next);
    },
    async setApiKey(key) {
      await repository.setApiKey(key);
      setState('hasApiKey', key !== null && key.trim() !== '');
    },
    apiKey: () => repository.apiKey(),
  };
  return [state, actions];
}
