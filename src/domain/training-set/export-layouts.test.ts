import { describe, expect, it } from 'vitest';
import { DEFAULT_CAPTION_SETTINGS, type CaptionSettings } from './captions';
import { kohyaFolderName, planTrainingZip, trainingZipName, type ExportItem } from './export-layouts';

const captions: CaptionSettings = { ...DEFAULT_CAPTION_SETTINGS, triggerWord: 'pstr_style', classWord: 'poster', replacements: [{ find: 'café', replace: 'cafe' }] };
const items: ExportItem[] = [
  { imageId: 'a', type: 'image/png', description: 'fox resting in tall grass' },
  { imageId: 'b', type: 'image/jpeg', description: 'corner café at dusk' },
  { imageId: 'c', type: 'image/webp', description: '' },
];

describe('planTrainingZip', () => {
  it('kohya: <repeats>_<trigger> <class>/ with a .txt caption per image', () => {
    expect(planTrainingZip(items, { layout: 'kohya', captions, repeats: 12 })).toEqual([
      { path: 'img/12_pstr_style poster/0001.png', imageId: 'a' },
      { path: 'img/12_pstr_style poster/0001.txt', text: 'pstr_style, poster, fox resting in tall grass' },
      { path: 'img/12_pstr_style poster/0002.jpg', imageId: 'b' },
      { path: 'img/12_pstr_style poster/0002.txt', text: 'pstr_style, poster, corner cafe at dusk' },
      { path: 'img/12_pstr_style poster/0003.webp', imageId: 'c' },
      { path: 'img/12_pstr_style poster/0003.txt', text: 'pstr_style, poster' },
    ]);
  });

  it('ai-toolkit: same-name .txt files with the [trigger] placeholder', () => {
    const entries = planTrainingZip(items, { layout: 'ai-toolkit', captions, repeats: 12 });
    expect(entries.map((entry) => entry.path)).toEqual(['dataset/0001.png', 'dataset/0001.txt', 'dataset/0002.jpg', 'dataset/0002.txt', 'dataset/0003.webp', 'dataset/0003.txt']);
    expect(entries[1]).toEqual({ path: 'dataset/0001.txt', text: '[trigger], poster, fox resting in tall grass' });
  });

  it('diffusers: images and one metadata.jsonl line per image', () => {
    const entries = planTrainingZip(items, { layout: 'diffusers', captions, repeats: 12 });
    expect(entries.map((entry) => entry.path)).toEqual(['train/0001.png', 'train/0002.jpg', 'train/0003.webp', 'train/metadata.jsonl']);
    const metadata = entries.at(-1) as { text: string };
    expect(metadata.text.endsWith('\n')).toBe(true);
    expect(metadata.text.trim().split('\n').map((line) => JSON.parse(line))).toEqual([
      { file_name: '0001.png', text: 'pstr_style, poster, fox resting in tall grass' },
      { file_name: '0002.jpg', text: 'pstr_style, poster, corner cafe at dusk' },
      { file_name: '0003.webp', text: 'pstr_style, poster' },
    ]);
  });

  it('widens the numbering past 9999 images so names keep sorting', () => {
    const many = Array.from({ length: 10_000 }, (_, index): ExportItem => ({ imageId: String(index), type: 'image/png', description: 'x' }));
    expect(planTrainingZip(many, { layout: 'ai-toolkit', captions, repeats: 1 })[0]!.path).toBe('dataset/00001.png');
  });
});

describe('kohyaFolderName', () => {
  it.each([
    [10, 'pstr_style', 'style', '10_pstr_style style'],
    [5, 'pstr_style', '', '5_pstr_style'],
    [0, 'pstr', 'style', '1_pstr style'],
    [3.6, 'a/b:c', 'st*yle', '4_abc style'],
  ])('%d, %s, %s -> %s', (repeats, trigger, classWord, expected) => {
    expect(kohyaFolderName(repeats, trigger, classWord)).toBe(expected);
  });
});

describe('trainingZipName', () => {
  it.each([
    ['Coastal Posters', 'kohya', 'coastal-posters-kohya.zip'],
    ['Café // Noir!', 'diffusers', 'cafe-noir-diffusers.zip'],
    ['***', 'ai-toolkit', 'training-set-ai-toolkit.zip'],
  ] as const)('%s', (name, layout, expected) => {
    expect(trainingZipName(name, layout)).toBe(expected);
  });
});
