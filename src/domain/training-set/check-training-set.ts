/**
 * Checks before export: counts per batch and category against the specification's plan,
 * near-duplicate images, images too small to train on, images without any caption text, and the
 * trigger word. Warnings inform; errors block the export.
 *
 * The plan: recommended_dataset_size images, split over categories by optimal_subject_distribution
 * and, within a category, evenly over its batches. A batch is short when it has under 75% of its
 * planned images, and over when it has more than 125% (+1); a category is off when its share is
 * more than CATEGORY_TOLERANCE points from the recommendation.
 */
import type { DatasetSpecification } from '../schema';
import { triggerWordProblem, type CaptionSettings } from './captions';
import { NEAR_DUPLICATE_MAX_DISTANCE, hammingDistance } from './perceptual-hash';
import { descriptionOf, type TrainingImage } from './training-image';
import type { TrainingJob } from './training-jobs';

/** SD 1.5 trains at 512 px; anything smaller on the short side is upscaled and blurs the style. */
export const DEFAULT_MIN_SHORT_SIDE = 512;
export const CATEGORY_TOLERANCE = 10;

export type CountStatus = 'ok' | 'short' | 'over' | 'unplanned';

export interface BatchCount {
  batchNumber: number;
  batchName: string;
  category: string;
  /** Null when the batch's category is not in the recommended distribution. */
  planned: number | null;
  actual: number;
  status: CountStatus;
}

export interface CategoryShare {
  category: string;
  recommendedPercent: number | null;
  actual: number;
  actualPercent: number;
  status: 'ok' | 'off' | 'unplanned';
}

export interface CheckIssue {
  severity: 'error' | 'warning';
  code: 'trigger-word' | 'no-images' | 'total' | 'batch-short' | 'category-off' | 'duplicates' | 'too-small' | 'no-caption';
  message: string;
}

export interface TrainingSetCheck {
  total: number;
  recommendedTotal: number;
  batches: BatchCount[];
  categories: CategoryShare[];
  /** Groups of image ids that are the same picture (perceptual hash within the threshold). */
  duplicates: string[][];
  tooSmall: string[];
  /** Images with no job and no description: their caption is the trigger and class only. */
  withoutCaption: string[];
  issues: CheckIssue[];
  canExport: boolean;
}

export interface CheckInput {
  spec: DatasetSpecification;
  jobs: readonly TrainingJob[];
  images: readonly TrainingImage[];
  captions: CaptionSettings;
  minShortSide?: number;
}

export function checkTrainingSet(input: CheckInput): TrainingSetCheck {
  const { spec, jobs, images } = input;
  const jobsByKey = new Map(jobs.map((job) => [job.key, job]));
  const recommendedTotal = spec.training_recommendations.recommended_dataset_size;
  const batches = countBatches(spec, images, jobsByKey);
  const categories = shareCategories(spec, images, jobsByKey);
  const duplicates = findNearDuplicates(images);
  const minShortSide = input.minShortSide ?? DEFAULT_MIN_SHORT_SIDE;
  const tooSmall = images.filter((image) => Math.min(image.width, image.height) < minShortSide).map((image) => image.id);
  const withoutCaption = images.filter((image) => descriptionOf(image, jobsByKey).trim() === '').map((image) => image.id);

  const issues: CheckIssue[] = [];
  const trigger = triggerWordProblem(input.captions.triggerWord);
  if (trigger) issues.push({ severity: 'error', code: 'trigger-word', message: trigger });
  if (images.length === 0) {
    issues.push({ severity: 'error', code: 'no-images', message: 'Add the generated images first (drop them or a zip above).' });
    return { total: 0, recommendedTotal, batches, categories, duplicates, tooSmall, withoutCaption, issues, canExport: false };
  }
  if (images.length < recommendedTotal * 0.8) {
    issues.push({ severity: 'warning', code: 'total', message: `${plural(images.length, 'image')} in the set; the plan recommends ${recommendedTotal}.` });
  }
  for (const batch of batches.filter((entry) => entry.status === 'short')) {
    issues.push({ severity: 'warning', code: 'batch-short', message: `Batch ${batch.batchNumber} (${batch.batchName}) has ${batch.actual} of the ${batch.planned} planned images.` });
  }
  for (const category of categories.filter((entry) => entry.status === 'off')) {
    issues.push({
      severity: 'warning',
      code: 'category-off',
      message: `"${category.category}" is ${formatPercent(category.actualPercent)} of the set; the recommendation is ${formatPercent(category.recommendedPercent ?? 0)}.`,
    });
  }
  if (duplicates.length > 0) {
    const extra = duplicates.reduce((sum, group) => sum + group.length - 1, 0);
    issues.push({ severity: 'warning', code: 'duplicates', message: `${plural(duplicates.length, 'group')} of near-duplicate images: remove ${plural(extra, 'extra copy', 'extra copies')} so no picture is learnt twice.` });
  }
  if (tooSmall.length > 0) {
    issues.push({ severity: 'warning', code: 'too-small', message: `${plural(tooSmall.length, 'image is', 'images are')} under ${minShortSide} px on the short side; upscale or remove them.` });
  }
  if (withoutCaption.length > 0) {
    issues.push({ severity: 'warning', code: 'no-caption', message: `${plural(withoutCaption.length, 'image has', 'images have')} no job and no description: assign a job or write a description.` });
  }
  return {
    total: images.length,
    recommendedTotal,
    batches,
    categories,
    duplicates,
    tooSmall,
    withoutCaption,
    issues,
    canExport: !issues.some((issue) => issue.severity === 'error'),
  };
}

/** Near-duplicate groups by dHash distance (single linkage), each group in import order. */
export function findNearDuplicates(images: readonly Pick<TrainingImage, 'id' | 'dHash'>[], maxDistance = NEAR_DUPLICATE_MAX_DISTANCE): string[][] {
  const parent = images.map((_, index) => index);
  const root = (index: number): number => {
    let current = index;
    while (parent[current] !== current) current = parent[current] as number;
    return current;
  };
  for (let i = 0; i < images.length; i += 1) {
    for (let j = i + 1; j < images.length; j += 1) {
      if (hammingDistance((images[i] as TrainingImage).dHash, (images[j] as TrainingImage).dHash) <= maxDistance) parent[root(j)] = root(i);
    }
  }
  const groups = new Map<number, string[]>();
  images.forEach((image, index) => groups.set(root(index), [...(groups.get(root(index)) ?? []), image.id]));
  return [...groups.values()].filter((group) => group.length > 1);
}

function countBatches(spec: DatasetSpecification, images: readonly TrainingImage[], jobsByKey: ReadonlyMap<string, TrainingJob>): BatchCount[] {
  const actual = new Map<number, number>();
  for (const image of images) {
    const job = image.jobKey ? jobsByKey.get(image.jobKey) : undefined;
    if (job) actual.set(job.batchNumber, (actual.get(job.batchNumber) ?? 0) + 1);
  }
  const batchesPerCategory = new Map<string, number>();
  for (const batch of spec.permutation_batches) batchesPerCategory.set(categoryKey(batch.category), (batchesPerCategory.get(categoryKey(batch.category)) ?? 0) + 1);
  return spec.permutation_batches.map((batch) => {
    const share = recommendedPercent(spec, batch.category);
    const planned = share === null ? null : Math.round((spec.training_recommendations.recommended_dataset_size * share) / 100 / (batchesPerCategory.get(categoryKey(batch.category)) ?? 1));
    const count = actual.get(batch.batch_number) ?? 0;
    const status: CountStatus = planned === null ? 'unplanned' : count < planned * 0.75 ? 'short' : count > planned * 1.25 + 1 ? 'over' : 'ok';
    return { batchNumber: batch.batch_number, batchName: batch.batch_name, category: batch.category, planned, actual: count, status };
  });
}

function shareCategories(spec: DatasetSpecification, images: readonly TrainingImage[], jobsByKey: ReadonlyMap<string, TrainingJob>): CategoryShare[] {
  const counts = new Map<string, { category: string; actual: number }>();
  for (const entry of spec.training_recommendations.optimal_subject_distribution) counts.set(categoryKey(entry.category), { category: entry.category, actual: 0 });
  for (const batch of spec.permutation_batches) if (!counts.has(categoryKey(batch.category))) counts.set(categoryKey(batch.category), { category: batch.category, actual: 0 });
  let assigned = 0;
  for (const image of images) {
    const job = image.jobKey ? jobsByKey.get(image.jobKey) : undefined;
    if (!job) continue;
    const entry = counts.get(categoryKey(job.category));
    if (entry) entry.actual += 1;
    assigned += 1;
  }
  return [...counts.values()].map(({ category, actual }) => {
    const recommended = recommendedPercent(spec, category);
    const actualPercent = assigned === 0 ? 0 : (actual / assigned) * 100;
    const status = recommended === null ? 'unplanned' : assigned > 0 && Math.abs(actualPercent - recommended) > CATEGORY_TOLERANCE ? 'off' : 'ok';
    return { category, recommendedPercent: recommended, actual, actualPercent, status };
  });
}

function recommendedPercent(spec: DatasetSpecification, category: string): number | null {
  const entry = spec.training_recommendations.optimal_subject_distribution.find((candidate) => categoryKey(candidate.category) === categoryKey(category));
  return entry ? entry.percentage : null;
}

function categoryKey(category: string): string {
  return category.trim().toLowerCase();
}

function formatPercent(value: number): string {
  return `${Math.round(value)}%`;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
