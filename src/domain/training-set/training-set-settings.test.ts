import { describe, expect, it } from 'vitest';
import { defaultTrainingSetSettings, readTrainingSetSettings } from './training-set-settings';

describe('training-set settings', () => {
  it.each([
    ['Coastal Posters', 'coastal_posters_style'],
    ['Café noir — v2', 'cafe_noir_v2_style'],
    ['***', 'my_style'],
  ])('suggests a trigger word from the project name %j', (name, trigger) => {
    expect(defaultTrainingSetSettings(name).captions.triggerWord).toBe(trigger);
  });

  it('keeps stored values and falls back field by field', () => {
    const stored = {
      captions: { triggerWord: 'pstr', classWord: '', prefix: 'a', suffix: 'b', replacements: [{ find: 'x', replace: 'y' }] },
      layout: 'diffusers' as const,
      repeats: 4,
      minShortSide: 1024,
    };
    expect(readTrainingSetSettings(stored, 'P')).toEqual(stored);
    const broken = readTrainingSetSettings({ layout: 'lora-maker' as never, repeats: -3, captions: { replacements: 'nope' as never } as never }, 'Poster set');
    expect(broken).toEqual({ ...defaultTrainingSetSettings('Poster set'), captions: { ...defaultTrainingSetSettings('Poster set').captions, replacements: [] } });
    expect(readTrainingSetSettings(null, 'Poster set')).toEqual(defaultTrainingSetSettings('Poster set'));
  });
});
