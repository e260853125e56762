/** A project's style images as the UI holds them, and a fresh project. */
import type { ImageMeta, Project } from '../../domain/project';

export interface ProjectImage {
  meta: ImageMeta;
  blob: Blob;
  /** Object URL for thumbnails; revoked when the image leaves the view. */
  url: string;
}

export function newProject(name = 'Untitled project'): Project {
  const now = Date.now();
  return {
    id: crypto.randomUUID(),
    name,
    createdAt: now,
    updatedAt: now,
    srefCode: '',
    images: [],
    spec: null,
    analysis: null,
    step: 'upload',
    isExample: false,
  };
}
