/** The project list: reopen, delete, start new, open a .lora-project file, or try the example. */
import { For, Show, createResource, createSignal } from 'solid-js';
import { useApp } from '../../app/app-context';
import type { Project } from '../../domain/project';
import { loadExampleProject } from '../example/load-example';
import { openProjectFile, type OpenedFile } from '../project/project-file-actions';
import type { LeaveOptions } from '../project/create-project-store';
import { ModalDialog } from '../../ui/modal-dialog';
import { createLeaveGuard } from './leave-guard';

export function ProjectsView() {
  const app = useApp();
  const [projectState, projectActions] = app.project;
  const [, toast] = app.toasts;
  const [projects, { refetch }] = createResource(() => app.projectRepository.list());
  const [confirmDelete, setConfirmDelete] = createSignal<Project | null>(null);
  const [fileError, setFileError] = createSignal<string | null>(null);
  let fileInput: HTMLInputElement | undefined;
  const guard = createLeaveGuard(projectState, toast.showError);

  /** Every switch of project goes through the guard: unsaved changes are never dropped silently. */
  const openAndGo = async (action: (options?: LeaveOptions) => Promise<unknown>) => {
    try {
      if (await guard.attempt(async (options) => void (await action(options)))) app.router.navigate('workspace');
    } catch (error) {
      toast.showError(error);
    }
  };

  const importFile = async (file: File) => {
    setFileError(null);
    let opened: OpenedFile | undefined;
    try {
      if (!(await guard.attempt(async (options) => void (opened = await openProjectFile(file, projectActions, options))))) return;
      if (opened?.kind === 'spec') {
        const notes = [...opened.missing, opened.changes.length > 0 ? `Converted: ${opened.changes.slice(0, 3).join('; ')}.` : ''].filter(Boolean).join(' ');
        toast.show('success', `Opened ${opened.description} as “${opened.name}”.`, notes || undefined, 12_000);
      } else if (opened) {
        toast.show('success', `Opened “${opened.name}”.`);
      }
      app.router.navigate('workspace');
    } catch (error) {
      setFileError(error instanceof Error ? error.message : String(error));
    }
  };

  const remove = async (project: Project) => {
    setConfirmDelete(null);
    try {
      // Leave it first, dropping what was not saved: nothing may be written to it after the delete.
      if (projectState.project?.id === project.id) await projectActions.create(undefined, { discardUnsaved: true });
      await app.projectRepository.remove(project.id);
      toast.show('info', `Deleted “${project.name}”.`);
    } catch (error) {
      toast.showError(error);
    }
    void refetch();
  };

  return (
    <section class="step-view" aria-labelledby="projects-heading">
      <h2 id="projects-heading">Projects</h2>
      <div class="toolbar">
        <button type="button" class="primary" onClick={() => void openAndGo((options) => projectActions.create(undefined, options))}>
          New project
        </button>
        <button type="button" onClick={() => fileInput?.click()}>
          Open project file…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".lora-project,application/json"
          hidden
          aria-label="Project file"
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            event.currentTarget.value = '';
            if (file) void importFile(file);
          }}
        />
        <button type="button" onClick={() => void openAndGo((options) => loadExampleProject(projectActions, options))}>
          Open the example project
        </button>
      </div>
      <Show when={fileError()}>
        <p class="notice notice-error" role="alert">
          {fileError()}
        </p>
      </Show>

      <Show when={projects()} fallback={<p class="hint">Loading projects…</p>}>
        {(list) => (
          <ul class="project-list">
            <For each={list()} fallback={<li class="hint">No saved projects yet.</li>}>
              {(project) => (
                <li class="project-row" classList={{ current: project.id === projectState.project?.id }}>
                  <div>
                    <strong>{project.name}</strong>
                    <Show when={project.isExample}>
                      <span class="badge">Example</span>
                    </Show>
                    <p class="hint">
                      {project.images.length} images · {project.spec ? `${project.spec.permutation_batches.length} batches` : 'not analysed'} · edited{' '}
                      {new Date(project.updatedAt).toLocaleString()}
                    </p>
                  </div>
                  <div class="button-row">
                    <button type="button" onClick={() => void openAndGo((options) => projectActions.open(project.id, options))} aria-label={`Open ${project.name}`}>
                      Open
                    </button>
                    <button type="button" class="danger" onClick={() => setConfirmDelete(project)} aria-label={`Delete ${project.name}`}>
                      Delete
                    </button>
                  </div>
                </li>
              )}
            </For>
          </ul>
        )}
      </Show>

      <Show when={confirmDelete()}>
        {(project) => (
          <ModalDialog title={`Delete “${project().name}”?`} role="alertdialog" onClose={() => setConfirmDelete(null)}>
            <p>Its style images, batches and training set are removed from this browser. This cannot be undone.</p>
            <div class="button-row">
              <button type="button" data-autofocus onClick={() => setConfirmDelete(null)}>
                Keep it
              </button>
              <button type="button" class="danger" onClick={() => void remove(project())}>
                Delete
              </button>
            </div>
          </ModalDialog>
        )}
      </Show>
      <guard.LeaveDialog />
    </section>
  );
}
