/**
 * "Remember my key on this device", and where the key lives either way, said plainly: storage
 * belongs to an origin (scheme, host and port), not to an app, so every page of that origin
 * can read what this one stores.
 */
import { Show } from 'solid-js';
import { useApp } from '../../app/app-context';

export function ApiKeyStorage() {
  const [settings, settingsActions] = useApp().settings;
  const remember = () => settings.settings.rememberApiKey;
  return (
    <div class="api-key-storage">
      <label class="checkbox">
        <input
          type="checkbox"
          checked={remember()}
          aria-describedby="api-key-where"
          onChange={(event) => void settingsActions.update({ rememberApiKey: event.currentTarget.checked })}
        />
        <span>Remember my key on this device</span>
      </label>
      <p id="api-key-where" class="hint">
        <Show
          when={remember()}
          fallback={<>Your key is kept only in this tab's memory: it is forgotten when you reload or close the tab, and no copy is stored.</>}
        >
          Your key is stored in this browser's IndexedDB for <strong>{location.origin}</strong> until you remove it. Browser storage belongs to
          an origin, not to an app: any other page served from that same origin can read it. Use the app on an origin of its own (not a
          shared host such as a *.github.io user site), or untick this box.
        </Show>
      </p>
    </div>
  );
}
