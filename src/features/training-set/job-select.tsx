/** A job picker: suggestions first, then every job grouped by batch. Value: job key, "" for none. */
import { For, Show, createMemo } from 'solid-js';
import type { TrainingJob } from '../../domain/training-set/training-jobs';

export function JobSelect(props: {
  label: string;
  jobs: readonly TrainingJob[];
  value: string | null;
  suggestions?: readonly string[];
  onChange: (jobKey: string | null) => void;
}) {
  const batches = createMemo(() => {
    const groups = new Map<number, { title: string; jobs: TrainingJob[] }>();
    for (const job of props.jobs) {
      const group = groups.get(job.batchNumber) ?? { title: `Batch ${job.batchNumber} · ${job.batchName}`, jobs: [] };
      group.jobs.push(job);
      groups.set(job.batchNumber, group);
    }
    return [...groups.values()];
  });
  const suggested = createMemo(() => {
    const byKey = new Map(props.jobs.map((job) => [job.key, job]));
    return (props.suggestions ?? []).map((key) => byKey.get(key)).filter((job): job is TrainingJob => job !== undefined);
  });

  return (
    <select aria-label={props.label} value={props.value ?? ''} onChange={(event) => props.onChange(event.currentTarget.value || null)}>
      <option value="">No job (choose one…)</option>
      <Show when={suggested().length > 0}>
        <optgroup label="Suggested from the file name">
          <For each={suggested()}>{(job) => <option value={job.key}>{`${job.description} (batch ${job.batchNumber})`}</option>}</For>
        </optgroup>
      </Show>
      <For each={batches()}>
        {(group) => (
          <optgroup label={group.title}>
            <For each={group.jobs}>{(job) => <option value={job.key}>{job.description}</option>}</For>
          </optgroup>
        )}
      </For>
    </select>
  );
}
