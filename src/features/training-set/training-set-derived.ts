/** What the training-set view derives from the project's spec and the stored images: jobs, checks, waiting images. */
import { createMemo } from 'solid-js';
import type { Project } from '../../domain/project';
import { checkTrainingSet, type TrainingSetCheck } from '../../domain/training-set/check-training-set';
import { matchImagesToJobs, type ImageMatch } from '../../domain/training-set/match-images';
import type { TrainingImage } from '../../domain/training-set/training-image';
import { listTrainingJobs, type JobListing } from '../../domain/training-set/training-jobs';
import type { TrainingSetSettings } from '../../domain/training-set/training-set-settings';

export interface WaitingImage {
  image: TrainingImage;
  /** Job keys the matcher suggests, best first. */
  suggestions: string[];
}

export function createTrainingSetDerived(project: () => Project, state: { images: TrainingImage[]; settings: TrainingSetSettings }) {
  const listing = createMemo<JobListing>(() => {
    const spec = project().spec;
    return spec ? listTrainingJobs(spec) : { jobs: [], skippedBatches: [] };
  });
  const jobsByKey = createMemo(() => new Map(listing().jobs.map((job) => [job.key, job])));
  const check = createMemo<TrainingSetCheck | null>(() => {
    const spec = project().spec;
    if (!spec) return null;
    return checkTrainingSet({ spec, jobs: listing().jobs, images: state.images, captions: state.settings.captions, minShortSide: state.settings.minShortSide });
  });
  /** Images with no job (or whose job left the plan), with the matcher's suggestions. */
  const unassigned = createMemo<WaitingImage[]>(() => {
    const waiting = state.images.filter((image) => !image.jobKey || !jobsByKey().has(image.jobKey));
    const matches = matchImagesToJobs(waiting.map((image) => image.fileName), listing().jobs);
    return waiting.map((image, index) => ({ image, suggestions: (matches[index] as ImageMatch).candidates.map((candidate) => candidate.jobKey) }));
  });
  return { listing, jobsByKey, check, unassigned };
}
