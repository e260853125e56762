/** Step 2: run the analysis (with progress and cancel) and show its results. */
import { Show, createEffect, on, onCleanup } from 'solid-js';
import { useApp } from '../../app/app-context';
import { MIN_IMAGES } from '../../domain/project';
import { describeProgress } from './progress-text';
import { StyleResults } from './style-results';
import { AnalysisError } from './analysis-error';

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
  let resultsHeading: HTMLElement | undefined;
  // While this panel is on screen, the analysis store does not repeat its news in toasts.
  onCleanup(analysisActions.watchPanel());
  // A run that ends here moves focus to what it produced (its Cancel button is gone).
  createEffect(
    on(
      () => analysis.status,
      (status, previous) => {
        if (previous !== 'running' || !forThisProject()) return;
        if (status === 'done') queueMicrotask(() => resultsHeading?.focus());
        else queueMicrotask(() => document.querySelector<HTMLElement>('#analysis-heading')?.focus());
      },
    ),
  );
  const interrupted = () => (analysis.interrupted?.projectId === projectState.project?.id ? analysis.interrupted : null);

  return (
    <section class="step-view" aria-labelledby="analysis-heading">
      <h2 id="analysis-heading" tabIndex={-1}>
        Style analysis
      </h2>
      <Show when={interrupted()}>
        {(run) => (
          <div class="notice notice-warning" role="status">
            <p>
              The analysis started at {new Date(run().startedAt).toLocaleTimeString()} was cut off when the page reloaded; nothing was saved from it. Start it
              again when you are ready.
            </p>
            <button type="button" onClick={() => analysisActions.dismissInterrupted()}>
              Dismiss
            </button>
          </div>
        )}
      </Show>
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

      <Show when={forThisProject() && analysis.status === 'done' && analysis.lastResult?.fallback_used}>
        <p class="notice notice-warning" role="status">
          Completed using the offline model after the Cloud call failed.
        </p>
      </Show>
      <Show when={forThisProject() && analysis.error}>{(error) => <AnalysisError error={error()} rawOutput={analysis.rawOutput} />}</Show>

      <Show when={projectState.project?.spec}>
        {(spec) => (
          <>
            <h3 id="results-heading" class="visually-hidden" tabIndex={-1} ref={(heading) => (resultsHeading = heading)}>
              Results
            </h3>
            <StyleResults spec={spec()} analysis={projectState.project?.analysis ?? null} isExample={projectState.project?.isExample ?? false} />
            <div class="step-actions">
              <button type="button" class="primary" onClick={() => projectActions.setStep('batches')}>
                Next: batches
              </button>
            </div>
          </>
        )}
      </Show>
    </section>
  );
}
