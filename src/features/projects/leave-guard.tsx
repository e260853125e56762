/**
 * Switching project when the current one has changes that could not be saved: the switch waits
 * while the user chooses to retry, save the project as a file, discard the changes, or stay.
 */
import { Show, createSignal } from 'solid-js';
import { UnsavedChangesError, type ErrorInfo } from '../../errors';
import { ModalDialog } from '../../ui/modal-dialog';
import type { LeaveOptions, ProjectState } from '../project/create-project-store';
import { saveProjectFile } from '../project/project-file-actions';

type Switch = (options?: LeaveOptions) => Promise<void>;

interface Pending {
  error: ErrorInfo;
  run: Switch;
  settle: (done: boolean) => void;
  /** Saves tried from this dialog so far. */
  retries: number;
}

export function createLeaveGuard(state: ProjectState, onError: (error: unknown) => void) {
  const [pending, setPending] = createSignal<Pending | null>(null);

  /** Runs the switch; resolves true once it happened, false if the user stayed. */
  const attempt = (run: Switch, options: LeaveOptions = {}, retries = 0): Promise<boolean> =>
    run(options).then(
      () => true,
      (error: unknown) => {
        if (!(error instanceof UnsavedChangesError)) throw error;
        return new Promise<boolean>((settle) => setPending({ error: error.toInfo(), run, settle, retries }));
      },
    );

  const finish = async (choice: 'retry' | 'discard' | 'stay') => {
    const current = pending();
    if (!current) return;
    setPending(null);
    if (choice === 'stay') return current.settle(false);
    try {
      current.settle(await attempt(current.run, choice === 'discard' ? { discardUnsaved: true } : {}, current.retries + 1));
    } catch (error) {
      onError(error);
      current.settle(false);
    }
  };

  const LeaveDialog = () => (
    <Show when={pending()}>
      {(current) => (
        <ModalDialog title="Your latest changes are not saved" role="alertdialog" onClose={() => void finish('stay')}>
          <p>
            {current().error.message} {current().error.detail ? `(${current().error.detail})` : ''}
          </p>
          <Show when={current().retries > 0}>
            <p role="status">Tried again: still not saved.</p>
          </Show>
          <p>Save them as a file to keep them, try again, or discard them and continue.</p>
          <div class="button-row">
            <button type="button" data-autofocus onClick={() => void finish('stay')}>
              Stay on this project
            </button>
            <button type="button" onClick={() => void finish('retry')}>
              Try saving again
            </button>
            <button type="button" onClick={() => void saveProjectFile(state).catch(onError)}>
              Save as file
            </button>
            <button type="button" class="danger" onClick={() => void finish('discard')}>
              Discard changes and continue
            </button>
          </div>
        </ModalDialog>
      )}
    </Show>
  );

  return { attempt, LeaveDialog };
}
