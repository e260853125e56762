/**
 * Shown once after the storage upgrade that gave each project its own image records: projects saved
 * by the older version whose images were missing or had been taken by a copy opened from a file.
 * Nothing is repaired by guessing; the user knows which projects to check.
 */
import { For, Show, createResource } from 'solid-js';
import type { ProjectRepository } from '../../storage/project-repository';

export function IntegrityNoticeBanner(props: { repository: Pick<ProjectRepository, 'integrityNotice' | 'dismissIntegrityNotice'> }) {
  const [notice, { mutate }] = createResource(() => props.repository.integrityNotice().catch(() => null));
  const dismiss = () => {
    mutate(null);
    void props.repository.dismissIntegrityNotice().catch(() => undefined);
  };
  return (
    <Show when={notice()}>
      {(found) => (
        <div class="notice notice-warning" role="alert">
          <strong>Some projects saved by an earlier version of this app are missing images.</strong>
          <p>An earlier version let a project opened from a file take the images of the project it was saved from. These projects are affected:</p>
          <ul>
            <For each={found().projects}>
              {(problem) => (
                <li>
                  “{problem.projectName}”: {problem.missing > 0 ? `${problem.missing} image${problem.missing === 1 ? '' : 's'} missing` : ''}
                  {problem.missing > 0 && problem.ownedElsewhere > 0 ? ', ' : ''}
                  {problem.ownedElsewhere > 0 ? `${problem.ownedElsewhere} held by another project (a copy opened from a file)` : ''}
                </li>
              )}
            </For>
          </ul>
          <p>Add the images again where you need them, or open the copy that holds them. Nothing else was changed.</p>
          <button type="button" onClick={dismiss}>
            Got it
          </button>
        </div>
      )}
    </Show>
  );
}
