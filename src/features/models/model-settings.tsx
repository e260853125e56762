/**
 * Settings → Offline model: Hub host, a card per registry variant, storage usage. The app's
 * Settings come in as a prop and change only through `onChange` (hubHost, offlineVariant,
 * customModel).
 */
import { For, createEffect, on, onMount } from 'solid-js';
import type { Settings } from '../../domain/settings';
import { MODEL_VARIANTS } from '../../models/registry';
import { HubHostField } from './hub-host-field';
import { ModelCard } from './model-card';
import { sharedModelsStore } from './shared-models-store';
import { StorageUsage } from './storage-usage';
import './model-settings.css';

export function ModelSettings(props: { settings: Settings; onChange: (patch: Partial<Settings>) => void }) {
  const [state, actions] = sharedModelsStore();
  onMount(() => void actions.refresh(props.settings));
  createEffect(
    on(
      () => [props.settings.hubHost, props.settings.offlineVariant, props.settings.customModel?.repo, props.settings.customModel?.revision],
      () => void actions.refresh(props.settings),
      { defer: true },
    ),
  );

  return (
    <fieldset class="card model-settings">
      <legend>
        <h3>Offline model</h3>
      </legend>
      <HubHostField value={props.settings.hubHost} onChange={(hubHost) => props.onChange({ hubHost })} />
      <p class="hint" data-testid="model-device">
        {state.device ? (state.device.device === 'webgpu' ? `This device runs models on WebGPU${state.device.hasShaderF16 ? ' with 16-bit floats' : ''}.` : 'No WebGPU adapter here: models run on the CPU (WASM).') : 'Checking this device…'}
      </p>
      <div class="model-cards">
        <For each={MODEL_VARIANTS}>
          {(variant) => (
            <ModelCard
              variant={variant}
              card={state.cards[variant.id]!}
              settings={props.settings}
              actions={actions}
              memoryWarning={actions.memoryWarning(variant.id)}
              onChange={props.onChange}
            />
          )}
        </For>
      </div>
      <StorageUsage state={state} onDelete={(key) => void actions.removeStored(key, props.settings)} onClearAll={() => void actions.clearAll(props.settings)} />
    </fieldset>
  );
}
