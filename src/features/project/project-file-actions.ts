/** Save the current project as a `.lora-project` file, or open one (validated strictly; nothing imported on error). */
import { MAX_PROJECT_FILE_BYTES, parseProjectFile, serializeProjectFile } from '../../domain/project-file';
import { exportFileName } from '../../domain/exports';
import { ProjectFileError } from '../../errors';
import { downloadText } from '../../ui/download';
import type { LeaveOptions, ProjectActions, ProjectState } from './create-project-store';

export async function saveProjectFile(state: ProjectState): Promise<void> {
  const project = state.project;
  if (!project) return;
  const images = await Promise.all(state.images.map(async (image) => ({ meta: image.meta, bytes: new Uint8Array(await image.blob.arrayBuffer()) })));
  const text = serializeProjectFile(JSON.parse(JSON.stringify(project)), images);
  downloadText(exportFileName(project.name, 'project'), text, 'application/json');
}

/** Opens a project file as a new project (new ids for it and its images: the original stays untouched). */
export async function openProjectFile(file: File, actions: ProjectActions, options?: LeaveOptions): Promise<string> {
  if (file.size > MAX_PROJECT_FILE_BYTES) {
    throw new ProjectFileError(`it is ${(file.size / 1024 / 1024).toFixed(0)} MB; the limit is ${MAX_PROJECT_FILE_BYTES / 1024 / 1024} MB.`);
  }
  const { project, images } = parseProjectFile(await file.text(), file.size);
  await actions.adopt(
    project,
    images.map(({ meta, bytes }) => ({ meta, blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: meta.type }) })),
    options,
  );
  return project.name;
}
