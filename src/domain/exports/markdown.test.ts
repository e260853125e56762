import { describe, expect, it } from 'vitest';
import { exportMarkdown } from './markdown';
import type { ExportContext } from './export-context';
import { fixtureBatch, fixtureSpecification } from '../spec-fixture.test-helpers';
import type { DatasetSpecification } from '../schema';

const context: ExportContext = {
  projectName: 'Gouache animals',
  srefCode: '1234567890',
  analysis: { mode_used: 'cloud', fallback_used: false, model: 'claude-sonnet-5-5', completedAt: Date.UTC(2026, 10, 26, 9, 30) },
  exportedAt: new Date(Date.UTC(2026, 10, 26, 10, 15)),
  isExample: false,
};

/** The lines of the section that starts with `heading`, up to the next heading of the same level. */
function section(markdown: string, heading: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(heading);
  expect(start, `missing heading ${heading}`).toBeGreaterThanOrEqual(0);
  const level = heading.split(' ')[0]!;
  const end = lines.findIndex((line, index) => index > start && line.startsWith('#') && line.split(' ')[0]!.length <= level.length);
  return lines.slice(start + 1, end === -1 ? undefined : end).filter((line) => line !== '');
}

describe('exportMarkdown', () => {
  const spec = fixtureSpecification();
  const markdown = exportMarkdown(spec, context);

  it('starts with the project, the sref, how and when it was made', () => {
    expect(section(markdown, '# Gouache animals: LoRA dataset specification').slice(0, 3)).toEqual([
      '- Style reference: `--sref 1234567890`',
      '- Produced by: Cloud analysis with claude-sonnet-5-5, 2026-11-26 09:30 UTC',
      '- Exported: 2026-11-26 10:15 UTC',
    ]);
    expect(markdown).not.toContain('Example specification');
  });

  it.each<[string, Partial<ExportContext>, string]>([
    ['an offline analysis after a fallback', { analysis: { mode_used: 'offline', fallback_used: true, model: 'qwen2-vl-2b q4f16', device: 'webgpu', completedAt: Date.UTC(2026, 0, 2, 3, 4) } }, '- Produced by: Offline analysis with qwen2-vl-2b q4f16 on webgpu, 2026-01-02 03:04 UTC (fallback: the preferred mode failed, so this one was used)'],
    ['no analysis recorded', { analysis: null }, '- Produced by: not recorded'],
    ['the hand-written example', { analysis: null, isExample: true }, '- Produced by: hand-written example'],
  ])('describes %s', (_name, change, line) => {
    expect(exportMarkdown(spec, { ...context, ...change }).split('\n')).toContain(line);
  });

  it('labels the bundled example as an example, before anything else', () => {
    const lines = exportMarkdown(spec, { ...context, isExample: true }).split('\n');
    expect(lines[2]).toBe('> **Example specification.** It was written by hand to show the app and is not an analysis of your images.');
  });

  it('has the style analysis with a palette table', () => {
    expect(section(markdown, '### Colour palette')).toEqual([
      '| Colour | Hex | Share |',
      '| --- | --- | --- |',
      '| deep navy | `#1D2B4F` | 40% |',
      '| warm coral | `#F07860` | 35% |',
      '| sand | `#F6D5A3` | 25% |',
    ]);
    expect(section(markdown, '### Key characteristics')).toEqual(['- flat shapes', '- soft grain', '- limited palette']);
    expect(section(markdown, '### Subjects to avoid')).toEqual(['- crowds']);
    expect(markdown).toContain('**Primary style:** Flat colour gouache');
  });

  it('has the training recommendations', () => {
    expect(section(markdown, '## Training recommendations')).toEqual([
      'Recommended dataset size: **60 images to keep for training, the best of the 1,280 the batches generate**',
      '| Subject category | Share |',
      '| --- | --- |',
      '| animals | 30% |',
      '| buildings | 25% |',
      '| objects | 25% |',
      '| people | 20% |',
    ]);
  });

  it('lists every batch with its prompt in a code block', () => {
    expect(markdown).toContain('8 batches, 320 jobs, 1,280 images');
    spec.permutation_batches.forEach((batch) => {
      const lines = section(markdown, `### Batch ${batch.batch_number}: ${batch.batch_name}`);
      expect(lines).toEqual([
        `- Category: ${batch.category}`,
        `- Priority: ${batch.priority}`,
        '- Jobs: 40',
        '```text',
        batch.prompt,
        '```',
      ]);
    });
  });

  it('has the prompt guidelines', () => {
    expect(section(markdown, '## Prompt guidelines')).toEqual([
      'Name one subject and one condition; let the style reference do the rest.',
      '### Style keywords to avoid',
      '- gouache',
      '### Recommended additions',
      '- plain background',
    ]);
  });

  it('keeps model-written markup as text', () => {
    const hostile: DatasetSpecification = {
      ...spec,
      style_analysis: { ...spec.style_analysis, primary_style: '<img src=x onerror=alert(1)>', key_characteristics: ['# heading', '- list', '1. numbered', '**bold** | pipe & <b>'] },
      permutation_batches: [fixtureBatch(0, { batch_name: '[link](javascript:alert(1))', notes: 'line one\nline two' }), ...spec.permutation_batches.slice(1)],
    };
    const text = exportMarkdown(hostile, { ...context, projectName: '<script>x</script>' });
    expect(text).not.toMatch(/(?<!\\)<(img|script|b>)/);
    expect(text).toContain('# \\<script\\>x\\</script\\>: LoRA dataset specification');
    expect(text).toContain('**Primary style:** \\<img src=x onerror=alert(1)\\>');
    expect(section(text, '### Key characteristics')).toEqual(['- \\# heading', '- \\- list', '- 1\\. numbered', '- \\*\\*bold\\*\\* \\| pipe \\& \\<b\\>']);
    expect(text).toContain('### Batch 1: \\[link\\](javascript:alert(1))');
    expect(text).toContain('- Notes: line one line two');
  });

  it('fences a prompt holding backticks with a longer fence', () => {
    const text = exportMarkdown({ ...spec, permutation_batches: [fixtureBatch(0, { prompt: 'a ```fox``` and a `` tick --sref 1234567890' })] }, context);
    expect(text).toContain('````text\na ```fox``` and a `` tick --sref 1234567890\n````');
  });

  it('says when a prompt cannot be counted', () => {
    const text = exportMarkdown({ ...spec, permutation_batches: [fixtureBatch(0, { prompt: '{a, b --sref 1234567890' })] }, context);
    expect(text).toContain('- Jobs: the prompt has a syntax error');
  });
});
