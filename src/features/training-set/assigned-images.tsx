/** The images matched or assigned to jobs, batch by batch: caption text, change of job, removal. */
import { For, Show, createMemo, createSignal } from 'solid-js';
import { composeCaption } from '../../domain/training-set/captions';
import { descriptionOf, type TrainingImage } from '../../domain/training-set/training-image';
import type { TrainingJob } from '../../domain/training-set/training-jobs';
import type { TrainingSetActions, TrainingSetState } from './create-training-set-store';
import { JobSelect } from './job-select';

interface BatchGroup {
  batchNumber: number;
  batchName: string;
  /** Store objects (stable identity), so rows survive edits to other images. */
  images: TrainingImage[];
}

export function AssignedImages(props: { state: TrainingSetState; actions: TrainingSetActions }) {
  const groups = createMemo(() => {
    const byBatch = new Map<number, BatchGroup>();
    const jobOf = (image: TrainingImage) => props.state.jobsByKey.get(image.jobKey ?? '') as TrainingJob;
    for (const image of props.state.images) {
      const job = image.jobKey ? props.state.jobsByKey.get(image.jobKey) : undefined;
      if (!job) continue;
      const group = byBatch.get(job.batchNumber) ?? { batchNumber: job.batchNumber, batchName: job.batchName, images: [] };
      group.images.push(image);
      byBatch.set(job.batchNumber, group);
    }
    for (const group of byBatch.values()) group.images.sort((x, y) => jobOf(x).jobIndex - jobOf(y).jobIndex || x.fileName.localeCompare(y.fileName));
    return byBatch;
  });
  // Batch numbers are stable keys: an open batch stays open while its images change.
  const batchNumbers = createMemo(() => [...groups().keys()].sort((x, y) => x - y), [], { equals: (a, b) => a.length === b.length && a.every((n, i) => n === b[i]) });

  return (
    <Show when={batchNumbers().length > 0}>
      <section class="card" aria-labelledby="assigned-heading">
        <h3 id="assigned-heading">Images by batch</h3>
        <For each={batchNumbers()}>{(batchNumber) => <BatchImages group={groups().get(batchNumber) as BatchGroup} state={props.state} actions={props.actions} />}</For>
      </section>
    </Show>
  );
}

/** One batch, its rows rendered only while open (a set may hold hundreds of images). */
function BatchImages(props: { group: BatchGroup; state: TrainingSetState; actions: TrainingSetActions }) {
  const [open, setOpen] = createSignal(false);
  return (
    <details onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        Batch {props.group.batchNumber} · {props.group.batchName} ({props.group.images.length} image{props.group.images.length === 1 ? '' : 's'})
      </summary>
      <Show when={open()}>
        <ul class="training-rows">
          <For each={props.group.images}>{(image) => <AssignedRow image={image} state={props.state} actions={props.actions} />}</For>
        </ul>
      </Show>
    </details>
  );
}

function AssignedRow(props: { image: TrainingImage; state: TrainingSetState; actions: TrainingSetActions }) {
  const [changing, setChanging] = createSignal(false);
  const image = () => props.image;
  const job = () => props.state.jobsByKey.get(props.image.jobKey ?? '');
  const description = () => descriptionOf(image(), props.state.jobsByKey);
  return (
    <li class="training-row">
      <Show when={props.state.thumbnails[image().id]}>{(url) => <img src={url()} alt="" width="72" height="72" loading="lazy" />}</Show>
      <div class="training-row-main">
        <span class="thumbnail-name" title={image().fileName}>
          {image().fileName} · {image().width}×{image().height}
          {image().assignedBy === 'hand' ? ' · assigned by hand' : ''}
        </span>
        <Show
          when={changing()}
          fallback={
            <span>
              Job: {job()?.description}{' '}
              <button type="button" aria-label={`Change the job of ${image().fileName}`} onClick={() => setChanging(true)}>
                Change
              </button>
            </span>
          }
        >
          <JobSelect
            label={`Job for ${image().fileName}`}
            jobs={props.state.listing.jobs}
            value={image().jobKey}
            onChange={(jobKey) => {
              setChanging(false);
              void props.actions.assignJob(image().id, jobKey);
            }}
          />
        </Show>
        <input
          type="text"
          aria-label={`Description of ${image().fileName}`}
          value={description()}
          onChange={(event) => {
            const text = event.currentTarget.value.trim();
            void props.actions.setDescription(image().id, text === job()?.description ? null : text);
          }}
        />
        <span class="hint">{composeCaption(description(), props.state.settings.captions)}</span>
      </div>
      <button type="button" class="icon-button" aria-label={`Remove ${image().fileName}`} onClick={() => void props.actions.removeImages([image().id])}>
        ×
      </button>
    </li>
  );
}
