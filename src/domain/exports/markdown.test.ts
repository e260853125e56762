import { describe, expect, it } from 'vitest';
import { exportMarkdown } from './markdown';
import type { ExportContext } from './export-context';
import { fixtureBatch, fixtureSpecification } from '../spec-fixture.test-helpers';
import type { DatasetSpecification } from '../schema';
import { createSeededRandom } from '../palette/seeded-random';

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

/**
 * Whatever text a project carries (a project file can hold any string where a valid sref or a
 * model's words should be), the document keeps its structure: the same lines of the same kinds,
 * the same table cells, and no HTML outside code.
 */
describe('exportMarkdown with hostile text in every field', () => {
  const FRAGMENTS = ['\n', '\r\n', '\r', '\n\n', '\n\n\n', '<img src=x onerror=alert(1)>', '<script>alert(1)</script>', '<!--', '```', '`', '~~~', '|', '# ', '- ', '1. ', '> ', '    ', '\t', '\\', '&lt;', '[x](javascript:alert(1))', '**', '--sref', '1234567890'];

  function hostileText(random: () => number): string {
    let text = 'word';
    const parts = 1 + Math.floor(random() * 6);
    for (let index = 0; index < parts; index += 1) text += FRAGMENTS[Math.floor(random() * FRAGMENTS.length)]! + (random() < 0.5 ? 'word' : '');
    return text;
  }

  function withText(next: () => string): { spec: DatasetSpecification; context: ExportContext } {
    const base = fixtureSpecification();
    const spec: DatasetSpecification = {
      sref_code: next(),
      style_analysis: {
        ...base.style_analysis,
        primary_style: next(),
        era_influence: next(),
        color_palette: base.style_analysis.color_palette.map((color) => ({ ...color, name: next() })),
        key_characteristics: base.style_analysis.key_characteristics.map(next),
        best_subjects: base.style_analysis.best_subjects.map(next),
        avoid_subjects: base.style_analysis.avoid_subjects.map(next),
      },
      training_recommendations: {
        ...base.training_recommendations,
        optimal_subject_distribution: base.training_recommendations.optimal_subject_distribution.map((share) => ({ ...share, category: next() })),
      },
      permutation_batches: base.permutation_batches.map((batch) => ({ ...batch, batch_name: next(), category: next(), notes: next(), prompt: next() })),
      prompt_guidelines: { keep_simple: next(), avoid_style_keywords: [next()], recommended_additions: [next(), next()] },
    };
    const analysis = { mode_used: 'offline' as const, fallback_used: false, model: next(), device: next(), completedAt: 0 };
    return { spec, context: { ...context, projectName: next(), srefCode: next(), analysis } };
  }

  /** Each line's block kind (table rows with their cell count); code lines as one kind. */
  function shape(markdown: string): string[] {
    let inFence: string | null = null;
    return markdown.split('\n').map((line) => {
      const fence = /^(`{3,}|~{3,})/.exec(line)?.[1];
      if (inFence) {
        if (fence && line.trim() === inFence) inFence = null;
        return inFence ? 'code' : 'fence';
      }
      if (fence) {
        inFence = fence;
        return 'fence';
      }
      if (line.trim() === '') return 'blank';
      if (line.startsWith('|')) return `row:${line.replace(/\\./g, '').split('|').length}`;
      return /^(#{1,6} |- |> |\d+[.)] |<|\s)/.exec(line)?.[1]?.trim() || 'text';
    });
  }

  /** Text outside fenced blocks and code spans, with escaped characters removed. */
  function proseOf(markdown: string): string {
    return markdown
      .replace(/^(`{3,})text\n[^\n]*\n\1$/gm, '')
      .replace(/\\./g, '')
      .replace(/(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '');
  }

  const baseline = withText(() => 'plain');
  const baselineShape = shape(exportMarkdown(baseline.spec, baseline.context));

  it.each(Array.from({ length: 60 }, (_, seed) => seed + 1))('keeps the structure with hostile text, seed %i', (seed) => {
    const random = createSeededRandom(seed);
    const { spec, context: hostileContext } = withText(() => hostileText(random));
    const markdown = exportMarkdown(spec, hostileContext);
    expect(shape(markdown)).toEqual(baselineShape);
    expect(proseOf(markdown)).not.toMatch(/[<>]/);
  });

  it('keeps an sref that does not parse on its line, as code', () => {
    const markdown = exportMarkdown(fixtureSpecification(), { ...context, srefCode: '123\n\n<img src=x onerror=alert(1)>\r\n# not a heading' });
    expect(section(markdown, '# Gouache animals: LoRA dataset specification')[0]).toBe('- Style reference: `--sref 123 <img src=x onerror=alert(1)> # not a heading`');
  });
});
