/** How download events and outcomes show on a model card (pure: event in, card patch out). */
import type { ErrorInfo } from '../../errors';
import type { DownloadEvent, DownloadOutcome } from '../../models/download-api';
import type { CardMessage, ModelCardState } from './models-state';

export function cardPatchFor(event: DownloadEvent): Partial<ModelCardState> | undefined {
  switch (event.type) {
    case 'started':
      return { message: undefined, status: { kind: 'downloading', percent: percentOf(event.bytesDone, event.totalBytes), bytesDone: event.bytesDone, totalBytes: event.totalBytes } };
    case 'progress':
      return {
        progress: { path: event.path, file: event.file, total: event.total },
        status: { kind: 'downloading', percent: percentOf(event.total.bytesDone, event.total.totalBytes), bytesDone: event.total.bytesDone, totalBytes: event.total.totalBytes },
      };
    case 'retrying':
      return { message: { tone: 'warning', text: `Connection problem on ${event.path}: retry ${event.retry} of ${event.of} in ${Math.ceil(event.delayMs / 1000)} s.` } };
    case 'checksum-mismatch':
      return {
        message: event.willRetry
          ? { tone: 'warning', text: `${event.path} arrived damaged (checksum mismatch); downloading it once more.` }
          : { tone: 'error', text: `${event.path} arrived damaged again.` },
      };
    case 'waiting-for-other-tab':
      return { elsewhere: true, message: { tone: 'info', text: 'This model is downloading in another tab; its progress is shown here.' } };
    case 'file-verified':
      return undefined;
  }
}

export function outcomeMessage(outcome: DownloadOutcome): CardMessage | undefined {
  switch (outcome.status) {
    case 'ready':
      return { tone: 'success', text: 'Downloaded and verified: every file matches its SHA-256.' };
    case 'paused':
      return { tone: 'info', text: 'Paused. Downloaded bytes are kept; press Resume to continue.' };
    case 'cancelled':
      return { tone: 'info', text: 'Download cancelled; its files were deleted.' };
    case 'failed':
      return errorMessage(outcome.error);
  }
}

export function errorMessage(error: ErrorInfo): CardMessage {
  return { tone: 'error', text: error.message, action: error.action };
}

function percentOf(done: number, total: number): number {
  return total === 0 ? 100 : Math.floor((done / total) * 1000) / 10;
}
