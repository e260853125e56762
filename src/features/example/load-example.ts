/** Builds the no-install demo: painted sample images and a hand-written example spec. */
import type { Project } from '../../domain/project';
import type { LeaveOptions, ProjectActions } from '../project/create-project-store';
import { newProject } from '../project/create-project-store';
import { EXAMPLE_SPEC, EXAMPLE_SREF } from '../../domain/example-spec';
import { paintExampleImages } from './paint-example-images';

export async function loadExampleProject(actions: ProjectActions, options?: LeaveOptions): Promise<void> {
  const painted = await paintExampleImages();
  const images = painted.map(({ name, blob, width, height }) => ({
    meta: { id: crypto.randomUUID(), name, type: 'image/png' as const, size: blob.size, width, height },
    blob,
  }));
  const project: Project = {
    ...newProject('Example: retro travel posters'),
    srefCode: EXAMPLE_SREF,
    images: images.map((image) => image.meta),
    spec: structuredClone(EXAMPLE_SPEC),
    step: 'batches',
    isExample: true,
  };
  await actions.adopt(project, images, options);
}
