/** Progress bar with bytes, speed and time left for a model download. */
import { Show } from 'solid-js';
import type { TransferProgress as Transfer } from '../../models/download-api';
import { formatBytes, formatEta, formatSpeed } from './format-transfer';

export function TransferProgress(props: {
  modelName: string;
  percent: number;
  bytesDone: number;
  totalBytes: number;
  running: boolean;
  current?: { path: string; file: Transfer; total: Transfer } | undefined;
}) {
  const text = () => `${formatBytes(props.bytesDone)} of ${formatBytes(props.totalBytes)}`;
  return (
    <div class="transfer">
      <div
        class="transfer-bar"
        role="progressbar"
        aria-label={`Download progress of ${props.modelName}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={props.percent}
        aria-valuetext={`${props.percent}% (${text()})`}
      >
        <div class="transfer-fill" style={{ transform: `scaleX(${Math.min(100, props.percent) / 100})` }} />
      </div>
      <p class="transfer-figures" data-testid="transfer-figures">
        <span>{props.percent}%</span> · <span>{text()}</span>
        <Show when={props.running && props.current}>
          {(current) => (
            <>
              {' '}
              · <span>{formatSpeed(current().total.bytesPerSecond)}</span> · <span>{formatEta(current().total.etaSeconds)}</span>
            </>
          )}
        </Show>
      </p>
      <Show when={props.running && props.current}>
        {(current) => (
          <p class="hint transfer-file">
            Now: <code>{current().path}</code> ({formatBytes(current().file.bytesDone)} of {formatBytes(current().file.totalBytes)}, {formatSpeed(current().file.bytesPerSecond)},{' '}
            {formatEta(current().file.etaSeconds)})
          </p>
        )}
      </Show>
    </div>
  );
}
