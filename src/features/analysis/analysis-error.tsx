/**
 * A failed analysis, told once and whole: the message, what to do, links for the causes that have
 * a place to fix them (key in Settings, model to install), details and any raw model output.
 */
import { For, Show } from 'solid-js';
import type { ErrorInfo, ErrorKind } from '../../errors';

const FIX_LINKS: Partial<Record<ErrorKind, string>> = {
  ApiKeyMissing: 'Add or test your key in Settings',
  ApiAuthentication: 'Add or test your key in Settings',
  ApiPermission: 'Check your key in Settings',
  ModelNotFound: 'Install the offline model in Settings',
};

export function AnalysisError(props: { error: ErrorInfo; rawOutput: string | null }) {
  const causes = () => props.error.causes ?? [props.error];
  const fixes = () => [...new Set(causes().flatMap((cause) => (FIX_LINKS[cause.kind] ? [FIX_LINKS[cause.kind] as string] : [])))];
  return (
    <div class="notice notice-error" role="alert">
      <strong>{props.error.message}</strong>
      <p>{props.error.action}</p>
      <Show when={fixes().length > 0}>
        <p class="button-row">
          <For each={fixes()}>{(label) => <a href="#/settings">{label}</a>}</For>
        </p>
      </Show>
      <Show when={causes().some((cause) => cause.detail)}>
        <details>
          <summary>Details</summary>
          <For each={causes().filter((cause) => cause.detail)}>{(cause) => <pre class="raw">{cause.detail}</pre>}</For>
        </details>
      </Show>
      <Show when={props.rawOutput}>
        <details>
          <summary>Raw model output</summary>
          <pre class="raw">{props.rawOutput}</pre>
        </details>
      </Show>
    </div>
  );
}
