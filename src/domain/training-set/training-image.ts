/** A generated image in a project's training set (its bytes and thumbnail are stored beside it). */
import type { AcceptedImageType } from '../project';

export type AssignedBy = 'file-name' | 'hand';

export interface TrainingImage {
  id: string;
  /** Name as imported (zip entries keep their folder path). */
  fileName: string;
  type: AcceptedImageType;
  size: number;
  width: number;
  height: number;
  /** 64-bit perceptual hash (16 hex characters), see perceptual-hash.ts. */
  dHash: string;
  /** The job that made it, matched from the file name or chosen by the user; null when unknown. */
  jobKey: string | null;
  assignedBy: AssignedBy | null;
  /** The user's own description (typed, or from the offline captioner); replaces the job's. */
  description: string | null;
  addedAt: number;
}

/** The description a caption is made from: the user's text, else the job's, else nothing. */
export function descriptionOf(image: Pick<TrainingImage, 'description' | 'jobKey'>, jobsByKey: ReadonlyMap<string, { description: string }>): string {
  if (image.description !== null) return image.description;
  return image.jobKey ? (jobsByKey.get(image.jobKey)?.description ?? '') : '';
}
