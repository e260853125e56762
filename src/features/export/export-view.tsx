/** Step 4: a summary and every export format, with prompt lists split for the user's Midjourney plan. */
import { For, Show, createMemo } from 'solid-js';
import { useApp } from '../../app/app-context';
import { PLANS, type PlanId } from '../../domain/plans';
import { parseSrefInput } from '../../domain/sref';
import { validateSpecification } from '../../domain/validate';
import { summarizeJobs } from '../../domain/job-summary';
import { countOf, formatCount } from '../../domain/format-count';
import {
  exportFileName,
  exportJobsCsv,
  exportJson,
  exportMarkdown,
  exportPromptList,
  exportSplitPromptList,
  type ExportContext,
} from '../../domain/exports';
import type { DatasetSpecification } from '../../domain/schema';
import { downloadText } from '../../ui/download';
import { CopyButton } from '../editor/copy-button';
import { saveProjectFile } from '../project/project-file-actions';

export function ExportView() {
  const app = useApp();
  const [state] = app.project;
  const [settings, settingsActions] = app.settings;
  const [, toast] = app.toasts;
  const plan = () => settings.settings.plan;
  const srefCode = () => {
    const parsed = parseSrefInput(state.project?.srefCode ?? '');
    return parsed.ok ? parsed.canonical : '';
  };
  const report = createMemo(() => (state.project?.spec ? validateSpecification(state.project.spec, { srefCode: srefCode() }) : null));
  const totals = createMemo(() => summarizeJobs(state.project?.spec?.permutation_batches ?? [], PLANS[plan()].jobsPerPrompt));
  const countNotes = () => {
    const { unreadable, tooLargeToSplit } = totals();
    return [
      unreadable.length > 0 ? `${batchList(unreadable)} ${unreadable.length === 1 ? 'has' : 'have'} a syntax error and ${unreadable.length === 1 ? 'is' : 'are'} not counted.` : null,
      tooLargeToSplit.length > 0 ? `${batchList(tooLargeToSplit)} ${tooLargeToSplit.length === 1 ? 'is' : 'are'} too large to split for a plan; ${tooLargeToSplit.length === 1 ? 'its jobs are' : 'their jobs are'} counted, ${tooLargeToSplit.length === 1 ? 'its prompt is' : 'their prompts are'} written unsplit.` : null,
    ].filter((note): note is string => note !== null);
  };

  const context = (): ExportContext => ({
    projectName: state.project?.name ?? 'project',
    srefCode: srefCode(),
    analysis: state.project?.analysis ?? null,
    exportedAt: new Date(),
    isExample: state.project?.isExample ?? false,
  });

  const formats: { kind: 'json' | 'markdown' | 'prompts' | 'csv'; label: string; description: string; mime: string; build: (spec: DatasetSpecification) => string }[] = [
    { kind: 'json', label: 'JSON', description: 'The full specification, for tools and re-import.', mime: 'application/json', build: (spec) => exportJson(spec, context()) },
    { kind: 'markdown', label: 'Markdown', description: 'A readable document of the analysis and every batch.', mime: 'text/markdown', build: (spec) => exportMarkdown(spec, context()) },
    { kind: 'prompts', label: 'Prompt list', description: 'One permutation prompt per line.', mime: 'text/plain', build: (spec) => exportPromptList(spec) },
    { kind: 'csv', label: 'CSV of jobs', description: 'Every expanded job, one row each.', mime: 'text/csv', build: (spec) => exportJobsCsv(spec) },
  ];

  const download = (kind: (typeof formats)[number]['kind'] | 'split') => {
    const spec = state.project?.spec;
    if (!spec) return;
    if (kind === 'split') {
      downloadText(exportFileName(context().projectName, 'split', plan()), exportSplitPromptList(spec, plan()), 'text/plain');
      return;
    }
    const format = formats.find((candidate) => candidate.kind === kind)!;
    downloadText(exportFileName(context().projectName, kind), format.build(spec), format.mime);
  };

  return (
    <section class="step-view" aria-labelledby="export-heading">
      <h2 id="export-heading">Export</h2>
      <Show when={state.project?.spec} fallback={<p class="hint">Run the analysis first; exports appear here.</p>}>
        {(spec) => (
          <>
            <dl class="summary">
              <div>
                <dt>Batches</dt>
                <dd>{formatCount(spec().permutation_batches.length)}</dd>
              </div>
              <div>
                <dt>Jobs</dt>
                <dd>{formatCount(totals().jobs)}</dd>
              </div>
              <div>
                <dt>Images generated (4 per job)</dt>
                <dd>{formatCount(totals().images)}</dd>
              </div>
              <div>
                <dt>Images to keep for training</dt>
                <dd>{formatCount(spec().training_recommendations.recommended_dataset_size)}</dd>
              </div>
              <div>
                <dt>Validation</dt>
                <dd>{report()?.valid ? 'Valid' : countOf(report()?.errors.length ?? 0, 'error')}</dd>
              </div>
            </dl>
            <p class="hint">
              The recommended dataset size is what you train on: the best {countOf(spec().training_recommendations.recommended_dataset_size, 'image')} of the{' '}
              {formatCount(totals().images)} the batches generate.
            </p>
            <Show when={countNotes().length > 0}>
              <ul class="notice notice-warning" role="note" aria-label="Not in the totals">
                <For each={countNotes()}>{(note) => <li>{note}</li>}</For>
              </ul>
            </Show>
            <Show when={report() && !report()!.valid}>
              <p class="notice notice-warning" role="note">
                The specification still has errors. You can export it, but fix them in the batch editor first for a clean run.
              </p>
            </Show>

            <ul class="export-list">
              <For each={formats}>
                {(format) => (
                  <li class="export-item">
                    <div>
                      <strong>{format.label}</strong>
                      <p class="hint">{format.description}</p>
                    </div>
                    <button type="button" onClick={() => download(format.kind)}>
                      Download {format.label}
                    </button>
                  </li>
                )}
              </For>
              <li class="export-item">
                <div>
                  <strong>Prompts split for your plan</strong>
                  <p class="hint">
                    Each prompt fits the plan's limit of {PLANS[plan()].jobsPerPrompt} jobs per permutation prompt: {countOf(totals().prompts, 'prompt')} in all.
                  </p>
                  <label for="plan-select">Midjourney plan</label>{' '}
                  <select id="plan-select" value={plan()} onChange={(e) => void settingsActions.update({ plan: e.currentTarget.value as PlanId })}>
                    <For each={Object.values(PLANS)}>{(entry) => <option value={entry.id}>{entry.label} ({entry.jobsPerPrompt} jobs per prompt)</option>}</For>
                  </select>
                </div>
                <div class="button-row">
                  <CopyButton text={() => exportSplitPromptList(spec(), plan())} label="Copy split prompts" />
                  <button type="button" onClick={() => download('split')}>
                    Download split prompts
                  </button>
                </div>
              </li>
              <li class="export-item">
                <div>
                  <strong>Project file</strong>
                  <p class="hint">Everything, images included, as a .lora-project file to back up or move to another browser.</p>
                </div>
                <button type="button" onClick={() => saveProjectFile(state).catch((error) => toast.showError(error))}>
                  Save project file
                </button>
              </li>
            </ul>
          </>
        )}
      </Show>
    </section>
  );
}

/** "Batch 3", "Batches 3 and 5", "Batches 2, 4 and 7". */
function batchList(numbers: readonly number[]): string {
  if (numbers.length === 1) return `Batch ${numbers[0]}`;
  return `Batches ${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1)}`;
}
