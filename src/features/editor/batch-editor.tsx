/** Step 3: edit the permutation batches with live validation from the real parser. */
import { For, Show, createMemo, createSignal } from 'solid-js';
import { useApp } from '../../app/app-context';
import { parseSrefInput } from '../../domain/sref';
import { validateSpecification } from '../../domain/validate';
import type { PermutationBatch } from '../../domain/schema';
import { BatchCard, batchHeadingId } from './batch-card';
import { BatchNavigator } from './batch-navigator';

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
  const errorCount = (index: number) => (report()?.errors ?? []).filter((issue) => issue.batchIndex === index).length;

  // Keyed by the batch itself (the store keeps its identity through edits and moves).
  const [collapsed, setCollapsed] = createSignal(new Set<PermutationBatch>());
  // The batches with errors when the filter was turned on stay listed once fixed, so a card does
  // not vanish while it is being edited; batches that break later join them.
  const [filtered, setFiltered] = createSignal<Set<PermutationBatch> | null>(null);
  const batches = () => spec()?.permutation_batches ?? [];
  const isListed = (batch: PermutationBatch, index: number) => filtered() === null || filtered()!.has(batch) || errorCount(index) > 0;
  const listedCount = () => batches().filter((batch, index) => isListed(batch, index)).length;

  const toggle = (batch: PermutationBatch) => {
    const next = new Set(collapsed());
    if (!next.delete(batch)) next.add(batch);
    setCollapsed(next);
  };
  const setOnlyInvalid = (on: boolean) => setFiltered(on ? new Set(batches().filter((_, index) => errorCount(index) > 0)) : null);
  const jump = (index: number) => {
    const batch = batches()[index];
    if (!batch) return;
    if (!isListed(batch, index)) setFiltered(null);
    const next = new Set(collapsed());
    next.delete(batch);
    setCollapsed(next);
    const heading = document.getElementById(batchHeadingId(index));
    heading?.scrollIntoView({ block: 'start' });
    heading?.focus({ preventScroll: true });
  };

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
              <Show when={filtered() !== null}>
                <p class="hint">
                  Showing {listedCount()} of {batches().length} batches.
                </p>
              </Show>
            </div>

            <BatchNavigator
              batches={current().permutation_batches}
              errorCount={errorCount}
              onlyInvalid={filtered() !== null}
              onOnlyInvalid={setOnlyInvalid}
              onJump={jump}
              onCollapseAll={(collapse) => setCollapsed(new Set(collapse ? batches() : []))}
            />

            <ol class="batch-list">
              <For each={current().permutation_batches}>
                {(batch, index) => (
                  <Show when={isListed(batch, index())}>
                    <BatchCard
                      batch={batch}
                      index={index()}
                      total={current().permutation_batches.length}
                      issues={issuesFor(index())}
                      collapsed={collapsed().has(batch)}
                      onToggle={() => toggle(batch)}
                      onChange={(patch) => actions.updateBatch(index(), patch)}
                      onDuplicate={() => actions.duplicateBatch(index())}
                      onRemove={() => actions.removeBatch(index())}
                      onMove={(offset) => actions.moveBatch(index(), offset)}
                    />
                  </Show>
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
