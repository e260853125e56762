/** The project bar's save state: quiet while all is well, explicit with actions when it is not. */
import { Match, Switch } from 'solid-js';
import type { ProjectActions, ProjectState } from './create-project-store';
import { saveProjectFile } from './project-file-actions';

export function SaveStatus(props: { state: ProjectState; actions: ProjectActions; onError: (error: unknown) => void }) {
  const saveFile = () => void saveProjectFile(props.state).catch(props.onError);
  return (
    <span class="save-state" classList={{ error: props.state.saveState === 'error' }} role="status" aria-live="polite">
      <Switch>
        <Match when={props.state.saveState === 'saved'}>{props.state.revision > 0 ? 'Saved' : 'Not saved yet (nothing to save)'}</Match>
        <Match when={props.state.saveState === 'saving'}>Saving…</Match>
        <Match when={props.state.saveState === 'error'}>
          Not saved{props.state.saveError ? `: ${props.state.saveError.message}` : ''}{' '}
          <button type="button" class="link-button" onClick={() => void props.actions.retrySave()}>
            Retry
          </button>{' '}
          <button type="button" class="link-button" onClick={saveFile}>
            Save as file
          </button>
        </Match>
        <Match when={true}>Not saved</Match>
      </Switch>
    </span>
  );
}
