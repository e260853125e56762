/** The style analysis, recommendations and guidelines of a spec. Model text is rendered as text, never HTML. */
import { For, Show } from 'solid-js';
import type { DatasetSpecification } from '../../domain/schema';
import type { AnalysisInfo } from '../../domain/project';

export function StyleResults(props: { spec: DatasetSpecification; analysis: AnalysisInfo | null; isExample: boolean }) {
  const style = () => props.spec.style_analysis;
  const recommendations = () => props.spec.training_recommendations;
  const guidelines = () => props.spec.prompt_guidelines;
  return (
    <div class="results">
      <Show when={props.isExample}>
        <p class="notice notice-info" role="note">
          <strong>Example specification.</strong> Written by hand to show the editor and exports; it is not an analysis of
          your images.
        </p>
      </Show>
      <Show when={props.analysis}>
        {(info) => (
          <p class="analysis-meta">
            <span class={`badge badge-${info().mode_used}`}>{info().mode_used === 'cloud' ? 'Cloud' : 'Offline'}</span>
            <Show when={info().fallback_used}>
              <span class="badge badge-warning">Fallback used</span>
            </Show>
            <span class="hint">
              {info().model}
              {info().device ? ` · ${info().device}` : ''} · {new Date(info().completedAt).toLocaleString()}
            </span>
          </p>
        )}
      </Show>

      <div class="card-grid">
        <article class="card">
          <h3>Style</h3>
          <dl class="facts">
            <dt>Primary style</dt>
            <dd>{style().primary_style}</dd>
            <dt>Era influence</dt>
            <dd>{style().era_influence}</dd>
          </dl>
          <h4>Key characteristics</h4>
          <ul class="chips">
            <For each={style().key_characteristics}>{(item) => <li>{item}</li>}</For>
          </ul>
        </article>

        <article class="card">
          <h3>Colour palette</h3>
          <ul class="palette" aria-label="Colour palette">
            <For each={style().color_palette}>
              {(color) => (
                <li class="swatch">
                  <span class="swatch-color" style={{ 'background-color': color.hex }} aria-hidden="true" />
                  <span class="swatch-name">{color.name}</span>
                  <code>{color.hex}</code>
                  <Show when={color.share !== undefined}>
                    <span class="hint">{color.share?.toFixed(0)}%</span>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </article>

        <article class="card">
          <h3>Subjects</h3>
          <h4>Best suited</h4>
          <ul class="chips chips-good">
            <For each={style().best_subjects}>{(item) => <li>{item}</li>}</For>
          </ul>
          <h4>Avoid</h4>
          <ul class="chips chips-bad">
            <For each={style().avoid_subjects}>{(item) => <li>{item}</li>}</For>
          </ul>
        </article>

        <article class="card">
          <h3>Training recommendations</h3>
          <p>
            Recommended dataset size: <strong>{recommendations().recommended_dataset_size} images</strong>
          </p>
          <table class="distribution">
            <caption>Subject distribution</caption>
            <thead>
              <tr>
                <th scope="col">Category</th>
                <th scope="col">Share</th>
              </tr>
            </thead>
            <tbody>
              <For each={recommendations().optimal_subject_distribution}>
                {(entry) => (
                  <tr>
                    <td>{entry.category}</td>
                    <td>
                      <span class="bar" style={{ width: `${Math.min(100, entry.percentage)}%` }} aria-hidden="true" />
                      {entry.percentage.toFixed(0)}%
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </article>

        <article class="card">
          <h3>Prompt guidelines</h3>
          <p>{guidelines().keep_simple}</p>
          <Show when={guidelines().avoid_style_keywords.length > 0}>
            <h4>Avoid in prompts</h4>
            <ul class="chips chips-bad">
              <For each={guidelines().avoid_style_keywords}>{(item) => <li>{item}</li>}</For>
            </ul>
          </Show>
          <Show when={guidelines().recommended_additions.length > 0}>
            <h4>Good additions</h4>
            <ul class="chips">
              <For each={guidelines().recommended_additions}>{(item) => <li>{item}</li>}</For>
            </ul>
          </Show>
        </article>
      </div>
    </div>
  );
}
