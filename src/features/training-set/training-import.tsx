/** Drop zone for generated images or zips, with the import's progress and outcome. */
import { For, Show } from 'solid-js';
import { DropZone } from '../../ui/drop-zone';
import type { TrainingSetActions, TrainingSetState } from './create-training-set-store';

export function TrainingImport(props: { state: TrainingSetState; actions: TrainingSetActions }) {
  let input: HTMLInputElement | undefined;
  const importing = () => props.state.task?.kind === 'import';
  const add = (files: File[]) => void props.actions.importFiles(files);

  return (
    <section class="card" aria-labelledby="training-import-heading">
      <h3 id="training-import-heading">Generated images</h3>
      <DropZone onDrop={(data) => add([...data.files])}>
        <p>Drop the images you downloaded from Midjourney (or a zip of them) here, or</p>
        <button type="button" class="primary" disabled={props.state.task !== null} onClick={() => input?.click()}>
          Choose images or zip…
        </button>
        <input
          ref={input}
          type="file"
          accept="image/png,image/jpeg,image/webp,.zip,application/zip"
          multiple
          hidden
          aria-label="Generated images or zip"
          onChange={(event) => {
            const files = [...(event.currentTarget.files ?? [])];
            event.currentTarget.value = '';
            add(files);
          }}
        />
        <p class="hint">Keep Midjourney's file names: they carry the prompt words used to find each image's job.</p>
      </DropZone>
      <Show when={importing() && props.state.task}>
        {(task) => (
          <p role="status">
            <label>
              Importing {task().done} of {task().total}… <progress max={task().total || 1} value={task().done} />
            </label>{' '}
            <button type="button" onClick={() => props.actions.cancel()}>
              Cancel
            </button>
          </p>
        )}
      </Show>
      <Show when={!importing() && props.state.lastImport}>
        {(summary) => (
          <div class="notice notice-info" role="status">
            <p>
              Added {summary().added} image{summary().added === 1 ? '' : 's'}: {summary().matched} matched to jobs
              {summary().waiting > 0 ? `, ${summary().waiting} need${summary().waiting === 1 ? 's' : ''} a job` : ''}.
            </p>
            <Show when={summary().skipped.length > 0}>
              <p>Skipped {summary().skipped.length}:</p>
              <ul>
                <For each={summary().skipped}>{(entry) => <li>{`${entry.name} ${entry.reason}.`}</li>}</For>
              </ul>
            </Show>
          </div>
        )}
      </Show>
    </section>
  );
}
