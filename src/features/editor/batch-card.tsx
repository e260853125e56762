/** One permutation batch in the editor: fields, live job count, its issues, expanded jobs, copy. */
import { For, Show, createMemo, createSignal } from 'solid-js';
import { JOBS_PER_BATCH, PRIORITIES, type PermutationBatch, type Priority } from '../../domain/schema';
import { expandPrompt } from '../../domain/permutations';
import type { ValidationIssue } from '../../domain/validate';
import { CopyButton } from './copy-button';
import { jobCountOf } from './job-count';

export interface BatchCardProps {
  batch: PermutationBatch;
  index: number;
  total: number;
  issues: ValidationIssue[];
  onChange(patch: Partial<PermutationBatch>): void;
  onDuplicate(): void;
  onRemove(): void;
  onMove(offset: -1 | 1): void;
}

export function BatchCard(props: BatchCardProps) {
  const [showJobs, setShowJobs] = createSignal(false);
  const count = createMemo(() => jobCountOf(props.batch.prompt));
  const jobs = createMemo(() => (showJobs() && count().ok ? expandPrompt(props.batch.prompt) : []));
  const id = (field: string) => `batch-${props.index}-${field}`;
  const errors = () => props.issues.filter((issue) => issue.severity === 'error');
  const warnings = () => props.issues.filter((issue) => issue.severity === 'warning');
  const countOk = () => {
    const value = count();
    return value.ok && value.jobs === JOBS_PER_BATCH;
  };

  return (
    <li class="batch-card" classList={{ invalid: errors().length > 0 }} aria-labelledby={id('title')}>
      <header class="batch-header">
        <h3 id={id('title')}>
          Batch {props.batch.batch_number}: {props.batch.batch_name}
        </h3>
        <span class="job-count" classList={{ ok: countOk(), bad: !countOk() }} aria-label={`Jobs in batch ${props.batch.batch_number}`}>
          <Show when={count().ok} fallback="syntax error">
            {(count() as { jobs: number }).jobs} / {JOBS_PER_BATCH} jobs
          </Show>
        </span>
        <div class="batch-tools">
          <button type="button" class="icon-button" aria-label={`Move batch ${props.batch.batch_number} up`} disabled={props.index === 0} onClick={() => props.onMove(-1)}>
            ↑
          </button>
          <button type="button" class="icon-button" aria-label={`Move batch ${props.batch.batch_number} down`} disabled={props.index === props.total - 1} onClick={() => props.onMove(1)}>
            ↓
          </button>
          <button type="button" onClick={() => props.onDuplicate()} aria-label={`Duplicate batch ${props.batch.batch_number}`}>
            Duplicate
          </button>
          <button type="button" class="danger" onClick={() => props.onRemove()} aria-label={`Remove batch ${props.batch.batch_number}`}>
            Remove
          </button>
        </div>
      </header>

      <div class="batch-fields">
        <div class="field">
          <label for={id('name')}>Name</label>
          <input id={id('name')} type="text" value={props.batch.batch_name} maxLength={80} onInput={(e) => props.onChange({ batch_name: e.currentTarget.value })} />
        </div>
        <div class="field">
          <label for={id('category')}>Category</label>
          <input id={id('category')} type="text" value={props.batch.category} maxLength={40} onInput={(e) => props.onChange({ category: e.currentTarget.value })} />
        </div>
        <div class="field">
          <label for={id('priority')}>Priority</label>
          <select id={id('priority')} value={props.batch.priority} onChange={(e) => props.onChange({ priority: e.currentTarget.value as Priority })}>
            <For each={PRIORITIES}>{(priority) => <option value={priority}>{priority}</option>}</For>
          </select>
        </div>
        <div class="field">
          <label for={id('number')}>Number</label>
          <input
            id={id('number')}
            type="number"
            min="1"
            max="999"
            value={props.batch.batch_number}
            onInput={(e) => {
              const value = e.currentTarget.valueAsNumber;
              if (Number.isInteger(value) && value >= 1) props.onChange({ batch_number: value });
            }}
          />
        </div>
      </div>

      <div class="field">
        <label for={id('prompt')}>Permutation prompt</label>
        <textarea
          id={id('prompt')}
          rows="3"
          spellcheck={false}
          value={props.batch.prompt}
          aria-invalid={errors().some((issue) => issue.field === 'prompt' || issue.field === 'image_count')}
          aria-describedby={id('issues')}
          onInput={(e) => {
            const prompt = e.currentTarget.value;
            const next = jobCountOf(prompt);
            props.onChange(next.ok ? { prompt, image_count: next.jobs } : { prompt });
          }}
        />
      </div>
      <div class="field">
        <label for={id('notes')}>Notes</label>
        <input id={id('notes')} type="text" value={props.batch.notes} maxLength={500} onInput={(e) => props.onChange({ notes: e.currentTarget.value })} />
      </div>

      <div id={id('issues')}>
        <Show when={props.issues.length > 0}>
          <ul class="issues">
            <For each={errors()}>{(issue) => <li class="issue-error">{issue.message}</li>}</For>
            <For each={warnings()}>{(issue) => <li class="issue-warning">{issue.message}</li>}</For>
          </ul>
        </Show>
      </div>

      <div class="batch-footer">
        <CopyButton text={() => props.batch.prompt} label={`Copy prompt of batch ${props.batch.batch_number}`} />
        <button type="button" aria-expanded={showJobs()} aria-controls={id('jobs')} disabled={!count().ok} onClick={() => setShowJobs(!showJobs())}>
          {showJobs() ? 'Hide jobs' : 'Preview jobs'}
        </button>
        <Show when={showJobs() && jobs().length > 0}>
          <CopyButton text={() => jobs().join('\n')} label={`Copy all jobs of batch ${props.batch.batch_number}`} />
        </Show>
      </div>
      <Show when={showJobs()}>
        <ol id={id('jobs')} class="jobs-preview" aria-label={`Jobs of batch ${props.batch.batch_number}`}>
          <For each={jobs()}>{(job) => <li>{job}</li>}</For>
        </ol>
      </Show>
    </li>
  );
}
