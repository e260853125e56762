/** Step 2: run the analysis (with progress and cancel) and show its results. */
import { Show } from 'solid-js';
import { useApp } from '../../app/app-context';
import { MIN_IMAGES } from '../../domain/project';
import { describeProgress } from './progress-text';
import { StyleResults } from './style-results';

const MODE_LABELS = { auto: 'Auto (Cloud when a key is set and online, else Offline)', cloud: 'Cloud (Claude)', offline: 'Offline (on this device)' } as const;

export function AnalysisView() {
  const app = useApp();
  const [projectState, projectActions] = app.project;
  const [analysis, analysisActions] = app.analysis;
  const [settings] = app.settings;
  // The analysis store runs one analysis at a time, bound to the project that started it.
  const forThisProject = () => analysis.projectId !== null && analysis.projectId === projectState.project?.id;
  const busy = () => analysis.status === 'running';
  const running = () => busy() && forThisProject();
  const runningElsewhere = () => busy() && !forThisProject();
  const progressView = () => (analysis.progress ? describeProgress(analysis.progress) : { text: 'Starting…', fraction: null });
  const hasImages = () => (projectState.project?.images.length ?? 0) >= MIN_IMAGES;
  const canStart = () => hasImages() && !busy();

  return (
    <section class="step-view" aria-labelledby="analysis-heading">
      <h2 id="analysis-heading">Style analysis</h2>
      <div class="toolbar">
        <p class="hint">
          Engine: {MODE_LABELS[settings.settings.analysisMode]}
          {settings.settings.autoFallback ? ', falls back to Offline if Cloud fails' : ''}.{' '}
          <a href="#/settings">Change in Settings</a>
        </p>
        <Show when={!running()}>
          <button type="button" class="primary" disabled={!canStart()} onClick={() => void analysisActions.start()}>
            {projectState.project?.spec ? 'Analyse again' : 'Analyse style'}
          </button>
        </Show>
      </div>
      <Show when={!hasImages() && !running()}>
        <p class="hint">Add at least {MIN_IMAGES} images on the Images step first.</p>
      </Show>
      <Show when={runningElsewhere()}>
        <div class="notice notice-info" role="status">
          <p>
            An analysis of “{analysis.projectName}” is running; its result will be saved to that project. You can analyse this one when it
            finishes.
          </p>
          <button type="button" onClick={() => analysisActions.cancel()}>
            Cancel that analysis
          </button>
        </div>
      </Show>

      <Show when={running()}>
        <div class="progress-panel" role="status" aria-live="polite">
          <p>{progressView().text}</p>
          <progress aria-label="Analysis progress" {...(progressView().fraction === null ? {} : { value: progressView().fraction ?? 0, max: 1 })} />
          <Show when={progressView().detail}>
            <p class="hint">{progressView().detail}</p>
          </Show>
          <button type="button" onClick={() => analysisActions.cancel()}>
            Cancel analysis
          </button>
        </div>
      </Show>

      <Show when={forThisProject() && analysis.error}>
        {(error) => (
          <div class="notice notice-error" role="alert">
            <strong>{error().message}</strong>
            <p>{error().action}</p>
            <Show when={error().kind === 'ModelNotFound'}>
              <p>
                <a href="#/settings">Download the offline model in Settings</a>, then analyse again.
              </p>
            </Show>
            <Show when={error().kind === 'ApiKeyMissing' || error().kind === 'ApiAuthentication'}>
              <p>
                <a href="#/settings">Open Settings</a> to add or test your key.
              </p>
            </Show>
            <Show when={error().detail}>
              <details>
                <summary>Details</summary>
                <pre class="raw">{error().detail}</pre>
              </details>
            </Show>
            <Show when={analysis.rawOutput}>
              <details>
                <summary>Raw model output</summary>
                <pre class="raw">{analysis.rawOutput}</pre>
              </details>
            </Show>
          </div>
        )}
      </Show>

      <Show when={projectState.project?.spec}>
        {(spec) => (
          <>
            <StyleResults spec={spec()} analysis={projectState.project?.analysis ?? null} isExample={projectState.project?.isExample ?? false} />
            <div class="step-actions">
              <button type="button" class="primary" onClick={() => projectActions.setStep('batches')}>
                Edit batches
              </button>
            </div>
          </>
        )}
      </Show>
    </section>
  );
}
