/** The models feature's state and actions (what the model cards and storage panel render and call). */
import type { Settings } from '../../domain/settings';
import type { ImportedFile, TransferProgress } from '../../models/download-api';
import type { DeviceProfile } from '../../models/device-profile';
import type { MemoryFit } from '../../models/memory-budget';
import type { ModelKey, ModelManifest, ModelStatus } from '../../models/model-manifest';
import type { DtypeSet } from '../../models/registry';

export type SourceSettings = Pick<Settings, 'hubHost' | 'customModel' | 'offlineVariant'>;
export type Persistence = 'unknown' | 'granted' | 'denied' | 'unsupported';

export interface CardMessage {
  tone: 'info' | 'success' | 'warning' | 'error';
  text: string;
  action?: string;
}

export interface ModelCardState {
  key?: ModelKey;
  status: ModelStatus;
  /** Exact bytes once the Hub listing was read (else the registry's label is shown). */
  totalBytes?: number;
  /** The dtype per session chosen for this device, once the Hub listing was read. */
  dtype?: DtypeSet;
  /** Whether that set fits this device (memory-budget.ts), known before any byte is downloaded. */
  fit?: MemoryFit;
  /** The source whose set was refused as too big (its figures stay shown while it is selected). */
  refusedFor?: string;
  progress?: { path: string; file: TransferProgress; total: TransferProgress };
  /** A call is in flight (resolving, downloading here, importing). */
  busy: boolean;
  /** The download runs in another tab; this one shows its progress. */
  elsewhere: boolean;
  message?: CardMessage;
}

export interface StoredModel {
  key: ModelKey;
  repo: string;
  revision: string;
  host: string;
  dtype: string;
  bytes: number;
  state: ModelManifest['state'];
}

export interface ModelsState {
  device?: DeviceProfile;
  deviceMemoryGb?: number;
  cards: Record<string, ModelCardState>;
  usage?: { modelBytes: number; quota?: number };
  stored: StoredModel[];
  persistence: Persistence;
  storageMessage?: CardMessage;
}

export interface ModelsActions {
  /** Re-reads statuses and usage for these settings, and picks up interrupted downloads. */
  refresh(settings: SourceSettings): Promise<void>;
  download(variantId: string, settings: SourceSettings): Promise<void>;
  pause(variantId: string): Promise<void>;
  cancel(variantId: string, settings: SourceSettings): Promise<void>;
  remove(variantId: string, settings: SourceSettings): Promise<void>;
  removeStored(key: ModelKey, settings: SourceSettings): Promise<void>;
  clearAll(settings: SourceSettings): Promise<void>;
  importFiles(variantId: string, settings: SourceSettings, files: ImportedFile[]): Promise<void>;
  /** Whether the device reports less memory than the variant needs (navigator.deviceMemory). */
  memoryWarning(variantId: string): string | undefined;
}

