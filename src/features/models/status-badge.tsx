/** The status of a model as a short badge. */
import type { ModelStatus } from '../../models/model-manifest';

const TEXT: Record<ModelStatus['kind'], string> = {
  'not-downloaded': 'Not downloaded',
  downloading: 'Downloading',
  paused: 'Paused',
  ready: 'Ready',
  corrupt: 'Corrupt',
  error: 'Error',
};

export function statusText(status: ModelStatus): string {
  return 'percent' in status && status.kind !== 'error' ? `${TEXT[status.kind]} ${status.percent}%` : TEXT[status.kind];
}

export function StatusBadge(props: { status: ModelStatus }) {
  return (
    <span class={`badge model-status model-status-${props.status.kind}`} data-status={props.status.kind}>
      {statusText(props.status)}
    </span>
  );
}
