/** Images no job was found for: pick the job by hand, or describe them (by hand or offline model). */
import { For, Show } from 'solid-js';
import type { TrainingSetActions, TrainingSetState } from './create-training-set-store';
import { JobSelect } from './job-select';

export function UnassignedImages(props: { state: TrainingSetState; actions: TrainingSetActions }) {
  const captioning = () => props.state.task?.kind === 'caption';
  return (
    <Show when={props.state.unassigned.length > 0}>
      <section class="card" aria-labelledby="unassigned-heading">
        <h3 id="unassigned-heading">Images without a job ({props.state.unassigned.length})</h3>
        <p class="hint">
          Their names did not identify one job. Choose the job that made each image (suggestions come first), or write a
          description to caption it without one.
        </p>
        <Show when={props.state.captionerAvailable}>
          <p>
            <button type="button" disabled={props.state.task !== null} onClick={() => void props.actions.captionUnassigned()}>
              Describe them with the offline model
            </button>
            <Show when={captioning() && props.state.task}>
              {(task) => (
                <span role="status">
                  {' '}
                  Describing {task().done} of {task().total}…{' '}
                  <button type="button" onClick={() => props.actions.cancel()}>
                    Cancel
                  </button>
                </span>
              )}
            </Show>
          </p>
        </Show>
        <ul class="training-rows">
          <For each={props.state.unassigned}>
            {(entry) => (
              <li class="training-row">
                <Show when={props.state.thumbnails[entry.image.id]}>{(url) => <img src={url()} alt="" width="72" height="72" />}</Show>
                <div class="training-row-main">
                  <span class="thumbnail-name" title={entry.image.fileName}>
                    {entry.image.fileName}
                  </span>
                  <JobSelect
                    label={`Job for ${entry.image.fileName}`}
                    jobs={props.state.listing.jobs}
                    value={null}
                    suggestions={entry.suggestions}
                    onChange={(jobKey) => void props.actions.assignJob(entry.image.id, jobKey)}
                  />
                  <input
                    type="text"
                    aria-label={`Description of ${entry.image.fileName}`}
                    placeholder="…or describe the picture (subject, setting)"
                    value={entry.image.description ?? ''}
                    onChange={(event) => void props.actions.setDescription(entry.image.id, event.currentTarget.value)}
                  />
                </div>
                <button type="button" class="icon-button" aria-label={`Remove ${entry.image.fileName}`} onClick={() => void props.actions.removeImages([entry.image.id])}>
                  ×
                </button>
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}
