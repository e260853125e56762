/** Human-readable transfer figures for the model cards. */
import { formatBytes } from '../../errors';

export function formatSpeed(bytesPerSecond: number): string {
  return bytesPerSecond > 0 ? `${formatBytes(bytesPerSecond)}/s` : '—';
}

export function formatEta(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return 'estimating…';
  if (seconds < 1) return 'less than a second left';
  if (seconds < 90) return `${Math.round(seconds)} s left`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min left`;
  return `${(seconds / 3600).toFixed(1)} h left`;
}

export { formatBytes };
