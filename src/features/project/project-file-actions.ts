/**
 * Save the current project as a `.lora-project` file, or open a file as a new project: a
 * `.lora-project` (validated strictly), or a specification (this app's JSON export, the original
 * desktop app's export or project file), which becomes a project with that spec and no images.
 * Nothing is imported on error.
 */
import { MAX_PROJECT_FILE_BYTES, PROJECT_FILE_FORMAT, parseProjectFile, serializeProjectFile } from '../../domain/project-file';
import { readSpecFile } from '../../domain/spec-file';
import { exportFileName } from '../../domain/exports';
import { ProjectFileError } from '../../errors';
import { downloadText } from '../../ui/download';
import type { LeaveOptions, ProjectActions, ProjectState } from './create-project-store';
import { newProject } from './project-images';

export async function saveProjectFile(state: ProjectState): Promise<void> {
  const project = state.project;
  if (!project) return;
  const images = await Promise.all(state.images.map(async (image) => ({ meta: image.meta, bytes: new Uint8Array(await image.blob.arrayBuffer()) })));
  const text = serializeProjectFile(JSON.parse(JSON.stringify(project)), images);
  downloadText(exportFileName(project.name, 'project'), text, 'application/json');
}

export type OpenedFile =
  | { kind: 'project'; name: string }
  /** A specification opened as a new project, with what it was and what it lacks. */
  | { kind: 'spec'; name: string; description: string; changes: string[]; missing: string[] };

/** Opens a file as a new project (new ids for it and its images: nothing already stored is touched). */
export async function openProjectFile(file: File, actions: ProjectActions, options?: LeaveOptions): Promise<OpenedFile> {
  if (file.size > MAX_PROJECT_FILE_BYTES) {
    throw new ProjectFileError(`it is ${(file.size / 1024 / 1024).toFixed(0)} MB; the limit is ${MAX_PROJECT_FILE_BYTES / 1024 / 1024} MB.`);
  }
  const text = await file.text();
  if (isProjectFileText(text)) {
    const { project, images } = parseProjectFile(text, file.size);
    await actions.adopt(
      project,
      images.map(({ meta, bytes }) => ({ meta, blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: meta.type }) })),
      options,
    );
    return { kind: 'project', name: project.name };
  }
  const opened = readSpecFile(text, file.size);
  const name = `${file.name.replace(/\.[^.]+$/, '').trim() || 'Imported specification'} (imported)`.slice(0, 120);
  // Results first, as after an analysis; the images are the user's to add.
  await actions.adopt({ ...newProject(name), srefCode: opened.srefCode, spec: opened.spec, step: 'analysis' }, [], options);
  return { kind: 'spec', name, description: opened.description, changes: opened.changes, missing: opened.missing.filter(Boolean) };
}

/** A `.lora-project` names its format first (serializeProjectFile); a spec file never does. */
function isProjectFileText(text: string): boolean {
  return new RegExp(`^\\s*\\{\\s*"format"\\s*:\\s*"${PROJECT_FILE_FORMAT}"`).test(text.slice(0, 200));
}
