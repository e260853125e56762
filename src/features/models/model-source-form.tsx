/** Repo id (and revision, for a custom source) of a user-supplied model. */
import { Show, createSignal } from 'solid-js';
import { CustomModelSourceSchema, type CustomModelSource } from '../../domain/settings';

export function ModelSourceForm(props: {
  idPrefix: string;
  withRevision: boolean;
  current: CustomModelSource | null;
  placeholder: string;
  onSave: (source: CustomModelSource) => void;
}) {
  const [error, setError] = createSignal<string | null>(null);
  let repoInput!: HTMLInputElement;
  let revisionInput: HTMLInputElement | undefined;
  const save = (event: SubmitEvent) => {
    event.preventDefault();
    const parsed = CustomModelSourceSchema.safeParse({ repo: repoInput.value, revision: revisionInput?.value || 'main' });
    if (!parsed.success) return void setError(parsed.error.issues[0]?.message ?? 'Check the repo id.');
    setError(null);
    props.onSave(parsed.data);
  };
  return (
    <form class="model-source" onSubmit={save}>
      <div class="field">
        <label for={`${props.idPrefix}-repo`}>Repo id</label>
        <input ref={repoInput} id={`${props.idPrefix}-repo`} value={props.current?.repo ?? ''} placeholder={props.placeholder} spellcheck={false} aria-invalid={error() !== null} />
      </div>
      <Show when={props.withRevision}>
        <div class="field">
          <label for={`${props.idPrefix}-revision`}>Revision</label>
          <input ref={revisionInput} id={`${props.idPrefix}-revision`} value={props.current?.revision ?? 'main'} spellcheck={false} />
        </div>
      </Show>
      <Show when={error()}>{(message) => <p class="error">{message()}</p>}</Show>
      <button type="submit">Use this source</button>
    </form>
  );
}
