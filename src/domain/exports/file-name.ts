/** Download names: a safe slug of the project name plus what the file is. */
import type { PlanId } from '../plans';

export type ExportKind = 'json' | 'markdown' | 'prompts' | 'csv' | 'split' | 'project';

const SUFFIXES: Record<ExportKind, string> = {
  json: '-specification.json',
  markdown: '-specification.md',
  prompts: '-prompts.txt',
  csv: '-jobs.csv',
  split: '-prompts-split.txt',
  project: '.lora-project',
};
const MAX_SLUG_LENGTH = 60;
const FALLBACK_SLUG = 'lora-dataset';

export function exportFileName(projectName: string, kind: ExportKind, plan?: PlanId): string {
  const suffix = kind === 'split' && plan ? `-prompts-${plan}.txt` : SUFFIXES[kind];
  return `${slugify(projectName)}${suffix}`;
}

/** ASCII letters and digits joined by single dashes; accents folded ("Café" -> "cafe"). */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/, '');
  return slug || FALLBACK_SLUG;
}
