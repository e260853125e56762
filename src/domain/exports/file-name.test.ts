import { describe, expect, it } from 'vitest';
import { exportFileName, slugify } from './file-name';

describe('exportFileName', () => {
  it.each([
    ['json', undefined, 'gouache-animals-specification.json'],
    ['markdown', undefined, 'gouache-animals-specification.md'],
    ['prompts', undefined, 'gouache-animals-prompts.txt'],
    ['csv', undefined, 'gouache-animals-jobs.csv'],
    ['split', 'basic', 'gouache-animals-prompts-basic.txt'],
    ['split', 'mega', 'gouache-animals-prompts-mega.txt'],
    ['split', undefined, 'gouache-animals-prompts-split.txt'],
    ['project', undefined, 'gouache-animals.lora-project'],
  ] as const)('%s (%s)', (kind, plan, expected) => {
    expect(exportFileName('Gouache Animals', kind, plan)).toBe(expected);
  });
});

describe('slugify', () => {
  it.each([
    ['Gouache Animals', 'gouache-animals'],
    ['  Café Noir — été 2026!  ', 'cafe-noir-ete-2026'],
    ['../../etc/passwd', 'etc-passwd'],
    ['CON', 'con'],
    ['a/b\\c:d*e?f"g<h>i|j', 'a-b-c-d-e-f-g-h-i-j'],
    ['日本語', 'lora-dataset'],
    ['', 'lora-dataset'],
    ['---', 'lora-dataset'],
    ['x'.repeat(100), 'x'.repeat(60)],
    [`${'a'.repeat(59)} b`, 'a'.repeat(59)],
  ])('%j -> %j', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });
});
