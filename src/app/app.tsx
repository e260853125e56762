/** The app shell: header navigation, the routed page, notifications and the update prompt. */
import { Match, Show, Switch, createEffect, createSignal, onMount } from 'solid-js';
import { AppProvider, useApp } from './app-context';
import { Toasts } from './toasts';
import { UpdatePrompt } from './update-prompt';
import { applyTheme } from './theme';
import { hrefFor, type Route } from './router';
import { Workspace } from './workspace';
import { ProjectsView } from '../features/projects/projects-view';
import { SettingsView } from '../features/settings/settings-view';

const NAV: { route: Route; label: string }[] = [
  { route: 'workspace', label: 'Project' },
  { route: 'projects', label: 'Projects' },
  { route: 'settings', label: 'Settings' },
];

function Shell() {
  const app = useApp();
  const [settings, settingsActions] = app.settings;
  const [, projectActions] = app.project;
  const [ready, setReady] = createSignal(false);

  onMount(async () => {
    try {
      await settingsActions.load();
      await projectActions.restore();
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
      <header class="app-header">
        <a class="brand" href={hrefFor('workspace')}>
          <img src="./icons/icon.svg" alt="" width="28" height="28" />
          <span>LoRA Dataset Generator</span>
        </a>
        <nav aria-label="Main">
          {NAV.map((item) => (
            <a href={hrefFor(item.route)} aria-current={app.router.route() === item.route ? 'page' : undefined}>
              {item.label}
            </a>
          ))}
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <Show when={ready()} fallback={<p class="hint">Loading your project…</p>}>
          <Switch>
            <Match when={app.router.route() === 'projects'}>
              <ProjectsView />
            </Match>
            <Match when={app.router.route() === 'settings'}>
              <SettingsView />
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

export function App() {
  return (
    <AppProvider>
      <Shell />
    </AppProvider>
  );
}
