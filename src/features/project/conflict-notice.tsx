/**
 * What this tab's copy of the project is up against: a newer version saved in another tab, a delete
 * made elsewhere, or changes kept from the last visit that a later save overtook. The user chooses;
 * nothing is written over anyone's work in the meantime.
 */
import { Show } from 'solid-js';
import type { ProjectActions, ProjectState } from './create-project-store';

export function ConflictNotice(props: { state: ProjectState; actions: ProjectActions; onError: (error: unknown) => void }) {
  const run = (work: Promise<void>) => void work.catch(props.onError);
  return (
    <>
      <Show when={props.state.saveState === 'conflict'}>
        <div class="notice notice-warning" role="alert">
          <strong>This project was changed in another tab.</strong>
          <p>This tab's latest changes were not saved over it.</p>
          <div class="button-row">
            <button type="button" onClick={() => run(props.actions.resolveConflict('load-stored'))}>
              Load the other tab's version
            </button>
            <button type="button" onClick={() => run(props.actions.resolveConflict('keep-as-new'))}>
              Keep this tab's copy as a new project
            </button>
          </div>
        </div>
      </Show>
      <Show when={props.state.saveState === 'deleted'}>
        <div class="notice notice-warning" role="alert">
          <strong>This project was deleted in another tab.</strong>
          <p>Nothing more is saved to it.</p>
          <div class="button-row">
            <button type="button" onClick={() => run(props.actions.resolveConflict('keep-as-new'))}>
              Keep this tab's copy as a new project
            </button>
            <button type="button" onClick={() => run(props.actions.resolveConflict('load-stored'))}>
              Close it
            </button>
          </div>
        </div>
      </Show>
      <Show when={props.state.recovered}>
        <div class="notice notice-warning" role="alert">
          <strong>Changes from your last visit were not saved before the page closed, and a newer version was saved since.</strong>
          <div class="button-row">
            <button type="button" onClick={() => run(props.actions.resolveRecovered('keep-as-new'))}>
              Keep those changes as a new project
            </button>
            <button type="button" onClick={() => run(props.actions.resolveRecovered('discard'))}>
              Discard them
            </button>
          </div>
        </div>
      </Show>
    </>
  );
}
