/**
 * Finding your way in a long batch list: a jump list (invalid batches marked), a filter that
 * shows only batches with errors, and collapse / expand for every card at once.
 */
import { For, Show } from 'solid-js';
import type { PermutationBatch } from '../../domain/schema';
import { countOf } from '../../domain/format-count';

export interface BatchNavigatorProps {
  batches: readonly PermutationBatch[];
  errorCount(index: number): number;
  onlyInvalid: boolean;
  onOnlyInvalid(value: boolean): void;
  onJump(index: number): void;
  onCollapseAll(collapsed: boolean): void;
}

export function BatchNavigator(props: BatchNavigatorProps) {
  const invalidCount = () => props.batches.filter((_, index) => props.errorCount(index) > 0).length;

  return (
    <nav class="batch-navigator" aria-label="Batches">
      <ol class="jump-list">
        <For each={props.batches}>
          {(batch, index) => (
            <li>
              <button type="button" classList={{ invalid: props.errorCount(index()) > 0 }} onClick={() => props.onJump(index())}>
                {batch.batch_number}. {batch.batch_name}
                <Show when={props.errorCount(index()) > 0}>
                  <span class="visually-hidden"> ({countOf(props.errorCount(index()), 'error')})</span>
                  <span aria-hidden="true"> ⚠</span>
                </Show>
              </button>
            </li>
          )}
        </For>
      </ol>
      <div class="button-row">
        <label class="checkbox">
          <input type="checkbox" checked={props.onlyInvalid} disabled={invalidCount() === 0 && !props.onlyInvalid} onChange={(e) => props.onOnlyInvalid(e.currentTarget.checked)} />
          <span>Only batches with errors ({invalidCount()})</span>
        </label>
        <button type="button" onClick={() => props.onCollapseAll(true)}>
          Collapse all
        </button>
        <button type="button" onClick={() => props.onCollapseAll(false)}>
          Expand all
        </button>
      </div>
    </nav>
  );
}
