/** The Claude API key: kept in this browser (or this tab only), testable, removable. Never shown back in full. */
import { Show, createSignal } from 'solid-js';
import { useApp } from '../../app/app-context';
import { createLazyCloudEngine } from '../../analysis/lazy-cloud-engine';
import { toErrorInfo } from '../../errors';
import { ApiKeyStorage } from './api-key-storage';

type TestState = { status: 'idle' } | { status: 'testing' } | { status: 'ok' } | { status: 'failed'; message: string };

export function ApiKeyField() {
  const app = useApp();
  const [settings, settingsActions] = app.settings;
  const [, toast] = app.toasts;
  const [draft, setDraft] = createSignal('');
  const [test, setTest] = createSignal<TestState>({ status: 'idle' });

  const save = async () => {
    const key = draft().trim();
    if (!key) return;
    await settingsActions.setApiKey(key);
    setDraft('');
    setTest({ status: 'idle' });
    toast.show('success', settings.settings.rememberApiKey ? 'API key saved in this browser.' : 'API key kept in this tab only (not stored).');
  };

  const testKey = async () => {
    const key = draft().trim() || (await settingsActions.apiKey());
    if (!key) return;
    setTest({ status: 'testing' });
    try {
      await createLazyCloudEngine({ apiKey: key, baseURL: settings.settings.apiBaseUrl, model: settings.settings.claudeModel }).testKey();
      setTest({ status: 'ok' });
    } catch (error) {
      const info = toErrorInfo(error);
      setTest({ status: 'failed', message: `${info.message} ${info.action}` });
    }
  };

  return (
    <div class="field">
      <label for="api-key">Claude API key</label>
      <div class="input-row">
        <input
          id="api-key"
          type="password"
          autocomplete="off"
          spellcheck={false}
          placeholder={settings.hasApiKey ? 'A key is saved — type to replace it' : 'sk-ant-…'}
          value={draft()}
          onInput={(event) => setDraft(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') void save();
          }}
          aria-describedby="api-key-help"
        />
        <button type="button" class="primary" disabled={!draft().trim()} onClick={() => void save()}>
          Save key
        </button>
        <button type="button" disabled={!draft().trim() && !settings.hasApiKey} onClick={() => void testKey()}>
          Test key
        </button>
        <Show when={settings.hasApiKey}>
          <button type="button" class="danger" onClick={() => void settingsActions.setApiKey(null).then(() => toast.show('info', 'API key removed.'))}>
            Remove key
          </button>
        </Show>
      </div>
      <p id="api-key-help" class="hint">
        Sent only to the API endpoint below, never anywhere else. Images you analyse in Cloud mode are sent there too.
      </p>
      <ApiKeyStorage />
      <p role="status" aria-live="polite" classList={{ hint: true, error: test().status === 'failed', success: test().status === 'ok' }}>
        <Show when={test().status === 'testing'}>Testing the key…</Show>
        <Show when={test().status === 'ok'}>The key works.</Show>
        <Show when={test().status === 'failed'}>{(test() as { message: string }).message}</Show>
      </p>
    </div>
  );
}
