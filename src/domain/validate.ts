/**
 * The editor's live validation: every rule of the old app, on top of the real permutation
 * parser and sref parser. Issues are structured (batch index, field, stable code) so the
 * editor can show them inline, and messages are sentences a user can act on.
 *
 * Choices made here:
 * - Distribution: within ±2 of 100 is rounding; beyond ±2 a warning; beyond ±10 an error
 *   (at that point the shares do not describe a dataset, e.g. fractions mixed with percentages).
 * - Dataset size: each job makes a grid of 4 images. Fewer images than the recommended size
 *   is a warning (the target cannot be reached), and so is less than twice the size (little
 *   room to curate). Size rules never block.
 * - Style words in prompts, duplicate prompts, options repeated in a group and `--repeat` are warnings.
 */
import { PRIORITIES, JOBS_PER_BATCH, MIN_BATCHES, MAX_BATCHES, type DatasetSpecification, type PermutationBatch } from './schema';
import { countParts, parsePermutationPrompt, tidySpaces, PermutationSyntaxError, type PromptPart } from './permutation-tree';
import { inspectStyleParameters, parseSrefInput, sameStyleReference, formatStyleReference, type StyleReference } from './sref';
import { scanPromptParameters, type PromptParameter } from './prompt-parameters';
import { createStyleKeywordFinder, DEFAULT_STYLE_KEYWORDS } from './style-keywords';
import { formatCount, plural } from './format-count';

export interface ValidationIssue {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  batchIndex?: number;
  field?: string;
  /** 0-based position in the field's text, for syntax errors. */
  position?: number;
}

export interface ValidationReport {
  valid: boolean;
  errors: ValidationIssue[];
  warnings: ValidationIssue[];
}

export interface ValidationContext {
  /** The project's canonical style reference (parseSrefInput's `canonical`). */
  srefCode: string;
  /** Extra style words to warn about (validateSpecification adds the spec's avoid_style_keywords). */
  avoidStyleKeywords?: readonly string[];
}

export const IMAGES_PER_JOB = 4;
export const DISTRIBUTION_WARNING_TOLERANCE = 2;
export const DISTRIBUTION_ERROR_TOLERANCE = 10;

interface BatchEnvironment {
  projectReference: StyleReference | null;
  findStyleKeywords: (text: string) => string[];
}

interface BatchResult {
  issues: ValidationIssue[];
  /** Jobs the prompt expands to, or null when it cannot be parsed. */
  jobs: number | null;
}

export function validateBatch(batch: PermutationBatch, index: number, context: ValidationContext): ValidationIssue[] {
  return checkBatch(batch, index, createEnvironment(context)).issues;
}

export function validateSpecification(spec: DatasetSpecification, context: ValidationContext): ValidationReport {
  const environment = createEnvironment({
    ...context,
    avoidStyleKeywords: [...(context.avoidStyleKeywords ?? []), ...spec.prompt_guidelines.avoid_style_keywords],
  });
  const issues: ValidationIssue[] = [...checkStyleReferences(spec, context)];
  const batches = spec.permutation_batches;
  let totalJobs = 0;
  batches.forEach((batch, index) => {
    const result = checkBatch(batch, index, environment);
    issues.push(...result.issues);
    totalJobs += result.jobs ?? 0;
  });
  issues.push(...checkBatchCount(batches.length), ...checkBatchNumbers(batches), ...checkDuplicatePrompts(batches));
  issues.push(...checkDistribution(spec), ...checkDatasetSize(spec, totalJobs));
  const errors = issues.filter((issue) => issue.severity === 'error');
  const warnings = issues.filter((issue) => issue.severity === 'warning');
  return { valid: errors.length === 0, errors, warnings };
}

/** "Batch 3 “Portraits”, prompt: …" — an issue as one line, e.g. for a repair request. */
export function formatValidationIssue(issue: ValidationIssue, spec: DatasetSpecification): string {
  const batch = issue.batchIndex === undefined ? undefined : spec.permutation_batches[issue.batchIndex];
  const where = [
    batch ? `Batch ${batch.batch_number} “${batch.batch_name}”` : undefined,
    issue.field,
  ].filter(Boolean);
  return where.length > 0 ? `${where.join(', ')}: ${issue.message}` : issue.message;
}

function createEnvironment(context: ValidationContext): BatchEnvironment {
  const project = parseSrefInput(context.srefCode);
  return {
    projectReference: project.ok ? project.reference : null,
    findStyleKeywords: createStyleKeywordFinder([...DEFAULT_STYLE_KEYWORDS, ...(context.avoidStyleKeywords ?? [])]),
  };
}

function checkBatch(batch: PermutationBatch, batchIndex: number, environment: BatchEnvironment): BatchResult {
  const issues: ValidationIssue[] = [];
  const error = (code: string, field: string, message: string, position?: number) =>
    issues.push({ severity: 'error', code, message, batchIndex, field, ...(position === undefined ? {} : { position }) });
  const warning = (code: string, field: string, message: string) => issues.push({ severity: 'warning', code, message, batchIndex, field });

  if (batch.batch_name.trim() === '') error('batch-name-empty', 'batch_name', 'Give the batch a name.');
  if (batch.category.trim() === '') error('category-empty', 'category', 'Give the batch a category.');
  if (!(PRIORITIES as readonly string[]).includes(batch.priority)) {
    error('priority-invalid', 'priority', `Priority must be high, medium or low, not “${batch.priority}”.`);
  }
  if (batch.prompt.trim() === '') {
    error('prompt-empty', 'prompt', 'Write a permutation prompt for this batch.');
    return { issues, jobs: null };
  }

  let parts: PromptPart[] | null = null;
  try {
    parts = parsePermutationPrompt(batch.prompt).parts;
  } catch (caught) {
    if (!(caught instanceof PermutationSyntaxError)) throw caught;
    error('prompt-syntax', 'prompt', caught.message, caught.position);
  }
  const jobs = parts ? countParts(parts) : null;
  if (parts && jobs !== null) {
    if (jobs !== JOBS_PER_BATCH) {
      error('job-count', 'prompt', `The prompt expands to ${formatCount(jobs)} ${plural(jobs, 'job')}; a batch needs exactly ${JOBS_PER_BATCH} (for example 8 subjects × 5 variations).`);
    }
    if (batch.image_count !== jobs) {
      error('image-count-mismatch', 'image_count', `image_count is ${formatCount(batch.image_count)} but the prompt expands to ${formatCount(jobs)} ${plural(jobs, 'job')}.`);
    }
    const repeated = findRepeatedOption(parts);
    if (repeated !== null) {
      const what = repeated === '' ? 'An empty option' : `“${repeated}”`;
      warning('duplicate-jobs', 'prompt', `${what} appears twice in one group, so some jobs would be made twice; replace one of them.`);
    }
  }

  const parameters = scanPromptParameters(batch.prompt);
  const text = batch.prompt.slice(0, parameters[0]?.position ?? batch.prompt.length);
  // In a prompt that does not parse, where the parameters begin is unknowable (an unclosed '{'
  // swallows the --sref after it): the syntax error alone is reported until it is fixed.
  if (parts) checkPromptStyleReference(parameters, environment.projectReference, error);
  if (parameters.some((parameter) => ['repeat', 'r'].includes(parameter.name.toLowerCase()))) {
    warning('repeat-parameter', 'prompt', '--repeat runs every job again, so the batch would make more jobs than it lists; remove it and vary the options instead.');
  }
  const keywords = environment.findStyleKeywords(text);
  if (keywords.length > 0) {
    const listed = joinWords(keywords.map((keyword) => `“${keyword}”`));
    warning('style-keyword', 'prompt', `${listed} ${keywords.length === 1 ? 'describes' : 'describe'} a style; the --sref already carries the style, so style words can pull against it.`);
  }
  return { issues, jobs };
}

function checkPromptStyleReference(
  parameters: readonly PromptParameter[],
  projectReference: StyleReference | null,
  error: (code: string, field: string, message: string) => void,
): void {
  const inspection = inspectStyleParameters(parameters);
  const expected = projectReference ? formatStyleReference(projectReference) : null;
  if (inspection.status === 'missing') {
    error('sref-missing', 'prompt', expected ? `The prompt has no --sref; end it with ${expected}.` : 'The prompt has no --sref.');
  } else if (inspection.status === 'invalid') {
    error('sref-invalid', 'prompt', `The prompt's style reference cannot be read: ${inspection.error}`);
  } else if (inspection.duplicated) {
    error('sref-duplicate', 'prompt', 'The prompt gives --sref, --sw or --sv more than once; keep one of each.');
  } else if (projectReference && expected && !sameStyleReference(inspection.reference, projectReference)) {
    error('sref-mismatch', 'prompt', `The prompt uses ${formatStyleReference(inspection.reference)}, but this project's style reference is ${expected}.`);
  }
}

function checkStyleReferences(spec: DatasetSpecification, context: ValidationContext): ValidationIssue[] {
  const project = parseSrefInput(context.srefCode);
  if (!project.ok) {
    return [{ severity: 'error', code: 'project-sref-invalid', field: 'sref_code', message: `This project has no valid style reference (${project.error}) Set it on the upload step.` }];
  }
  const stated = parseSrefInput(spec.sref_code);
  if (!stated.ok) {
    return [{ severity: 'error', code: 'sref-code-invalid', field: 'sref_code', message: `sref_code cannot be read: ${stated.error}` }];
  }
  if (!sameStyleReference(stated.reference, project.reference)) {
    return [{ severity: 'error', code: 'sref-code-mismatch', field: 'sref_code', message: `sref_code is “${stated.canonical}”, but this project's style reference is “${project.canonical}”.` }];
  }
  return [];
}

function checkBatchCount(count: number): ValidationIssue[] {
  if (count >= MIN_BATCHES && count <= MAX_BATCHES) return [];
  const advice = count < MIN_BATCHES ? `add ${MIN_BATCHES - count} more` : `remove ${count - MAX_BATCHES}`;
  return [{
    severity: 'error',
    code: 'batch-count',
    field: 'permutation_batches',
    message: `There ${count === 1 ? 'is 1 batch' : `are ${count} batches`}; a dataset needs ${MIN_BATCHES} to ${MAX_BATCHES}, so ${advice}.`,
  }];
}

function checkBatchNumbers(batches: readonly PermutationBatch[]): ValidationIssue[] {
  const firstIndexByNumber = new Map<number, number>();
  const issues: ValidationIssue[] = [];
  batches.forEach((batch, index) => {
    const first = firstIndexByNumber.get(batch.batch_number);
    if (first === undefined) {
      firstIndexByNumber.set(batch.batch_number, index);
    } else {
      issues.push({
        severity: 'error',
        code: 'batch-number-duplicate',
        batchIndex: index,
        field: 'batch_number',
        message: `Batch number ${batch.batch_number} is already used by “${batches[first]?.batch_name}”; batch numbers must be unique.`,
      });
    }
  });
  return issues;
}

function checkDuplicatePrompts(batches: readonly PermutationBatch[]): ValidationIssue[] {
  const firstIndexByPrompt = new Map<string, number>();
  const issues: ValidationIssue[] = [];
  batches.forEach((batch, index) => {
    const key = tidySpaces(batch.prompt.replace(/\s+/g, ' ')).toLowerCase();
    if (key === '') return;
    const first = firstIndexByPrompt.get(key);
    if (first === undefined) {
      firstIndexByPrompt.set(key, index);
    } else {
      issues.push({
        severity: 'warning',
        code: 'prompt-duplicate',
        batchIndex: index,
        field: 'prompt',
        message: `This prompt is the same as batch ${batches[first]?.batch_number} “${batches[first]?.batch_name}”; the two batches would make the same images.`,
      });
    }
  });
  return issues;
}

function checkDistribution(spec: DatasetSpecification): ValidationIssue[] {
  const shares = spec.training_recommendations.optimal_subject_distribution;
  const total = Math.round(shares.reduce((sum, share) => sum + share.percentage, 0) * 10) / 10;
  const gap = Math.abs(total - 100);
  if (gap <= DISTRIBUTION_WARNING_TOLERANCE) return [];
  const looksLikeFractions = total > 0 && total <= 1.5 && shares.every((share) => share.percentage <= 1);
  const hint = looksLikeFractions ? ' The shares look like fractions; write them as percentages.' : ' Adjust the shares.';
  return [{
    severity: gap > DISTRIBUTION_ERROR_TOLERANCE ? 'error' : 'warning',
    code: 'distribution-sum',
    field: 'optimal_subject_distribution',
    message: `The subject distribution adds up to ${total}% instead of 100%.${hint}`,
  }];
}

function checkDatasetSize(spec: DatasetSpecification, totalJobs: number): ValidationIssue[] {
  const target = spec.training_recommendations.recommended_dataset_size;
  const images = totalJobs * IMAGES_PER_JOB;
  const produced = `The batches make ${formatCount(totalJobs)} ${plural(totalJobs, 'job')} (${formatCount(images)} images)`;
  let message: string | null = null;
  if (images < target) {
    message = `${produced}, fewer than the recommended dataset size of ${formatCount(target)}; add batches or lower the recommendation.`;
  } else if (images < target * 2) {
    message = `${produced} for a dataset of ${formatCount(target)}; that leaves little room to keep only the best images.`;
  }
  return message ? [{ severity: 'warning', code: 'dataset-size', field: 'recommended_dataset_size', message }] : [];
}

/**
 * The first option written twice in the same group (ignoring case and spacing), at any depth.
 * Such a repeat makes identical jobs; checking the tree avoids expanding every prompt.
 */
function findRepeatedOption(parts: readonly PromptPart[]): string | null {
  for (const part of parts) {
    if (part.kind !== 'group') continue;
    const seen = new Set<string>();
    for (const option of part.options) {
      const key = tidySpaces(option.source).toLowerCase();
      if (seen.has(key)) return option.source;
      seen.add(key);
      const nested = findRepeatedOption(option.parts);
      if (nested !== null) return nested;
    }
  }
  return null;
}

function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
