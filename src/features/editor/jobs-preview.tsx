/** A batch's expanded jobs on demand: the list (first PREVIEW_LIMIT shown), or why there is none. */
import { For, Match, Show, Switch, createMemo } from 'solid-js';
import { JOBS_PER_BATCH } from '../../domain/schema';
import { countOf, formatCount } from '../../domain/format-count';
import { MAX_EXPANDED_JOBS } from '../../domain/permutations';
import { CopyButton } from './copy-button';
import { PREVIEW_LIMIT, previewJobs } from './job-count';

export interface JobsPreviewProps {
  prompt: string;
  batchNumber: number;
  id: string;
}

export function JobsPreview(props: JobsPreviewProps) {
  // Recomputed from the prompt on every edit: a preview never stays stuck on an old error.
  const preview = createMemo(() => previewJobs(props.prompt));
  const jobs = () => {
    const current = preview();
    return current.kind === 'jobs' ? current.jobs : [];
  };

  return (
    <div id={props.id} class="jobs-preview-panel">
      <Switch>
        <Match when={preview().kind === 'syntax-error'}>
          <p class="hint">Fix the prompt's syntax error to list its jobs.</p>
        </Match>
        <Match when={preview().kind === 'too-many' && (preview() as { jobs: number })}>
          {(tooMany) => (
            <p class="hint error" role="status">
              This prompt expands to {countOf(tooMany().jobs, 'job')}, too many to list (at most {formatCount(MAX_EXPANDED_JOBS)}). A batch needs{' '}
              {JOBS_PER_BATCH}: shorten its option groups.
            </p>
          )}
        </Match>
        <Match when={preview().kind === 'jobs'}>
          <div class="button-row">
            <CopyButton text={() => jobs().join('\n')} label={`Copy all jobs of batch ${props.batchNumber}`} />
            <Show when={jobs().length > PREVIEW_LIMIT}>
              <span class="hint">
                The first {formatCount(PREVIEW_LIMIT)} of {countOf(jobs().length, 'job')} are listed; copying takes every one.
              </span>
            </Show>
          </div>
          <ol class="jobs-preview" aria-label={`Jobs of batch ${props.batchNumber}`}>
            <For each={jobs().slice(0, PREVIEW_LIMIT)}>{(job) => <li>{job}</li>}</For>
          </ol>
        </Match>
      </Switch>
    </div>
  );
}
