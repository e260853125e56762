/** Layout choice (kohya, ai-toolkit, diffusers), kohya repeats, and the streamed zip export. */
import { For, Show } from 'solid-js';
import { LAYOUT_LABELS, TRAINING_LAYOUTS, layoutFolder } from '../../domain/training-set/export-layouts';
import type { TrainingSetActions, TrainingSetState } from './create-training-set-store';
import { downloadBlob } from '../../ui/download';

const LAYOUT_HINTS = {
  kohya: 'A <repeats>_<trigger> <class> folder with a .txt caption beside each image.',
  'ai-toolkit': 'Images with same-name .txt captions; the trigger is written as [trigger].',
  diffusers: 'Images with a metadata.jsonl of {"file_name", "text"} lines (also for InvokeAI).',
} as const;

export function TrainingExport(props: { state: TrainingSetState; actions: TrainingSetActions }) {
  const exporting = () => props.state.task?.kind === 'export';
  const canExport = () => props.state.check?.canExport === true && props.state.task === null;

  const exportZip = async () => {
    const result = await props.actions.exportZip();
    if (result) downloadBlob(result.fileName, result.blob);
  };

  return (
    <section class="card" aria-labelledby="training-export-heading">
      <h3 id="training-export-heading">Export the training set</h3>
      <fieldset>
        <legend>Layout</legend>
        <For each={TRAINING_LAYOUTS}>
          {(layout) => (
            <label class="radio">
              <input type="radio" name="training-layout" value={layout} checked={props.state.settings.layout === layout} onChange={() => props.actions.setLayout(layout)} />
              <span>
                <strong>{LAYOUT_LABELS[layout]}</strong> <span class="hint">{LAYOUT_HINTS[layout]}</span>
              </span>
            </label>
          )}
        </For>
      </fieldset>
      <Show when={props.state.settings.layout === 'kohya'}>
        <div class="field">
          <label for="training-repeats">Repeats per image</label>
          <input id="training-repeats" type="number" min="1" max="1000" step="1" value={props.state.settings.repeats} onChange={(event) => props.actions.setRepeats(event.currentTarget.valueAsNumber)} />
        </div>
      </Show>
      <p class="hint">
        Folder in the zip: <code>{layoutFolder(props.state.settings)}/</code>
      </p>
      <div class="step-actions">
        <Show when={exporting() && props.state.task}>
          {(task) => (
            <span role="status">
              <label>
                Writing the zip: {task().done} of {task().total} files <progress max={task().total || 1} value={task().done} />
              </label>{' '}
              <button type="button" onClick={() => props.actions.cancel()}>
                Cancel
              </button>
            </span>
          )}
        </Show>
        <button type="button" class="primary" disabled={!canExport()} onClick={() => void exportZip()}>
          Export zip
        </button>
      </div>
    </section>
  );
}
