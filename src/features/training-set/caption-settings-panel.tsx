/** Trigger and class words, prefix/suffix and bulk find/replace, with a live caption preview. */
import { For, Show, createMemo } from 'solid-js';
import { composeCaption, triggerWordProblem, type CaptionSettings } from '../../domain/training-set/captions';
import { descriptionOf } from '../../domain/training-set/training-image';
import type { TrainingSetActions, TrainingSetState } from './create-training-set-store';

type TextField = 'triggerWord' | 'classWord' | 'prefix' | 'suffix';

const FIELDS: { key: TextField; label: string; hint: string }[] = [
  { key: 'triggerWord', label: 'Trigger word', hint: 'A made-up token the LoRA links to the style, e.g. "pstr_style".' },
  { key: 'classWord', label: 'Class word (optional)', hint: 'What it is: "style", "illustration"… Also in the kohya folder name.' },
  { key: 'prefix', label: 'Prefix (optional)', hint: 'Added before the trigger in every caption.' },
  { key: 'suffix', label: 'Suffix (optional)', hint: 'Added at the end of every caption.' },
];

export function CaptionSettingsPanel(props: { state: TrainingSetState; actions: TrainingSetActions }) {
  const captions = () => props.state.settings.captions;
  const triggerProblem = createMemo(() => triggerWordProblem(captions().triggerWord));
  const preview = createMemo(() => {
    const image = props.state.images.find((candidate) => descriptionOf(candidate, props.state.jobsByKey) !== '');
    return composeCaption(image ? descriptionOf(image, props.state.jobsByKey) : 'fox resting in tall grass', captions());
  });
  const setRule = (index: number, patch: Partial<CaptionSettings['replacements'][number]>) =>
    props.actions.updateCaptions({ replacements: captions().replacements.map((rule, at) => (at === index ? { ...rule, ...patch } : rule)) });

  return (
    <section class="card" aria-labelledby="captions-heading">
      <h3 id="captions-heading">Captions</h3>
      <div class="training-fields">
        <For each={FIELDS}>
          {(field) => (
            <div class="field">
              <label for={`caption-${field.key}`}>{field.label}</label>
              <input
                id={`caption-${field.key}`}
                type="text"
                spellcheck={false}
                value={captions()[field.key]}
                aria-invalid={field.key === 'triggerWord' && triggerProblem() !== null}
                aria-describedby={`caption-${field.key}-hint`}
                onInput={(event) => props.actions.updateCaptions({ [field.key]: event.currentTarget.value })}
              />
              <p id={`caption-${field.key}-hint`} classList={{ hint: true, error: field.key === 'triggerWord' && triggerProblem() !== null }}>
                {field.key === 'triggerWord' ? (triggerProblem() ?? field.hint) : field.hint}
              </p>
            </div>
          )}
        </For>
      </div>
      <fieldset class="training-rules">
        <legend>Find and replace in every description</legend>
        <For each={captions().replacements}>
          {(rule, index) => (
            <div class="input-row">
              <input type="text" aria-label={`Find (rule ${index() + 1})`} placeholder="Find" value={rule.find} onInput={(event) => setRule(index(), { find: event.currentTarget.value })} />
              <input type="text" aria-label={`Replace with (rule ${index() + 1})`} placeholder="Replace with" value={rule.replace} onInput={(event) => setRule(index(), { replace: event.currentTarget.value })} />
              <button type="button" aria-label={`Remove rule ${index() + 1}`} onClick={() => props.actions.updateCaptions({ replacements: captions().replacements.filter((_, at) => at !== index()) })}>
                Remove
              </button>
            </div>
          )}
        </For>
        <button type="button" onClick={() => props.actions.updateCaptions({ replacements: [...captions().replacements, { find: '', replace: '' }] })}>
          Add a rule
        </button>
      </fieldset>
      <Show when={captions().triggerWord.trim() !== ''}>
        <p>
          Example caption: <code data-testid="caption-preview">{preview()}</code>
        </p>
      </Show>
    </section>
  );
}
