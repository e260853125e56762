/**
 * The training-set builder (route #/training): bring back the images generated from the batches,
 * match them to their jobs, caption them, check them against the plan and export a zip for
 * kohya sd-scripts, ai-toolkit or diffusers.
 */
import { Show, onCleanup, onMount } from 'solid-js';
import type { Project } from '../../domain/project';
import { createPaletteClient } from '../../analysis/palette-client';
import { createTrainingSetStore } from './create-training-set-store';
import type { TrainingSetRepository } from '../../storage/training-set-repository';
import type { ImageCaptioner } from './image-captioner';
import { TrainingImport } from './training-import';
import { UnassignedImages } from './unassigned-images';
import { CaptionSettingsPanel } from './caption-settings-panel';
import { AssignedImages } from './assigned-images';
import { TrainingChecks } from './training-checks';
import { TrainingExport } from './training-export';
import './training-set.css';

interface TrainingSetViewProps {
  project: Project;
  repository: TrainingSetRepository;
  captioner?: ImageCaptioner | undefined;
  ensureProjectStored: () => Promise<void>;
}

export function TrainingSetView(props: TrainingSetViewProps) {
  // A new store per project: another project's images must never show here.
  return (
    <Show when={props.project.id} keyed>
      {(_projectId) => <TrainingSetBuilder {...props} />}
    </Show>
  );
}

function TrainingSetBuilder(props: TrainingSetViewProps) {
  const pixels = createPaletteClient();
  const [state, actions] = createTrainingSetStore({
    project: () => props.project,
    repository: props.repository,
    pixels,
    captioner: props.captioner,
    ensureProjectStored: props.ensureProjectStored,
  });
  onMount(() => void actions.load());
  onCleanup(() => {
    actions.dispose();
    pixels.dispose();
  });

  return (
    <section class="step-view" aria-labelledby="training-heading">
      <h2 id="training-heading">Training set</h2>
      <Show
        when={props.project.spec}
        fallback={<p class="lead">Analyse the style first: the training set is built from the specification's batches.</p>}
      >
        <p class="lead">
          Bring back the images you generated from the batches. Each is matched to its job, captioned from its prompt,
          checked against the plan, and exported in the layout your trainer reads.
        </p>
        <Show when={state.listing.skippedBatches.length > 0}>
          <div class="notice notice-warning" role="alert">
            Some batches cannot be expanded, so their images cannot be matched:{' '}
            {state.listing.skippedBatches.map((batch) => `batch ${batch.batchNumber} (${batch.reason})`).join('; ')}.
          </div>
        </Show>
        <Show when={state.error}>
          {(error) => (
            <div class="notice notice-error" role="alert">
              <strong>{error().message}</strong> {error().action}
            </div>
          )}
        </Show>
        <Show when={state.status !== 'loading'} fallback={<p class="hint">Loading the training set…</p>}>
          <TrainingImport state={state} actions={actions} />
          <UnassignedImages state={state} actions={actions} />
          <CaptionSettingsPanel state={state} actions={actions} />
          <AssignedImages state={state} actions={actions} />
          <TrainingChecks state={state} actions={actions} />
          <TrainingExport state={state} actions={actions} />
        </Show>
      </Show>
    </section>
  );
}
