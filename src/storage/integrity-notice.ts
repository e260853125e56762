/**
 * The one-time notice for users upgrading from storage version 1: which projects list images that
 * are missing or that another project owns. Found once, during the upgrade; shown until dismissed.
 */
import type { Project } from '../domain/project';

export const INTEGRITY_NOTICE_KEY = 'integrity-notice';

export interface ProjectIntegrityProblem {
  projectId: string;
  projectName: string;
  /** Images the project lists whose bytes are stored nowhere. */
  missing: number;
  /** Images the project lists whose stored record belongs to another project. */
  ownedElsewhere: number;
}

export interface IntegrityNotice {
  foundAt: number;
  projects: ProjectIntegrityProblem[];
}

export function findIntegrityProblems(
  projects: readonly Pick<Project, 'id' | 'name' | 'images'>[],
  images: readonly { id: string; projectId: string }[],
): ProjectIntegrityProblem[] {
  const ownerOf = new Map(images.map((image) => [image.id, image.projectId]));
  return projects.flatMap((project) => {
    let missing = 0;
    let ownedElsewhere = 0;
    for (const { id } of project.images) {
      const owner = ownerOf.get(id);
      if (owner === undefined) missing += 1;
      else if (owner !== project.id) ownedElsewhere += 1;
    }
    return missing + ownedElsewhere > 0 ? [{ projectId: project.id, projectName: project.name, missing, ownedElsewhere }] : [];
  });
}

export function isIntegrityNotice(value: unknown): value is IntegrityNotice {
  return typeof value === 'object' && value !== null && Array.isArray((value as IntegrityNotice).projects);
}
