/**
 * Where a model should run on this device when the self-test found WebGPU unreliable: "WASM, for
 * this reason, on this adapter". Kept in localStorage (this browser profile is this device) per
 * model source; a different adapter (new GPU, new driver description) ignores the old verdict.
 */
import type { ModelSource } from '../../models/registry';

export interface DevicePreference {
  device: 'wasm';
  /** Shown to the user, e.g. `WebGPU answered "red square" for a blue circle`. */
  reason: string;
  /** The WebGPU adapter the self-test ran on (GpuReport.description). */
  adapter: string;
  testedAt: number;
}

export interface DevicePreferenceStore {
  get(source: ModelSource): DevicePreference | undefined;
  set(source: ModelSource, preference: DevicePreference): void;
  clear(source: ModelSource): void;
}

const STORAGE_KEY = 'offline-device-preferences';

const keyOf = (source: ModelSource) => `${source.host}|${source.repo}|${source.revision}`;

type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;

/** Backed by localStorage where there is one (pages), else by memory (workers, Node). */
export function createDevicePreferenceStore(storage: StorageLike | undefined = globalThis.localStorage): DevicePreferenceStore {
  let memory: Record<string, DevicePreference> = {};
  const read = (): Record<string, DevicePreference> => {
    if (!storage) return memory;
    try {
      return JSON.parse(storage.getItem(STORAGE_KEY) ?? '{}') as Record<string, DevicePreference>;
    } catch {
      return {};
    }
  };
  const write = (all: Record<string, DevicePreference>) => {
    if (storage) storage.setItem(STORAGE_KEY, JSON.stringify(all));
    else memory = all;
  };
  return {
    get: (source) => read()[keyOf(source)],
    set(source, preference) {
      write({ ...read(), [keyOf(source)]: preference });
    },
    clear(source) {
      const all = read();
      delete all[keyOf(source)];
      write(all);
    },
  };
}
