/**
 * Named errors shared by every layer (pure TypeScript, safe in workers and the domain's callers).
 * Each carries a user-facing message and a suggested next action; the UI maps them to toasts
 * or dialogs. Errors cross the worker boundary as plain objects (see `toErrorInfo`).
 */
export type ErrorKind =
  | 'ApiKeyMissing'
  | 'ApiAuthentication'
  | 'ApiPermission'
  | 'ApiRateLimited'
  | 'ApiOverloaded'
  | 'ApiServer'
  | 'ApiConnection'
  | 'ApiTimeout'
  | 'ApiBadRequest'
  | 'ApiNotFound'
  | 'Cancelled'
  | 'InvalidOutput'
  | 'ModelNotFound'
  | 'DownloadFailed'
  | 'ModelSource'
  | 'ChecksumMismatch'
  | 'InsufficientMemory'
  | 'ModelLoad'
  | 'InferenceFailed'
  | 'ImageProcessing'
  | 'Device'
  | 'QuotaExceeded'
  | 'ProjectFile'
  | 'SpecFile'
  | 'Storage'
  | 'ProjectConflict'
  | 'ProjectDeleted'
  | 'UnsavedChanges'
  | 'UnsafeArchive'
  | 'FallbackFailed'
  | 'Unexpected';

export interface ErrorInfo {
  kind: ErrorKind;
  message: string;
  action: string;
  detail?: string;
  /** When one failure led to another (Cloud failed, then its offline fallback): each, in order. */
  causes?: ErrorInfo[];
}

export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly action: string;
  readonly detail: string | undefined;

  constructor(kind: ErrorKind, message: string, action: string, options?: { detail?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = `${kind}Error`;
    this.kind = kind;
    this.action = action;
    this.detail = options?.detail;
  }

  toInfo(): ErrorInfo {
    return { kind: this.kind, message: this.message, action: this.action, ...(this.detail ? { detail: this.detail } : {}) };
  }
}

export class ApiKeyMissingError extends AppError {
  constructor() {
    super('ApiKeyMissing', 'No Claude API key is set.', 'Add your key in Settings, or switch the analysis mode to Offline.');
  }
}

export class CancelledError extends AppError {
  constructor(what = 'The operation') {
    super('Cancelled', `${what} was cancelled.`, 'Start it again when you are ready.');
  }
}

export class InvalidOutputError extends AppError {
  /** The model's raw text, kept so the user can see or copy it. */
  readonly rawOutput: string;
  readonly problems: string[];
  constructor(problems: string[], rawOutput: string) {
    super(
      'InvalidOutput',
      'The model returned a specification that does not follow the rules, even after a repair attempt.',
      'Try the analysis again, or pick another model. The raw output is kept for you to inspect.',
      { detail: problems.join('\n') },
    );
    this.rawOutput = rawOutput;
    this.problems = problems;
  }
}

/** Cloud failed and the offline fallback could not finish either: both causes, for one message. */
export class FallbackFailedError extends AppError {
  readonly causes: ErrorInfo[];
  constructor(cloud: ErrorInfo, offline: ErrorInfo) {
    super('FallbackFailed', `${cloud.message} The offline fallback could not run either: ${lowerFirst(offline.message)}`, `${cloud.action} Or: ${lowerFirst(offline.action)}`);
    this.causes = [cloud, offline];
  }

  override toInfo(): ErrorInfo {
    return { ...super.toInfo(), causes: this.causes };
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** The offline model wrote nothing usable as a caption (only blanks, quotes or special tokens). */
export class EmptyCaptionError extends AppError {
  constructor(imageName: string) {
    super('InvalidOutput', `The offline model wrote no caption for ${imageName}.`, 'Write a description for this image yourself, or try captioning again.');
  }
}

export class ModelNotFoundError extends AppError {
  constructor(variant: string) {
    super('ModelNotFound', `The offline model ${variant} is not installed on this device.`, 'Download it in Settings → Offline model, or use Cloud mode.');
  }
}

export class DownloadFailedError extends AppError {
  constructor(message: string, detail?: string) {
    super('DownloadFailed', message, 'Check your connection and press Resume; downloaded bytes are kept.', detail ? { detail } : undefined);
  }
}

/** A model repo/revision that cannot be used: not found, private, or not in the Qwen2-VL ONNX layout. */
export class ModelSourceError extends AppError {
  constructor(reason: string) {
    super(
      'ModelSource',
      `This model source cannot be used: ${reason}.`,
      'Check the repo id, revision and Hub host in Settings → Offline model; the repo must follow the transformers.js Qwen2-VL layout.',
    );
  }
}

/** A file whose bytes do not match the SHA-256 pinned in the manifest (after one fresh download, or on import). */
export class ChecksumMismatchError extends AppError {
  constructor(path: string, expected: string, actual: string, origin: 'download' | 'import' = 'download') {
    super(
      'ChecksumMismatch',
      origin === 'download'
        ? `${path} was downloaded twice and its checksum did not match either time.`
        : `${path} from your disk does not match the model's checksum.`,
      origin === 'download'
        ? 'The server or a proxy is sending damaged data. Try again later or another Hub host; the damaged file was discarded, the others are kept.'
        : 'Import the files of the same repo and revision, unmodified, or download the model instead.',
      { detail: `expected ${expected}, got ${actual}` },
    );
  }
}

export class InsufficientMemoryError extends AppError {
  /** `limit` replaces "this device reports about N GB" when another limit applies (e.g. wasm32). */
  constructor(requiredGb: number, availableGb: number, options: { limit?: string; action?: string } = {}) {
    super(
      'InsufficientMemory',
      `This model needs about ${requiredGb} GB of memory; ${options.limit ?? `this device reports about ${availableGb} GB`}.`,
      options.action ?? 'Choose a smaller model variant, close other tabs, or use Cloud mode.',
    );
  }
}

export class ModelLoadError extends AppError {
  constructor(detail: string) {
    super('ModelLoad', 'The offline model could not be loaded.', 'Re-download the model in Settings; if it persists, use Cloud mode.', { detail });
  }
}

export class InferenceFailedError extends AppError {
  constructor(detail: string) {
    super('InferenceFailed', 'The offline analysis failed while generating.', 'Try again; if it keeps failing, try fewer images or Cloud mode.', { detail });
  }
}

export class ImageProcessingError extends AppError {
  constructor(fileName: string, reason: string) {
    super('ImageProcessing', `${fileName}: ${reason}`, 'Use a JPG, PNG or WEBP image that opens in an image viewer.');
  }
}

export class DeviceError extends AppError {
  constructor(detail: string) {
    super('Device', 'The graphics device failed.', 'The app will use the CPU (WASM) instead; this is slower but works.', { detail });
  }
}

export class QuotaExceededError extends AppError {
  constructor(bytesNeeded?: number) {
    super(
      'QuotaExceeded',
      bytesNeeded === undefined
        ? 'The browser ran out of storage space for this site.'
        : `The browser ran out of storage space: about ${formatBytes(bytesNeeded)} more is needed.`,
      'Free disk space or delete old projects and models, then try again. Nothing already saved was lost.',
    );
  }
}

export class ProjectFileError extends AppError {
  constructor(reason: string) {
    super('ProjectFile', `This project file cannot be opened: ${reason}`, 'Choose a .lora-project file saved by this app. Nothing was imported.');
  }
}

export class SpecFileError extends AppError {
  constructor(reason: string) {
    super('SpecFile', `This file cannot be opened as a specification: ${reason}`, 'Choose a JSON export of this app or of the original desktop app, or a .lora-project file. Nothing was imported.');
  }
}

export class StorageError extends AppError {
  constructor(detail: string) {
    super('Storage', 'Saving to this browser failed.', 'Check that the site may store data (not a private window with storage blocked) and try again.', { detail });
  }
}

/** Another tab saved this project since this tab loaded it: writing now would overwrite that work. */
export class ProjectConflictError extends AppError {
  constructor(projectName: string) {
    super(
      'ProjectConflict',
      `“${projectName}” was changed in another tab, so this tab's changes were not saved over it.`,
      'Load the other tab\'s version, or keep this tab\'s copy as a new project.',
    );
  }
}

/** The project was deleted (in another tab, or while a task bound to it was running). */
export class ProjectDeletedError extends AppError {
  constructor(projectName?: string) {
    super('ProjectDeleted', projectName ? `“${projectName}” was deleted.` : 'The project was deleted.', 'Keep this tab\'s copy as a new project if you still need it.');
  }
}

/** Leaving a project whose latest changes could not be saved: the caller asks the user first. */
export class UnsavedChangesError extends AppError {
  constructor(projectName: string, cause: unknown) {
    super('UnsavedChanges', `The latest changes to “${projectName}” are not saved.`, 'Try saving again, save the project as a file, or discard the changes.', {
      detail: toErrorInfo(cause).message,
      cause,
    });
  }
}

/** A zip that would inflate past the app's limits (entry count, entry size, total size or ratio). */
export class UnsafeArchiveError extends AppError {
  constructor(
    archiveName: string,
    readonly reason: string,
  ) {
    super('UnsafeArchive', `${archiveName} was not unpacked: ${reason}.`, 'Unzip it yourself and add the images, or split it into smaller zips.');
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** Any thrown value as a user-facing ErrorInfo (unknown errors keep their text as detail). */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof AppError) return error.toInfo();
  if (isErrorInfo(error)) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return { kind: 'Unexpected', message: 'Something went wrong.', action: 'Try again. If it persists, reload the page.', detail };
}

function isErrorInfo(value: unknown): value is ErrorInfo {
  return typeof value === 'object' && value !== null && 'kind' in value && 'message' in value && 'action' in value;
}
