/**
 * The training-set zip, planned as entries (paths + caption text, image bytes by reference) so
 * the browser can stream images into the zip one at a time. Layouts (FACTS.md §7):
 * - kohya sd-scripts: `img/<repeats>_<trigger> <class>/NNNN.png` + `NNNN.txt` (kohya reads repeats
 *   and the class from the folder name; `img/` is the train_data_dir);
 * - ai-toolkit: `dataset/NNNN.png` + `NNNN.txt`, the trigger written as `[trigger]`;
 * - diffusers / InvokeAI: `train/NNNN.png` + `train/metadata.jsonl`, one `{"file_name","text"}` line
 *   per image (the Hugging Face imagefolder format).
 * Images are renamed NNNN in the given order: Midjourney's names are long, and a caption file
 * must share its image's name.
 */
import type { AcceptedImageType } from '../project';
import { AI_TOOLKIT_TRIGGER, composeCaption, type CaptionSettings } from './captions';

export const TRAINING_LAYOUTS = ['kohya', 'ai-toolkit', 'diffusers'] as const;
export type TrainingLayout = (typeof TRAINING_LAYOUTS)[number];

export const LAYOUT_LABELS: Record<TrainingLayout, string> = {
  kohya: 'kohya sd-scripts',
  'ai-toolkit': 'ai-toolkit',
  diffusers: 'diffusers / InvokeAI',
};

export const DEFAULT_REPEATS = 10;
export const MAX_REPEATS = 1000;

export interface ExportItem {
  imageId: string;
  type: AcceptedImageType;
  description: string;
}

export interface ExportOptions {
  layout: TrainingLayout;
  captions: CaptionSettings;
  /** kohya only: how often each image is seen per epoch. */
  repeats: number;
}

export type ZipEntry = { path: string; imageId: string } | { path: string; text: string };

const EXTENSIONS: Record<AcceptedImageType, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' };

export function planTrainingZip(items: readonly ExportItem[], options: ExportOptions): ZipEntry[] {
  const folder = layoutFolder(options);
  const digits = Math.max(4, String(items.length).length);
  const named = items.map((item, index) => ({ item, stem: String(index + 1).padStart(digits, '0') }));
  if (options.layout === 'diffusers') {
    const lines = named.map(({ item, stem }) => JSON.stringify({ file_name: `${stem}.${EXTENSIONS[item.type]}`, text: composeCaption(item.description, options.captions) }));
    return [
      ...named.map(({ item, stem }) => ({ path: `${folder}/${stem}.${EXTENSIONS[item.type]}`, imageId: item.imageId })),
      { path: `${folder}/metadata.jsonl`, text: lines.length ? `${lines.join('\n')}\n` : '' },
    ];
  }
  const trigger = options.layout === 'ai-toolkit' ? AI_TOOLKIT_TRIGGER : options.captions.triggerWord;
  return named.flatMap(({ item, stem }) => [
    { path: `${folder}/${stem}.${EXTENSIONS[item.type]}`, imageId: item.imageId },
    { path: `${folder}/${stem}.txt`, text: composeCaption(item.description, options.captions, trigger) },
  ]);
}

export function layoutFolder(options: ExportOptions): string {
  switch (options.layout) {
    case 'kohya':
      return `img/${kohyaFolderName(options.repeats, options.captions.triggerWord, options.captions.classWord)}`;
    case 'ai-toolkit':
      return 'dataset';
    case 'diffusers':
      return 'train';
  }
}

/** `<repeats>_<trigger> <class>`, e.g. "10_pstr_style style"; characters no file system accepts are dropped. */
export function kohyaFolderName(repeats: number, triggerWord: string, classWord: string): string {
  const safeRepeats = Math.min(MAX_REPEATS, Math.max(1, Math.round(repeats) || 1));
  const name = [triggerWord, classWord].map((part) => part.trim()).filter(Boolean).join(' ');
  return `${safeRepeats}_${name}`.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '').trim();
}

/** "coastal-posters-kohya.zip": a safe slug of the project name and the layout. */
export function trainingZipName(projectName: string, layout: TrainingLayout): string {
  const slug = projectName.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return `${slug || 'training-set'}-${layout}.zip`;
}
