/**
 * The specification as a readable Markdown document: how it was made, the style analysis with
 * a palette table, training recommendations, every batch with its prompt in a code block, and
 * the prompt guidelines. Model-written text is escaped, so `<img onerror=…>` or a stray `|`
 * stays text in any Markdown viewer; prompts sit in fences longer than any backtick run in them.
 * No user text brings a line break: every value is put on one line first.
 */
import { JOBS_PER_BATCH, type DatasetSpecification, type PermutationBatch } from '../schema';
import type { AnalysisInfo } from '../project';
import { countJobs, PermutationSyntaxError } from '../permutations';
import { toSingleLine } from '../normalize';
import { IMAGES_PER_JOB } from '../validate';
import { countBatchJobs, describeDatasetSize } from '../job-summary';
import { formatCount } from '../format-count';
import type { ExportContext } from './export-context';

export function exportMarkdown(spec: DatasetSpecification, context: ExportContext): string {
  const sections = [
    headerSection(spec, context),
    styleSection(spec),
    recommendationsSection(spec),
    batchesSection(spec),
    guidelinesSection(spec),
  ];
  return `${sections.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}

function headerSection(spec: DatasetSpecification, context: ExportContext): string[] {
  const lines = [`# ${inline(context.projectName)}: LoRA dataset specification`, ''];
  if (context.isExample) {
    lines.push('> **Example specification.** It was written by hand to show the app and is not an analysis of your images.', '');
  }
  lines.push(
    `- Style reference: ${code(`--sref ${context.srefCode || spec.sref_code}`)}`,
    `- Produced by: ${describeAnalysis(context.analysis, context.isExample)}`,
    `- Exported: ${formatDate(context.exportedAt)}`,
  );
  return lines;
}

function describeAnalysis(analysis: AnalysisInfo | null, isExample: boolean): string {
  if (!analysis) return isExample ? 'hand-written example' : 'not recorded';
  const mode = analysis.mode_used === 'cloud' ? 'Cloud analysis' : 'Offline analysis';
  const device = analysis.device ? ` on ${inline(analysis.device)}` : '';
  const fallback = analysis.fallback_used ? ' (fallback: the preferred mode failed, so this one was used)' : '';
  return `${mode} with ${inline(analysis.model)}${device}, ${formatDate(new Date(analysis.completedAt))}${fallback}`;
}

function styleSection(spec: DatasetSpecification): string[] {
  const style = spec.style_analysis;
  return [
    '## Style analysis',
    '',
    `**Primary style:** ${inline(style.primary_style)}`,
    '',
    `**Era / influence:** ${inline(style.era_influence)}`,
    '',
    '### Colour palette',
    '',
    '| Colour | Hex | Share |',
    '| --- | --- | --- |',
    ...style.color_palette.map((color) => `| ${inline(color.name)} | ${code(color.hex)} | ${color.share === undefined ? '' : `${color.share}%`} |`),
    '',
    '### Key characteristics',
    '',
    ...bullets(style.key_characteristics),
    '',
    '### Best subjects',
    '',
    ...bullets(style.best_subjects),
    '',
    '### Subjects to avoid',
    '',
    ...bullets(style.avoid_subjects),
  ];
}

function recommendationsSection(spec: DatasetSpecification): string[] {
  const recommendations = spec.training_recommendations;
  return [
    '## Training recommendations',
    '',
    `Recommended dataset size: **${describeDatasetSize(recommendations.recommended_dataset_size, countBatchJobs(spec.permutation_batches).images)}**`,
    '',
    '| Subject category | Share |',
    '| --- | --- |',
    ...recommendations.optimal_subject_distribution.map((share) => `| ${inline(share.category)} | ${share.percentage}% |`),
  ];
}

function batchesSection(spec: DatasetSpecification): string[] {
  const counts = spec.permutation_batches.map(jobsOrNull);
  const totalJobs = counts.reduce<number>((sum, jobs) => sum + (jobs ?? 0), 0);
  const lines = [
    '## Permutation batches',
    '',
    `${spec.permutation_batches.length} batches, ${formatCount(totalJobs)} jobs, ${formatCount(totalJobs * IMAGES_PER_JOB)} images (each job makes ${IMAGES_PER_JOB}; each batch should make ${JOBS_PER_BATCH} jobs).`,
  ];
  spec.permutation_batches.forEach((batch, index) => lines.push('', ...batchLines(batch, counts[index] ?? null)));
  return lines;
}

function batchLines(batch: PermutationBatch, jobs: number | null): string[] {
  const lines = [
    `### Batch ${batch.batch_number}: ${inline(batch.batch_name)}`,
    '',
    `- Category: ${inline(batch.category)}`,
    `- Priority: ${inline(batch.priority)}`,
    `- Jobs: ${jobs === null ? 'the prompt has a syntax error' : formatCount(jobs)}`,
  ];
  if (batch.notes.trim()) lines.push(`- Notes: ${inline(batch.notes)}`);
  lines.push('', ...codeBlock(toSingleLine(batch.prompt)));
  return lines;
}

function guidelinesSection(spec: DatasetSpecification): string[] {
  const guidelines = spec.prompt_guidelines;
  const list = (values: readonly string[]) => (values.length > 0 ? bullets(values) : ['- none']);
  return [
    '## Prompt guidelines',
    '',
    inline(guidelines.keep_simple),
    '',
    '### Style keywords to avoid',
    '',
    ...list(guidelines.avoid_style_keywords),
    '',
    '### Recommended additions',
    '',
    ...list(guidelines.recommended_additions),
  ];
}

function jobsOrNull(batch: PermutationBatch): number | null {
  try {
    return countJobs(batch.prompt);
  } catch (caught) {
    if (caught instanceof PermutationSyntaxError) return null;
    throw caught;
  }
}

function bullets(values: readonly string[]): string[] {
  return values.map((value) => `- ${inline(value)}`);
}

/**
 * One line of text with everything Markdown (or HTML inside it) would act on escaped: inline
 * markers and entities everywhere, block markers (#, -, +, "1.") where they could start a line.
 */
function inline(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_[\]<>|~&]/g, '\\$&')
    .replace(/^([#+-])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** An inline code span on one line: user text (an sref that does not parse) may hold line breaks. */
function code(raw: string): string {
  const text = raw.replace(/\s+/g, ' ').trim();
  const longestRun = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const ticks = '`'.repeat(longestRun + 1);
  const padded = text.startsWith('`') || text.endsWith('`') ? ` ${text} ` : text;
  return `${ticks}${padded}${ticks}`;
}

function codeBlock(text: string): string[] {
  const longestRun = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return [`${fence}text`, text, fence];
}

function formatDate(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
