/** A project: what the user is working on, as stored locally and in `.lora-project` files. */
import { z } from 'zod';
import { DatasetSpecificationSchema } from './schema';

export const PROJECT_STEPS = ['upload', 'analysis', 'batches', 'export'] as const;
export type ProjectStep = (typeof PROJECT_STEPS)[number];

export const ACCEPTED_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type AcceptedImageType = (typeof ACCEPTED_IMAGE_TYPES)[number];
export const MIN_IMAGES = 3;
export const MAX_IMAGES = 10;

export const ANALYSIS_MODES = ['cloud', 'offline'] as const;
export type AnalysisModeUsed = (typeof ANALYSIS_MODES)[number];

/** Metadata of an uploaded style image; the bytes live beside it (IndexedDB blob or file). */
export const ImageMetaSchema = z.strictObject({
  id: z.string().min(1).max(100),
  name: z.string().min(1).max(255),
  type: z.enum(ACCEPTED_IMAGE_TYPES),
  size: z.number().int().min(1),
  width: z.number().int().min(1),
  height: z.number().int().min(1),
});
export type ImageMeta = z.infer<typeof ImageMetaSchema>;

/** How the current spec was produced. */
export const AnalysisInfoSchema = z.strictObject({
  mode_used: z.enum(ANALYSIS_MODES),
  fallback_used: z.boolean(),
  /** Model id (Claude model or offline variant + dtype). */
  model: z.string().max(200),
  /** Offline only: 'webgpu' | 'wasm'. */
  device: z.string().max(20).optional(),
  completedAt: z.number().int(),
});
export type AnalysisInfo = z.infer<typeof AnalysisInfoSchema>;

export const ProjectSchema = z.strictObject({
  id: z.string().min(1).max(100),
  name: z.string().trim().min(1).max(120),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  srefCode: z.string().max(500),
  images: z.array(ImageMetaSchema).max(MAX_IMAGES),
  spec: DatasetSpecificationSchema.nullable(),
  analysis: AnalysisInfoSchema.nullable(),
  step: z.enum(PROJECT_STEPS),
  /** The bundled demo: its spec is an example written by hand, not an analysis. */
  isExample: z.boolean(),
});
export type Project = z.infer<typeof ProjectSchema>;

/**
 * A project brought in from outside (a file, the example, another tab's copy) with new ids for the
 * project and every image, so it can never share, or overwrite, records of a project already stored.
 */
export function withFreshIds<T extends { meta: ImageMeta }>(
  project: Project,
  images: readonly T[],
  newId: () => string,
): { project: Project; images: T[] } {
  const ids = new Map(project.images.map((meta) => [meta.id, newId()]));
  const renamed = (meta: ImageMeta): ImageMeta => ({ ...meta, id: ids.get(meta.id) ?? newId() });
  return {
    // A project is JSON data (it round-trips through project files): a JSON copy is a deep copy.
    project: { ...(JSON.parse(JSON.stringify(project)) as Project), id: newId(), images: project.images.map(renamed) },
    images: images.map((image) => ({ ...image, meta: { ...image.meta, id: ids.get(image.meta.id) ?? newId() } })),
  };
}
