/** Checks before export: issues, counts per batch and category against the plan, duplicates. */
import { For, Show } from 'solid-js';
import type { CountStatus } from '../../domain/training-set/check-training-set';
import type { TrainingSetActions, TrainingSetState } from './create-training-set-store';

const STATUS_TEXT: Record<CountStatus, string> = { ok: 'on plan', short: 'short', over: 'over', unplanned: 'not in the plan' };

export function TrainingChecks(props: { state: TrainingSetState; actions: TrainingSetActions }) {
  const nameOf = (id: string) => props.state.images.find((image) => image.id === id)?.fileName ?? id;
  return (
    <Show when={props.state.check}>
      {(check) => (
        <section class="card" aria-labelledby="checks-heading">
          <h3 id="checks-heading">Checks</h3>
          <p>
            {check().total} image{check().total === 1 ? '' : 's'} in the set; the plan recommends {check().recommendedTotal}.
          </p>
          <Show when={check().issues.length > 0} fallback={<p class="success">Everything matches the plan.</p>}>
            <ul class="issues" aria-label="Check results">
              <For each={check().issues}>{(issue) => <li class={`issue-${issue.severity}`}>{issue.message}</li>}</For>
            </ul>
          </Show>
          <Show when={check().total > 0}>
            <table class="distribution">
              <caption>Images per batch</caption>
              <thead>
                <tr>
                  <th scope="col">Batch</th>
                  <th scope="col">Category</th>
                  <th scope="col">Planned</th>
                  <th scope="col">Imported</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                <For each={check().batches}>
                  {(batch) => (
                    <tr>
                      <td>
                        {batch.batchNumber}. {batch.batchName}
                      </td>
                      <td>{batch.category}</td>
                      <td>{batch.planned ?? '—'}</td>
                      <td>{batch.actual}</td>
                      <td classList={{ 'issue-warning': batch.status === 'short' || batch.status === 'over' }}>{STATUS_TEXT[batch.status]}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            <table class="distribution">
              <caption>Categories against the recommended distribution</caption>
              <thead>
                <tr>
                  <th scope="col">Category</th>
                  <th scope="col">Recommended</th>
                  <th scope="col">In the set</th>
                </tr>
              </thead>
              <tbody>
                <For each={check().categories}>
                  {(category) => (
                    <tr>
                      <td>{category.category}</td>
                      <td>{category.recommendedPercent === null ? '—' : `${category.recommendedPercent}%`}</td>
                      <td classList={{ 'issue-warning': category.status === 'off' }}>
                        {Math.round(category.actualPercent)}% ({category.actual})
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </Show>
          <Show when={check().duplicates.length > 0}>
            <h4>Near-duplicates</h4>
            <For each={check().duplicates}>
              {(group) => (
                <ul class="thumbnails" aria-label="Near-duplicate images">
                  <For each={group}>
                    {(id) => (
                      <li class="thumbnail">
                        <Show when={props.state.thumbnails[id]}>{(url) => <img src={url()} alt={nameOf(id)} />}</Show>
                        <span class="thumbnail-name" title={nameOf(id)}>
                          {nameOf(id)}
                        </span>
                        <button type="button" class="icon-button" aria-label={`Remove ${nameOf(id)}`} onClick={() => void props.actions.removeImages([id])}>
                          ×
                        </button>
                      </li>
                    )}
                  </For>
                </ul>
              )}
            </For>
          </Show>
          <Show when={check().tooSmall.length > 0}>
            <h4>Too small to train on</h4>
            <ul>
              <For each={check().tooSmall}>{(id) => <li>{nameOf(id)}</li>}</For>
            </ul>
          </Show>
        </section>
      )}
    </Show>
  );
}
