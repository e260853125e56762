/** The order images go into a training zip. */
import type { TrainingImage } from './training-image';
import type { TrainingJob } from './training-jobs';

/** Zip order: images of known jobs by batch and job, then the rest by name. */
export function exportOrder(images: readonly TrainingImage[], jobsByKey: ReadonlyMap<string, TrainingJob>): TrainingImage[] {
  const rank = (image: TrainingImage) => {
    const job = image.jobKey ? jobsByKey.get(image.jobKey) : undefined;
    return job ? [0, job.batchNumber, job.jobIndex] : [1, 0, 0];
  };
  return [...images].sort((x, y) => {
    const [a, b] = [rank(x), rank(y)];
    return (a[0] ?? 0) - (b[0] ?? 0) || (a[1] ?? 0) - (b[1] ?? 0) || (a[2] ?? 0) - (b[2] ?? 0) || x.fileName.localeCompare(y.fileName);
  });
}
