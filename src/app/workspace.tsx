/** The current project: its name, save state, and the four steps as tabs. */
import { For, Match, Switch, createEffect, on } from 'solid-js';
import { useApp } from './app-context';
import { PROJECT_STEPS, type ProjectStep } from '../domain/project';
import { UploadView } from '../features/upload/upload-view';
import { AnalysisView } from '../features/analysis/analysis-view';
import { BatchEditor } from '../features/editor/batch-editor';
import { ExportView } from '../features/export/export-view';
import { SaveStatus } from '../features/project/save-status';
import { ConflictNotice } from '../features/project/conflict-notice';

const STEP_LABELS: Record<ProjectStep, string> = { upload: '1. Images', analysis: '2. Analysis', batches: '3. Batches', export: '4. Export' };

export function Workspace() {
  const { project: [state, actions], toasts: [, toast] } = useApp();
  const step = () => state.project?.step ?? 'upload';
  let panel: HTMLDivElement | undefined;
  // A button that moved to another step (Continue, Next: batches) is gone with its step: focus
  // goes to the new step's heading instead of falling to the page.
  createEffect(
    on(step, () =>
      queueMicrotask(() => {
        if (document.activeElement && document.activeElement !== document.body) return;
        const heading = panel?.querySelector<HTMLElement>('h2');
        if (!heading) return;
        heading.tabIndex = -1;
        heading.focus();
      }),
      { defer: true },
    ),
  );

  const onTabKey = (event: KeyboardEvent, index: number) => {
    const offset = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!offset) return;
    event.preventDefault();
    const next = PROJECT_STEPS[(index + offset + PROJECT_STEPS.length) % PROJECT_STEPS.length]!;
    actions.setStep(next);
    document.getElementById(`tab-${next}`)?.focus();
  };

  return (
    <div class="workspace">
      <div class="project-bar">
        <label class="visually-hidden" for="project-name">
          Project name
        </label>
        <input
          id="project-name"
          class="project-name"
          type="text"
          value={state.project?.name ?? ''}
          maxLength={120}
          onChange={(event) => actions.rename(event.currentTarget.value)}
        />
        <SaveStatus state={state} actions={actions} onError={toast.showError} />
      </div>
      <ConflictNotice state={state} actions={actions} onError={toast.showError} />
      <div class="tabs" role="tablist" aria-label="Steps">
        <For each={PROJECT_STEPS}>
          {(name, index) => (
            <button
              type="button"
              role="tab"
              id={`tab-${name}`}
              aria-selected={step() === name}
              aria-controls="step-panel"
              tabIndex={step() === name ? 0 : -1}
              onClick={() => actions.setStep(name)}
              onKeyDown={(event) => onTabKey(event, index())}
            >
              {STEP_LABELS[name]}
            </button>
          )}
        </For>
      </div>
      <div id="step-panel" role="tabpanel" aria-labelledby={`tab-${step()}`} ref={panel}>
        <Switch>
          <Match when={step() === 'upload'}>
            <UploadView />
          </Match>
          <Match when={step() === 'analysis'}>
            <AnalysisView />
          </Match>
          <Match when={step() === 'batches'}>
            <BatchEditor />
          </Match>
          <Match when={step() === 'export'}>
            <ExportView />
          </Match>
        </Switch>
      </div>
    </div>
  );
}
