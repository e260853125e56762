/** What the user chose for a project's training set; stored beside its images. */
import { DEFAULT_CAPTION_SETTINGS, type CaptionSettings } from './captions';
import { DEFAULT_MIN_SHORT_SIDE } from './check-training-set';
import { DEFAULT_REPEATS, TRAINING_LAYOUTS, type TrainingLayout } from './export-layouts';

export interface TrainingSetSettings {
  captions: CaptionSettings;
  layout: TrainingLayout;
  repeats: number;
  minShortSide: number;
}

/** Defaults, with a trigger word made from the project name ("Coastal posters" -> "coastal_posters"). */
export function defaultTrainingSetSettings(projectName: string): TrainingSetSettings {
  const trigger = projectName.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 24);
  return {
    captions: { ...DEFAULT_CAPTION_SETTINGS, triggerWord: trigger ? `${trigger}_style` : 'my_style' },
    layout: 'kohya',
    repeats: DEFAULT_REPEATS,
    minShortSide: DEFAULT_MIN_SHORT_SIDE,
  };
}

/** Stored settings over the defaults: a field that is missing or of the wrong kind falls back. */
export function readTrainingSetSettings(stored: Partial<TrainingSetSettings> | null, projectName: string): TrainingSetSettings {
  const defaults = defaultTrainingSetSettings(projectName);
  if (!stored) return defaults;
  const captions = { ...defaults.captions, ...(stored.captions ?? {}) };
  return {
    captions: { ...captions, replacements: Array.isArray(captions.replacements) ? captions.replacements : [] },
    layout: TRAINING_LAYOUTS.includes(stored.layout as TrainingLayout) ? (stored.layout as TrainingLayout) : defaults.layout,
    repeats: typeof stored.repeats === 'number' && stored.repeats >= 1 ? stored.repeats : defaults.repeats,
    minShortSide: typeof stored.minShortSide === 'number' && stored.minShortSide > 0 ? stored.minShortSide : defaults.minShortSide,
  };
}
