/** The images matched or assigned to jobs, batch by batch: caption text, change of job, removal. */
import { For, Show, createMemo } from 'solid-js';
import { composeCaption } from '../../domain/training-set/captions';
import { descriptionOf, type TrainingImage } from '../../domain/training-set/training-image';
import type { TrainingJob } from '../../domain/training-set/training-jobs';
import type { TrainingSetActions, TrainingSetState } from './create-training-set-store';
import { JobSelect } from './job-select';

interface BatchGroup {
  batchNumber: number;
  batchName: string;
  entries: { image: TrainingImage; job: TrainingJob }[];
}

export function AssignedImages(props: { state: TrainingSetState; actions: TrainingSetActions }) {
  const groups = createMemo<BatchGroup[]>(() => {
    const byBatch = new Map<number, BatchGroup>();
    for (const image of props.state.images) {
      const job = image.jobKey ? props.state.jobsByKey.get(image.jobKey) : undefined;
      if (!job) continue;
      const group = byBatch.get(job.batchNumber) ?? { batchNumber: job.batchNumber, batchName: job.batchName, entries: [] };
      group.entries.push({ image, job });
      byBatch.set(job.batchNumber, group);
    }
    for (const group of byBatch.values()) group.entries.sort((x, y) => x.job.jobIndex - y.job.jobIndex || x.image.fileName.localeCompare(y.image.fileName));
    return [...byBatch.values()].sort((x, y) => x.batchNumber - y.batchNumber);
  });

  return (
    <Show when={groups().length > 0}>
      <section class="card" aria-labelledby="assigned-heading">
        <h3 id="assigned-heading">Images by batch</h3>
        <For each={groups()}>
          {(group) => (
            <details>
              <summary>
                Batch {group.batchNumber} · {group.batchName} ({group.entries.length} image{group.entries.length === 1 ? '' : 's'})
              </summary>
              <ul class="training-rows">
                <For each={group.entries}>
                  {(entry) => (
                    <li class="training-row">
                      <Show when={props.state.thumbnails[entry.image.id]}>{(url) => <img src={url()} alt="" width="72" height="72" loading="lazy" />}</Show>
                      <div class="training-row-main">
                        <span class="thumbnail-name" title={entry.image.fileName}>
                          {entry.image.fileName} · {entry.image.width}×{entry.image.height}
                          {entry.image.assignedBy === 'hand' ? ' · assigned by hand' : ''}
                        </span>
                        <JobSelect label={`Job for ${entry.image.fileName}`} jobs={props.state.listing.jobs} value={entry.image.jobKey} onChange={(jobKey) => void props.actions.assignJob(entry.image.id, jobKey)} />
                        <input
                          type="text"
                          aria-label={`Description of ${entry.image.fileName}`}
                          value={descriptionOf(entry.image, props.state.jobsByKey)}
                          onChange={(event) => {
                            const text = event.currentTarget.value.trim();
                            void props.actions.setDescription(entry.image.id, text === entry.job.description ? null : text);
                          }}
                        />
                        <span class="hint">{composeCaption(descriptionOf(entry.image, props.state.jobsByKey), props.state.settings.captions)}</span>
                      </div>
                      <button type="button" class="icon-button" aria-label={`Remove ${entry.image.fileName}`} onClick={() => void props.actions.removeImages([entry.image.id])}>
                        ×
                      </button>
                    </li>
                  )}
                </For>
              </ul>
            </details>
          )}
        </For>
      </section>
    </Show>
  );
}
