/** Step 3: edit the permutation batches with live validation from the real parser. */
import { For, Show, createMemo } from 'solid-js';
import { useApp } from '../../app/app-context';
import { parseSrefInput } from '../../domain/sref';
import { validateSpecification } from '../../domain/validate';
import { BatchCard } from './batch-card';

export function BatchEditor() {
  const { project: [state, actions] } = useApp();
  const spec = () => state.project?.spec ?? null;
  const srefCode = () => {
    const parsed = parseSrefInput(state.project?.srefCode ?? '');
    return parsed.ok ? parsed.canonical : (state.project?.srefCode ?? '');
  };
  const report = createMemo(() => {
    const current = spec();
    return current ? validateSpecification(current, { srefCode: srefCode() }) : null;
  });
  const specIssues = () => [...(report()?.errors ?? []), ...(report()?.warnings ?? [])].filter((issue) => issue.batchIndex === undefined);
  const issuesFor = (index: number) => [...(report()?.errors ?? []), ...(report()?.warnings ?? [])].filter((issue) => issue.batchIndex === index);

  return (
    <section class="step-view" aria-labelledby="editor-heading">
      <h2 id="editor-heading">Permutation batches</h2>
      <Show when={spec()} fallback={<p class="hint">Run the analysis first; its batches appear here.</p>}>
        {(current) => (
          <>
            <div class="validation-summary" role="status" aria-live="polite">
              <Show
                when={report()?.valid}
                fallback={
                  <p class="summary-bad">
                    {report()?.errors.length} error{report()?.errors.length === 1 ? '' : 's'}, {report()?.warnings.length} warning
                    {report()?.warnings.length === 1 ? '' : 's'}
                  </p>
                }
              >
                <p class="summary-good">
                  All {current().permutation_batches.length} batches are valid
                  {report()?.warnings.length ? ` (${report()?.warnings.length} warnings)` : ''}.
                </p>
              </Show>
              <Show when={specIssues().length > 0}>
                <ul class="issues">
                  <For each={specIssues()}>{(issue) => <li class={`issue-${issue.severity}`}>{issue.message}</li>}</For>
                </ul>
              </Show>
            </div>

            <ol class="batch-list">
              <For each={current().permutation_batches}>
                {(batch, index) => (
                  <BatchCard
                    batch={batch}
                    index={index()}
                    total={current().permutation_batches.length}
                    issues={issuesFor(index())}
                    onChange={(patch) => actions.updateBatch(index(), patch)}
                    onDuplicate={() => actions.duplicateBatch(index())}
                    onRemove={() => actions.removeBatch(index())}
                    onMove={(offset) => actions.moveBatch(index(), offset)}
                  />
                )}
              </For>
            </ol>
            <div class="step-actions">
              <button type="button" onClick={() => actions.addBatch()}>
                Add batch
              </button>
              <button type="button" class="primary" onClick={() => actions.setStep('export')}>
                Continue to export
              </button>
            </div>
          </>
        )}
      </Show>
    </section>
  );
}
