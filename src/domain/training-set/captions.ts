/**
 * Captions for training images: `prefix, trigger, class, description, suffix` (empty parts left
 * out), where the description is the matched job's subject and modifiers (or the user's own text)
 * after the bulk find/replace rules. The trigger is written literally, or as ai-toolkit's
 * `[trigger]` placeholder, which ai-toolkit replaces with the trigger word from its config.
 */
export interface Replacement {
  find: string;
  replace: string;
}

export interface CaptionSettings {
  triggerWord: string;
  /** Optional class word ("style", "painting"); kohya also puts it in the folder name. */
  classWord: string;
  prefix: string;
  suffix: string;
  /** Applied in order to every description: literal text, all occurrences, case-insensitive. */
  replacements: Replacement[];
}

export const DEFAULT_CAPTION_SETTINGS: CaptionSettings = {
  triggerWord: '',
  classWord: 'style',
  prefix: '',
  suffix: '',
  replacements: [],
};

export const AI_TOOLKIT_TRIGGER = '[trigger]';

export function applyReplacements(text: string, replacements: readonly Replacement[]): string {
  return replacements.reduce((current, { find, replace }) => {
    if (!find) return current;
    return current.replace(new RegExp(escapeRegExp(find), 'gi'), () => replace);
  }, text);
}

/** The caption for one image. `trigger` is the trigger word or AI_TOOLKIT_TRIGGER. */
export function composeCaption(description: string, settings: CaptionSettings, trigger: string = settings.triggerWord): string {
  const parts = [settings.prefix, trigger, settings.classWord, applyReplacements(description, settings.replacements), settings.suffix];
  return parts
    .map((part) => part.replace(/\s+/g, ' ').trim().replace(/^[,;\s]+|[,;\s]+$/g, ''))
    .filter(Boolean)
    .join(', ');
}

/** A trigger word should be one rare token: letters, digits, `_` or `-`, no spaces. */
export function triggerWordProblem(triggerWord: string): string | null {
  const word = triggerWord.trim();
  if (!word) return 'Choose a trigger word: a short made-up token such as "mystyle_v1" that the model learns to link to the style.';
  if (!/^[\p{L}\p{N}_-]+$/u.test(word)) return 'Use a single token for the trigger word: letters, digits, "_" or "-" only, no spaces.';
  if (word.length > 40) return 'Keep the trigger word under 40 characters.';
  return null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
