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
  /** Saves the key where `settings.rememberApiKey` says; null removes it everywhere. */
  setApiKey(key: string | null): Promise<void>;
  apiKey(): Promise<string | null>;
}

export function createSettingsStore(repository: SettingsRepository): [SettingsState, SettingsActions] {
  const [state, setState] = createStore<SettingsState>({ settings: { ...DEFAULT_SETTINGS }, hasApiKey: false, loaded: false });

  const actions: SettingsActions = {
    async load() {
      const settings = await repository.load();
      // A stored key must not outlive "remember" being off (say, the tab closed mid-change).
      if (!settings.rememberApiKey) await repository.keepApiKey(false);
      setState({ settings, hasApiKey: (await repository.apiKey()) !== null, loaded: true });
    },
    async update(patch) {
      const rememberedBefore = state.settings.rememberApiKey; // read now: setState merges into the same object
      const next = readSettings({ ...state.settings, ...patch });
      setState('settings', next);
      await repository.save(next);
      if (next.rememberApiKey !== rememberedBefore) await repository.keepApiKey(next.rememberApiKey);
    },
    async setApiKey(key) {
      await repository.setApiKey(key, state.settings.rememberApiKey);
      setState('hasApiKey', (await repository.apiKey()) !== null);
    },
    apiKey: () => repository.apiKey(),
  };
  return [state, actions];
}
