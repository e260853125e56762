/** How much the models take on this device, whether storage is persistent, and the delete controls. */
import { For, Show, createSignal } from 'solid-js';
import type { ModelsState } from './models-state';
import { formatBytes } from './format-transfer';

const PERSISTENCE_TEXT = {
  unknown: 'Persistent storage has not been requested yet: it is asked for before a model download.',
  granted: 'Storage is persistent: the browser will not evict downloaded models.',
  denied: 'The browser did not grant persistent storage: it may evict downloaded models when the disk runs low (installing the app usually helps).',
  unsupported: 'This browser cannot make storage persistent; downloaded models may be evicted when the disk runs low.',
} as const;

export function StorageUsage(props: { state: ModelsState; onDelete: (key: string) => void; onClearAll: () => void }) {
  const [confirming, setConfirming] = createSignal(false);
  return (
    <section class="model-storage" aria-labelledby="model-storage-heading">
      <h4 id="model-storage-heading">Storage</h4>
      <p data-testid="model-usage">
        Models use <strong>{formatBytes(props.state.usage?.modelBytes ?? 0)}</strong> on this device
        <Show when={props.state.usage?.quota}>{(quota) => <> (the browser allows this site about {formatBytes(quota())})</>}</Show>.
      </p>
      <p class="hint" data-testid="model-persistence">
        {PERSISTENCE_TEXT[props.state.persistence]}
      </p>
      <Show when={props.state.stored.length > 0}>
        <ul class="stored-models" aria-label="Stored models">
          <For each={props.state.stored}>
            {(model) => (
              <li>
                <span>
                  {model.repo}@{model.revision} ({model.dtype}) from {model.host}: {formatBytes(model.bytes)}, {model.state}
                </span>
                <button type="button" class="danger" aria-label={`Delete ${model.repo} (${model.dtype})`} onClick={() => props.onDelete(model.key)}>
                  Delete
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <div class="button-row">
        <Show
          when={confirming()}
          fallback={
            <button type="button" class="danger" disabled={props.state.stored.length === 0} onClick={() => setConfirming(true)}>
              Clear all models
            </button>
          }
        >
          <span role="group" aria-label="Confirm clearing all models">
            <button
              type="button"
              class="danger"
              onClick={() => {
                setConfirming(false);
                props.onClearAll();
              }}
            >
              Delete all model files
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Keep them
            </button>
          </span>
        </Show>
      </div>
      <Show when={props.state.storageMessage}>
        {(message) => (
          <p class={message().tone === 'error' ? 'error' : 'success'} role="status">
            {message().text}
          </p>
        )}
      </Show>
    </section>
  );
}
