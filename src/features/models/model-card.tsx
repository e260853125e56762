/** One registry variant: what it is, where it comes from, its status and the download controls. */
import { Match, Show, Switch } from 'solid-js';
import type { Settings } from '../../domain/settings';
import { variantSource, type ModelVariant } from '../../models/registry';
import type { ModelCardState, ModelsActions, SourceSettings } from './models-state';
import { formatDtypeSet } from './format-dtype';
import { formatBytes } from './format-transfer';
import { MemoryFit } from './memory-fit';
import { ModelImport } from './model-import';
import { ModelSelfTest } from './model-self-test';
import { ModelSourceForm } from './model-source-form';
import { StatusBadge } from './status-badge';
import { TransferProgress } from './transfer-progress';

export function ModelCard(props: {
  variant: ModelVariant;
  card: ModelCardState;
  settings: SourceSettings;
  actions: ModelsActions;
  memoryWarning: string | undefined;
  onChange: (patch: Partial<Settings>) => void;
}) {
  const id = () => `model-${props.variant.id}`;
  const selected = () => props.settings.offlineVariant === props.variant.id;
  const runnable = () => props.variant.source.kind !== 'unsupported';
  const userSupplied = () => props.variant.source.kind === 'user-repo' || props.variant.source.kind === 'custom';
  const configured = () => !userSupplied() || (selected() && props.settings.customModel !== null);
  const status = () => props.card.status;
  const bytes = () => {
    const current = status();
    return 'bytesDone' in current ? current : undefined;
  };

  return (
    <article class="card model-card" aria-labelledby={`${id()}-title`} classList={{ selected: selected() }}>
      <header class="model-card-header">
        <h4 id={`${id()}-title`}>{props.variant.name}</h4>
        <Show when={runnable()}>
          <StatusBadge status={status()} />
        </Show>
        <Show when={selected() && runnable()} fallback={<Show when={runnable() && configured()}><button type="button" onClick={() => props.onChange({ offlineVariant: props.variant.id })}>Use for offline analysis</button></Show>}>
          <span class="badge badge-offline">Used for offline analysis</span>
        </Show>
      </header>

      <dl class="facts">
        <dt>Download</dt>
        <dd data-testid="model-download-size">
          {props.card.totalBytes === undefined ? props.variant.downloadSizeLabel : `${formatBytes(props.card.totalBytes)}${props.card.dtype ? ` (${formatDtypeSet(props.card.dtype)})` : ''}`}
        </dd>
        <dt>Memory</dt>
        <dd>
          <Show when={props.card.fit} fallback={<>about {props.variant.memoryNeededGb} GB</>}>
            {(fit) => <MemoryFit fit={fit()} />}
          </Show>
        </dd>
        <dt>Speed</dt>
        <dd>{props.variant.speedNote}</dd>
        <dt>Quality</dt>
        <dd>{props.variant.qualityNote}</dd>
      </dl>

      <Switch>
        <Match when={props.variant.source.kind === 'unsupported' && props.variant.source}>
          {(source) => (
            <div class="notice notice-info">
              <p>{source().reason}</p>
              <p>{source().alternatives}</p>
            </div>
          )}
        </Match>
        <Match when={props.variant.source.kind === 'user-repo' && props.variant.source}>
          {(source) => (
            <>
              <p class="hint">No transformers.js export of this model is published. Enter the Hub repo of your own ONNX export ({source().expectedSize}).</p>
              <ModelSourceForm idPrefix={id()} withRevision={false} current={selected() ? props.settings.customModel : null} placeholder="you/Qwen2-VL-7B-Instruct-onnx" onSave={(customModel) => props.onChange({ customModel, offlineVariant: props.variant.id })} />
            </>
          )}
        </Match>
        <Match when={props.variant.source.kind === 'custom'}>
          <ModelSourceForm idPrefix={id()} withRevision={true} current={selected() ? props.settings.customModel : null} placeholder="owner/name" onSave={(customModel) => props.onChange({ customModel, offlineVariant: props.variant.id })} />
          <p class="hint">Downloaded from the Hub host above.</p>
        </Match>
      </Switch>

      <Show when={runnable() && props.memoryWarning}>
        {(warning) => (
          <p class="notice notice-warning" role="note">
            {warning()}
          </p>
        )}
      </Show>

      <Show when={runnable() && bytes() && status().kind !== 'ready'}>
        <TransferProgress
          modelName={props.variant.name}
          percent={bytes()!.percent}
          bytesDone={bytes()!.bytesDone}
          totalBytes={bytes()!.totalBytes}
          running={status().kind === 'downloading'}
          current={props.card.progress}
        />
      </Show>

      <Show when={props.card.message}>
        {(message) => (
          <div class={`notice notice-${message().tone === 'success' ? 'info' : message().tone}`} role={message().tone === 'error' ? 'alert' : 'status'}>
            <p>{message().text}</p>
            <Show when={message().action}>
              <p class="hint">{message().action}</p>
            </Show>
          </div>
        )}
      </Show>

      <Show when={runnable() && configured()}>
        <div class="button-row">
          <Switch>
            <Match when={status().kind === 'not-downloaded'}>
              <button type="button" class="primary" disabled={props.card.busy} onClick={() => void props.actions.download(props.variant.id, props.settings)}>
                Download
              </button>
            </Match>
            <Match when={status().kind === 'downloading'}>
              <button type="button" onClick={() => void props.actions.pause(props.variant.id)}>
                Pause
              </button>
            </Match>
            <Match when={status().kind === 'paused' || status().kind === 'error' || status().kind === 'corrupt'}>
              <button type="button" class="primary" disabled={props.card.busy} onClick={() => void props.actions.download(props.variant.id, props.settings)}>
                Resume
              </button>
            </Match>
          </Switch>
          <Show when={status().kind !== 'not-downloaded' && status().kind !== 'ready'}>
            <button type="button" class="danger" onClick={() => void props.actions.cancel(props.variant.id, props.settings)}>
              Cancel download
            </button>
          </Show>
          <Show when={status().kind === 'ready'}>
            <button type="button" class="danger" onClick={() => void props.actions.remove(props.variant.id, props.settings)}>
              Delete
            </button>
          </Show>
        </div>
        <Show when={status().kind !== 'ready' && status().kind !== 'downloading'}>
          <ModelImport idPrefix={id()} modelName={props.variant.name} disabled={props.card.busy} onFiles={(files) => void props.actions.importFiles(props.variant.id, props.settings, files)} />
        </Show>
        <Show when={status().kind === 'ready' && variantSource(props.variant, props.settings)}>
          {(source) => <ModelSelfTest idPrefix={id()} source={source()} modelName={props.variant.name} />}
        </Show>
      </Show>
    </article>
  );
}
