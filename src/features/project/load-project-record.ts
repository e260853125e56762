/**
 * Loads a stored project for display, with any changes the unsaved journal kept from a page that
 * closed before its save: applied when nothing was saved since they were made, handed back as a
 * conflict when another version was saved later, dropped when the project was deleted.
 */
import type { Project } from '../../domain/project';
import type { ProjectRepository } from '../../storage/project-repository';
import { takeJournal } from '../../storage/unsaved-journal';

export interface LoadedProject {
  project: Project;
  revision: number;
  blobs: Map<string, Blob>;
  /** The project shown is the journal's copy, not saved yet. */
  applyJournal: boolean;
  /** A journal copy made on an older revision than the one stored since. */
  conflictingJournal: Project | null;
}

export async function loadProjectRecord(repository: Pick<ProjectRepository, 'load'>, id: string): Promise<LoadedProject | null> {
  const [record, journal] = await Promise.all([repository.load(id), takeJournal(id).catch(() => null)]);
  if (!record) {
    // Never stored (a new project closed within its first save): the journal is all there is.
    if (journal && journal.baseRevision === 0) return { project: journal.project, revision: 0, blobs: new Map(), applyJournal: true, conflictingJournal: null };
    return null;
  }
  const blobs = new Map(record.images.map((image) => [image.id, image.blob]));
  if (!journal || journal.project.updatedAt <= record.project.updatedAt) {
    // No journal, or one superseded by a later save (of this tab or another).
    return { project: record.project, revision: record.revision, blobs, applyJournal: false, conflictingJournal: null };
  }
  if (journal.baseRevision === record.revision) {
    return { project: journal.project, revision: record.revision, blobs, applyJournal: true, conflictingJournal: null };
  }
  return { project: record.project, revision: record.revision, blobs, applyJournal: false, conflictingJournal: journal.project };
}
