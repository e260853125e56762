/** One permutation batch in the editor: fields, live job count, its issues, expanded jobs, copy; collapsible. */
import { For, Show, createMemo, createSignal } from 'solid-js';
import { JOBS_PER_BATCH, MAX_IMAGE_COUNT, PRIORITIES, type PermutationBatch, type Priority } from '../../domain/schema';
import { countOf, formatCount } from '../../domain/format-count';
import type { ValidationIssue } from '../../domain/validate';
import { CopyButton } from './copy-button';
import { jobCountOf } from './job-count';
import { JobsPreview } from './jobs-preview';

export interface BatchCardProps {
  batch: PermutationBatch;
  index: number;
  total: number;
  issues: ValidationIssue[];
  collapsed: boolean;
  onToggle(): void;
  onChange(patch: Partial<PermutationBatch>): void;
  onDuplicate(): void;
  onRemove(): void;
  onMove(offset: -1 | 1): void;
}

/** The element id of a batch's heading, for the jump list. */
export const batchHeadingId = (index: number) => `batch-${index}-title`;

export function BatchCard(props: BatchCardProps) {
  const [showJobs, setShowJobs] = createSignal(false);
  const count = createMemo(() => jobCountOf(props.batch.prompt));
  const id = (field: string) => `batch-${props.index}-${field}`;
  const number = () => props.batch.batch_number;
  const errors = () => props.issues.filter((issue) => issue.severity === 'error');
  const warnings = () => props.issues.filter((issue) => issue.severity === 'warning');
  const countOk = () => {
    const value = count();
    return value.ok && value.jobs === JOBS_PER_BATCH;
  };

  return (
    <li class="batch-card" classList={{ invalid: errors().length > 0, collapsed: props.collapsed }} aria-labelledby={batchHeadingId(props.index)}>
      <header class="batch-header">
        <button
          type="button"
          class="icon-button disclosure"
          aria-expanded={!props.collapsed}
          aria-controls={id('body')}
          aria-label={`Details of batch ${number()}`}
          onClick={() => props.onToggle()}
        >
          <span aria-hidden="true">{props.collapsed ? '▸' : '▾'}</span>
        </button>
        <h3 id={batchHeadingId(props.index)} tabIndex={-1}>
          Batch {number()}: {props.batch.batch_name}
        </h3>
        <span class="job-count" classList={{ ok: countOk(), bad: !countOk() }} aria-label={`Jobs in batch ${number()}`}>
          <Show when={count().ok} fallback="syntax error">
            {formatCount((count() as { jobs: number }).jobs)} / {JOBS_PER_BATCH} jobs
          </Show>
        </span>
        <div class="batch-tools">
          <button type="button" class="icon-button" aria-label={`Move batch ${number()} up`} disabled={props.index === 0} onClick={() => props.onMove(-1)}>
            ↑
          </button>
          <button type="button" class="icon-button" aria-label={`Move batch ${number()} down`} disabled={props.index === props.total - 1} onClick={() => props.onMove(1)}>
            ↓
          </button>
          <button type="button" onClick={() => props.onDuplicate()} aria-label={`Duplicate batch ${number()}`}>
            Duplicate
          </button>
          <button type="button" class="danger" onClick={() => props.onRemove()} aria-label={`Remove batch ${number()}`}>
            Remove
          </button>
        </div>
      </header>

      <Show when={props.collapsed}>
        <p class="batch-summary hint">
          <Show when={errors().length > 0}>
            <span class="issue-error">{countOf(errors().length, 'error')}. </span>
          </Show>
          <code>{props.batch.prompt}</code>
        </p>
      </Show>

      <div id={id('body')} hidden={props.collapsed}>
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
              // image_count follows the prompt within the schema's bound; past it the validator explains.
              props.onChange(next.ok && next.jobs <= MAX_IMAGE_COUNT ? { prompt, image_count: next.jobs } : { prompt });
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
          <CopyButton text={() => props.batch.prompt} label={`Copy prompt of batch ${number()}`} />
          <button type="button" aria-expanded={showJobs()} aria-controls={id('jobs')} onClick={() => setShowJobs(!showJobs())}>
            {showJobs() ? 'Hide jobs' : 'Preview jobs'}
          </button>
        </div>
        <Show when={showJobs()}>
          <JobsPreview prompt={props.batch.prompt} batchNumber={number()} id={id('jobs')} />
        </Show>
      </div>
    </li>
  );
}
