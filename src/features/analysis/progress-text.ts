/** Turns analysis progress events into the status line and progress bar the user sees. */
import type { AnalysisProgress } from '../../analysis/types';
import { formatBytes } from '../../errors';

export interface ProgressView {
  text: string;
  /** 0..1 for a determinate bar, null for an indeterminate one. */
  fraction: number | null;
  detail?: string;
}

export function describeProgress(progress: AnalysisProgress): ProgressView {
  switch (progress.stage) {
    case 'preparing-images':
      return { text: `Preparing images (${progress.done} of ${progress.total})…`, fraction: progress.total ? progress.done / progress.total : null };
    case 'connecting':
      return { text: 'Sending request to Claude…', fraction: null };
    case 'streaming':
      return { text: 'Claude is writing the specification…', fraction: null, detail: `${progress.characters.toLocaleString()} characters received` };
    case 'retrying':
      return { text: `Claude is busy; retrying (attempt ${progress.attempt})…`, fraction: null, detail: progress.reason };
    case 'repairing':
      return { text: 'Asking the model to fix a few rule breaks…', fraction: null, detail: progress.problems.slice(0, 3).join(' · ') };
    case 'loading-model':
      return {
        text: `Loading the offline model (${progress.file})…`,
        fraction: progress.total ? progress.loaded / progress.total : null,
        detail: progress.total ? `${formatBytes(progress.loaded)} of ${formatBytes(progress.total)}` : undefined,
      };
    case 'prefill':
      return { text: 'Analysing with the offline model: reading the images…', fraction: null };
    case 'generating':
      return {
        text: 'Analysing with the offline model…',
        fraction: progress.maxTokens ? Math.min(1, progress.tokens / progress.maxTokens) : null,
        detail: `${progress.tokens} tokens · ${progress.tokensPerSecond.toFixed(1)} tokens/s${progress.etaSeconds === null ? '' : ` · about ${formatDuration(progress.etaSeconds)} left`}`,
      };
    case 'fallback':
      return { text: 'Cloud analysis failed; finishing with the offline model…', fraction: null, detail: progress.reason.message };
    case 'device-fallback':
      return { text: 'The graphics card failed; continuing on the CPU (slower)…', fraction: null, detail: progress.reason };
    case 'validating':
      return { text: 'Checking the specification…', fraction: null };
  }
}

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds % 60)} s`;
}
