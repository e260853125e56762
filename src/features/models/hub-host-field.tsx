/** The Hugging Face Hub host (or a mirror speaking its API) all model downloads use. */
import { createSignal } from 'solid-js';
import { DEFAULT_HUB_HOST } from '../../domain/settings';

export function HubHostField(props: { value: string; onChange: (hubHost: string) => void }) {
  const [error, setError] = createSignal<string | null>(null);
  return (
    <div class="field">
      <label for="hub-host">Hub host</label>
      <input
        id="hub-host"
        type="url"
        value={props.value}
        spellcheck={false}
        aria-invalid={error() !== null}
        aria-describedby="hub-host-help"
        onChange={(event) => {
          const value = event.currentTarget.value.trim() || DEFAULT_HUB_HOST;
          if (!/^https?:\/\/[^\s/]+/.test(value)) return void setError('Enter a URL such as https://huggingface.co');
          setError(null);
          props.onChange(value.replace(/\/+$/, ''));
        }}
      />
      <p id="hub-host-help" classList={{ hint: true, error: error() !== null }}>
        {error() ?? 'Where model files are downloaded from: huggingface.co or a mirror that speaks the same API.'}
      </p>
    </div>
  );
}
