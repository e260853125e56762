/**
 * Where the API key lives, over many random sequences of what a user does (save or remove a
 * key, switch "remember" on or off, reload the app) against the real store and repository, with
 * a Map standing in for IndexedDB's key/value store.
 */
import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../../domain/palette/seeded-random';
import { createSettingsRepository, type KeyValueStore } from '../../storage/settings-repository';
import { createSettingsStore } from './create-settings-store';

function mapStore(map: Map<string, unknown>): KeyValueStore {
  return {
    get: async (key) => structuredClone(map.get(key)),
    put: async (key, value) => void map.set(key, structuredClone(value)),
    delete: async (key) => void map.delete(key),
  };
}

async function openApp(disk: Map<string, unknown>) {
  const [state, actions] = createSettingsStore(createSettingsRepository(mapStore(disk)));
  await actions.load();
  return { state, actions };
}

const storedKeys = (disk: Map<string, unknown>) => [...disk.values()].filter((value) => typeof value === 'string');

describe('the API key and "remember my key on this device"', () => {
  it('is remembered by default, and kept only in memory when the user says so', async () => {
    const disk = new Map<string, unknown>();
    let app = await openApp(disk);
    expect(app.state.settings.rememberApiKey).toBe(true);
    await app.actions.setApiKey('  sk-ant-remembered  ');
    expect(storedKeys(disk)).toEqual(['sk-ant-remembered']);

    await app.actions.update({ rememberApiKey: false });
    expect(storedKeys(disk)).toEqual([]);
    expect(await app.actions.apiKey()).toBe('sk-ant-remembered');
    expect(app.state.hasApiKey).toBe(true);

    app = await openApp(disk);
    expect([app.state.hasApiKey, await app.actions.apiKey()]).toEqual([false, null]);
  });

  it('removes a stored key found at start while "remember" is off', async () => {
    const disk = new Map<string, unknown>([['claude-api-key', 'sk-ant-stale']]);
    disk.set('settings', { rememberApiKey: false });
    const app = await openApp(disk);
    expect(storedKeys(disk)).toEqual([]);
    // It is still usable in this session: the user did not ask to remove it.
    expect(await app.actions.apiKey()).toBe('sk-ant-stale');
  });

  it.each(Array.from({ length: 40 }, (_, seed) => seed + 1))('keeps its promises over random action sequence %i', async (seed) => {
    const random = createSeededRandom(seed);
    const disk = new Map<string, unknown>();
    let app = await openApp(disk);
    // What the user expects: the key in use, and whether it must survive a reload.
    let expectedKey: string | null = null;
    for (let step = 0; step < 30; step += 1) {
      const roll = random();
      if (roll < 0.35) {
        expectedKey = `sk-ant-${seed}-${step}`;
        await app.actions.setApiKey(expectedKey);
      } else if (roll < 0.45) {
        expectedKey = null;
        await app.actions.setApiKey(null);
      } else if (roll < 0.75) {
        await app.actions.update({ rememberApiKey: random() < 0.5 });
      } else {
        if (!app.state.settings.rememberApiKey) expectedKey = null;
        app = await openApp(disk);
      }
      const remember = app.state.settings.rememberApiKey;
      expect(await app.actions.apiKey()).toBe(expectedKey);
      expect(app.state.hasApiKey).toBe(expectedKey !== null);
      // Stored exactly when remembered; never a copy when not.
      expect(storedKeys(disk)).toEqual(remember && expectedKey !== null ? [expectedKey] : []);
    }
  });
});
