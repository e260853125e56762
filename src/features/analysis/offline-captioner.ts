/**
 * The training-set builder's ImageCaptioner, backed by the offline model: the image is prepared
 * like an analysis image (downscaled, EXIF dropped), then captioned in the inference worker.
 */
import type { ImageCaptioner } from '../training-set/image-captioner';
import type { LazyOfflineEngine } from './lazy-offline-engine';

export function createOfflineCaptioner(engine: Pick<LazyOfflineEngine, 'caption' | 'isAvailable'>): ImageCaptioner {
  return {
    isAvailable: () => engine.isAvailable(),
    async caption(image, signal) {
      const { prepareImage } = await import('../../analysis/image-prep');
      const name = image instanceof File ? image.name : 'training image';
      return engine.caption(await prepareImage(image, name), signal);
    },
  };
}
