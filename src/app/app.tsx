/** The app shell: header navigation, the routed page, notifications and the update prompt. */
import { Match, Show, Suspense, Switch, createEffect, createSignal, lazy, onCleanup, onMount } from 'solid-js';
import { AppProvider, useApp } from './app-context';
import { Toasts } from '../ui/toasts';
import { UpdatePrompt } from './update-prompt';
import { applyTheme } from './theme';
import { Workspace } from './workspace';
import { AppHeader } from './app-header';
import { ProjectsView } from '../features/projects/projects-view';
import { SettingsView } from '../features/settings/settings-view';
import { IntegrityNoticeBanner } from '../features/projects/integrity-notice-banner';
import { onDatabaseNotice, type DatabaseNotice } from '../storage/open-database';

// Loaded when first opened: the builder brings zip and image-matching code the first paint does not need.
const TrainingSetView = lazy(() => import('../features/training-set/training-set-view').then((module) => ({ default: module.TrainingSetView })));


function Shell() {
  const app = useApp();
  const [settings, settingsActions] = app.settings;
  const [, projectActions] = app.project;
  const [ready, setReady] = createSignal(false);
  onCleanup(onDatabaseNotice((notice) => explainDatabaseNotice(notice, app.toasts[1])));

  onMount(async () => {
    try {
      await settingsActions.load();
      await projectActions.restore();
      // Records a crash or a racing tab left without an owner (never one another tab may still list).
      void app.projectRepository.sweepOrphans().catch(() => undefined);
      // A model download interrupted by a reload or a closed tab continues from its recorded
      // offset; once a model is ready, the offline runtime is stored too (once, cheap after that).
      void import('../features/models/shared-models-store').then(({ onModelReady, sharedModelsStore }) => {
        onModelReady(() => void app.analysis[1].prepareOffline());
        return sharedModelsStore()[1].refresh(settings.settings);
      });
    } catch (error) {
      app.toasts[1].showError(error);
    } finally {
      setReady(true);
    }
  });
  createEffect(() => applyTheme(settings.settings.theme));

  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <AppHeader route={app.router.route()} />
      <main id="main" tabIndex={-1}>
        <Show when={ready()}>
          <IntegrityNoticeBanner repository={app.projectRepository} />
        </Show>
        <Show when={ready()} fallback={<p class="hint">Loading your project…</p>}>
          <Switch>
            <Match when={app.router.route() === 'projects'}>
              <ProjectsView />
            </Match>
            <Match when={app.router.route() === 'settings'}>
              <SettingsView />
            </Match>
            <Match when={app.router.route() === 'training' && app.project[0].project}>
              {(project) => (
                <Suspense fallback={<p class="hint">Loading the training-set builder…</p>}>
                  <TrainingSetView
                    project={project()}
                    repository={app.trainingSetRepository}
                    captioner={app.analysis[1].offlineCaptioner()}
                    ensureProjectStored={() => projectActions.ensureStored()}
                  />
                </Suspense>
              )}
            </Match>
            <Match when={true}>
              <Workspace />
            </Match>
          </Switch>
        </Show>
      </main>
      <Toasts store={app.toasts} />
      <UpdatePrompt />
    </>
  );
}

function explainDatabaseNotice(notice: DatabaseNotice, toast: ReturnType<typeof useApp>['toasts'][1]) {
  if (notice.kind === 'upgrade-blocked') {
    toast.show('warning', 'Close the other tabs of this app', 'A newer version is updating its storage and waits for the older tabs to close.', 0);
  } else if (notice.kind === 'closed-for-upgrade') {
    toast.show('warning', 'A newer version of this app was opened in another tab', 'Reload this tab to keep working; your saved work is kept.', 0);
  } else {
    toast.show('error', 'The browser closed this app’s storage', 'Reload the page. If it keeps happening, check that the disk is not full.', 0);
  }
}

export function App() {
  return (
    <AppProvider>
      <Shell />
    </AppProvider>
  );
}
