/**
 * The hook for captioning images that match no job with the offline model. The offline engine
 * implements it (a short caption prompt in the inference worker) and passes it to
 * <TrainingSetView captioner={...} />; without it, the builder simply does not offer the button.
 */
export interface ImageCaptioner {
  /** Whether the model is installed and can run now (the button is shown only then). */
  isAvailable(): Promise<boolean>;
  /** A short plain description of the picture's content (no style words, no trigger). */
  caption(image: Blob, signal?: AbortSignal): Promise<string>;
}
