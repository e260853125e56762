/**
 * A URL field for where the app sends things (API endpoint, Hub host): checked with the domain's
 * rule (https, or http to this computer only) when the user leaves it; a refused value stays in
 * the field with the reason under it, and nothing is saved until it is fixed.
 */
import { createSignal } from 'solid-js';
import { checkEndpointUrl, type EndpointKind } from '../domain/endpoint-url';

export interface EndpointUrlFieldProps {
  id: string;
  label: string;
  kind: EndpointKind;
  value: string;
  /** Used when the field is left empty. */
  defaultValue: string;
  hint: string;
  onChange(url: string): void;
}

export function EndpointUrlField(props: EndpointUrlFieldProps) {
  const [error, setError] = createSignal<string | null>(null);
  const helpId = () => `${props.id}-help`;
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="url"
        value={props.value}
        spellcheck={false}
        aria-invalid={error() !== null}
        aria-describedby={helpId()}
        onChange={(event) => {
          const check = checkEndpointUrl(event.currentTarget.value.trim() || props.defaultValue, props.kind);
          if (!check.ok) return void setError(check.message);
          setError(null);
          event.currentTarget.value = check.url;
          props.onChange(check.url);
        }}
      />
      <p id={helpId()} classList={{ hint: true, error: error() !== null }} aria-live="polite">
        {error() ?? props.hint}
      </p>
    </div>
  );
}
