/** Settings: analysis mode, Claude key and model, offline model, fallback, theme. */
import { For, Show, Suspense, lazy } from 'solid-js';
import { useApp } from '../../app/app-context';
import { ANALYSIS_MODE_SETTINGS, DEFAULT_API_BASE_URL, THEMES, type AnalysisModeSetting, type Theme } from '../../domain/settings';
import { CLAUDE_MODELS, modelRetirementNotice } from '../../analysis/claude-models';
import { EndpointUrlField } from '../../ui/endpoint-url-field';
import { ApiKeyField } from './api-key-field';

// The model manager pulls in the downloader client and registry: loaded with the Settings page only.
const ModelSettings = lazy(() => import('../models/model-settings').then((module) => ({ default: module.ModelSettings })));

const MODE_TEXT: Record<AnalysisModeSetting, { label: string; description: string }> = {
  auto: { label: 'Auto', description: 'Cloud when a key is set and you are online; otherwise the offline model.' },
  cloud: { label: 'Cloud', description: 'Claude, with your API key. Fast and detailed; images are sent to the API.' },
  offline: { label: 'Offline', description: 'Qwen2-VL on this device. Private: no image leaves your device.' },
};

export function SettingsView() {
  const app = useApp();
  const [state, actions] = app.settings;
  const settings = () => state.settings;
  const retirement = () => modelRetirementNotice(settings().claudeModel, new Date());

  return (
    <section class="step-view settings" aria-labelledby="settings-heading">
      <h2 id="settings-heading">Settings</h2>

      <fieldset class="card">
        <legend>
          <h3>Analysis mode</h3>
        </legend>
        <For each={ANALYSIS_MODE_SETTINGS}>
          {(mode) => (
            <label class="radio">
              <input type="radio" name="analysis-mode" value={mode} checked={settings().analysisMode === mode} onChange={() => void actions.update({ analysisMode: mode })} />
              <span>
                <strong>{MODE_TEXT[mode].label}</strong> — {MODE_TEXT[mode].description}
              </span>
            </label>
          )}
        </For>
        <label class="checkbox">
          <input type="checkbox" checked={settings().autoFallback} onChange={(e) => void actions.update({ autoFallback: e.currentTarget.checked })} />
          <span>Auto-fallback: if a Cloud analysis fails, finish it with the offline model (you are told when this happens).</span>
        </label>
        <label class="checkbox">
          <input type="checkbox" checked={settings().keepModelLoaded} onChange={(e) => void actions.update({ keepModelLoaded: e.currentTarget.checked })} />
          <span>Keep the offline model loaded between analyses (faster, uses more memory).</span>
        </label>
      </fieldset>

      <fieldset class="card">
        <legend>
          <h3>Cloud (Claude)</h3>
        </legend>
        <ApiKeyField />
        <div class="field">
          <label for="claude-model">Model</label>
          <select id="claude-model" value={settings().claudeModel} onChange={(e) => void actions.update({ claudeModel: e.currentTarget.value })}>
            <For each={CLAUDE_MODELS}>{(model) => <option value={model.id}>{model.label}</option>}</For>
          </select>
          <p class="hint">{CLAUDE_MODELS.find((model) => model.id === settings().claudeModel)?.description}</p>
          <Show when={retirement()}>
            {(notice) => (
              <p class="notice notice-warning" role="note">
                {notice().message}
              </p>
            )}
          </Show>
        </div>
        <EndpointUrlField
          id="api-endpoint"
          label="API endpoint"
          kind="api"
          value={settings().apiBaseUrl}
          defaultValue={DEFAULT_API_BASE_URL}
          hint="Leave as is unless you use a proxy that speaks the Messages API. https only (http only for a proxy on this computer): your key is sent there."
          onChange={(apiBaseUrl) => void actions.update({ apiBaseUrl })}
        />
      </fieldset>

      <Suspense fallback={<p class="hint">Loading the offline model manager…</p>}>
        <ModelSettings settings={settings()} onChange={(patch) => void actions.update(patch)} />
      </Suspense>

      <fieldset class="card">
        <legend>
          <h3>Appearance</h3>
        </legend>
        <div class="field">
          <label for="theme">Theme</label>
          <select id="theme" value={settings().theme} onChange={(e) => void actions.update({ theme: e.currentTarget.value as Theme })}>
            <For each={THEMES}>{(theme) => <option value={theme}>{theme === 'system' ? 'Follow the system' : theme === 'dark' ? 'Dark' : 'Light'}</option>}</For>
          </select>
        </div>
      </fieldset>
    </section>
  );
}
